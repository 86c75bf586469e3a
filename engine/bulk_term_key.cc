#include "engine/bulk_term_key.h"

#include <array>
#include <cstring>

#include "engine/status_macros.h"
#include "parley/term.h"

namespace parley::engine {
namespace {

// Byte classes of the ASCII fast paths. A byte outside every class (any
// byte >= 0x80, controls, forbidden punctuation) sends the check to
// Term::Validate(), which either accepts it (non-ASCII UTF-8) or words the
// error.
enum : uint8_t {
  kIriChar = 1,     // allowed anywhere in an IRI
  kSchemeChar = 2,  // [A-Za-z0-9+.-]
  kAlpha = 4,       // [A-Za-z]
  kLabelFirst = 8,  // PN_CHARS_U | [0-9], ASCII part
  kLabelChar = 16,  // PN_CHARS | '.', ASCII part
  kAlnum = 32,      // [A-Za-z0-9]
};

constexpr std::array<uint8_t, 256> MakeClasses() {
  std::array<uint8_t, 256> classes{};
  for (int c = 0x21; c < 0x7F; ++c) classes[c] |= kIriChar;
  for (char c : std::string_view("<>\"{}|^`\\")) {
    classes[static_cast<unsigned char>(c)] &= static_cast<uint8_t>(~kIriChar);
  }
  for (int c = 0; c < 256; ++c) {
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool digit = c >= '0' && c <= '9';
    if (alpha) classes[c] |= kAlpha;
    if (alpha || digit) classes[c] |= kAlnum | kSchemeChar | kLabelFirst | kLabelChar;
    if (c == '+' || c == '.' || c == '-') classes[c] |= kSchemeChar;
    if (c == '_' || c == ':') classes[c] |= kLabelFirst | kLabelChar;
    if (c == '-' || c == '.') classes[c] |= kLabelChar;
  }
  return classes;
}
constexpr std::array<uint8_t, 256> kClasses = MakeClasses();

uint8_t ClassOf(char c) { return kClasses[static_cast<unsigned char>(c)]; }

// True only for IRIs Term::Validate() accepts (a sufficient condition).
bool FastIriOk(std::string_view iri) {
  if (iri.empty() || (ClassOf(iri[0]) & kAlpha) == 0) return false;
  size_t i = 1;
  while (i < iri.size() && (ClassOf(iri[i]) & kSchemeChar) != 0) ++i;
  if (i >= iri.size() || iri[i] != ':') return false;
  for (char c : iri) {
    if ((ClassOf(c) & kIriChar) == 0) return false;
  }
  return true;
}

bool FastLabelOk(std::string_view label) {
  if (label.empty() || (ClassOf(label[0]) & kLabelFirst) == 0) return false;
  for (char c : label.substr(1)) {
    if ((ClassOf(c) & kLabelChar) == 0) return false;
  }
  return label.back() != '.';
}

// Exact: [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*.
bool LanguageOk(std::string_view tag) {
  size_t subtag = 0;
  bool first = true;
  for (char c : tag) {
    if (c == '-') {
      if (subtag == 0) return false;
      first = false;
      subtag = 0;
    } else if ((ClassOf(c) & (first ? kAlpha : kAlnum)) != 0) {
      ++subtag;
    } else {
      return false;
    }
  }
  return subtag > 0;
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

char* Put(std::string_view s, char* out) {
  std::memcpy(out, s.data(), s.size());
  return out + s.size();
}

}  // namespace

size_t TermKeySize(const TermView& term) {
  switch (term.kind) {
    case Term::Kind::kIri:
    case Term::Kind::kBlankNode:
      return 1 + term.value.size();
    case Term::Kind::kLiteral:
      if (!term.language.empty()) return 2 + term.language.size() + term.value.size();
      if (term.datatype == kXsdString) return 1 + term.value.size();
      if (term.datatype == kRdfLangString) return 2 + term.value.size();
      return 2 + term.datatype.size() + term.value.size();
    case Term::Kind::kDefaultGraph:
      break;
  }
  PARLEY_CHECK(false);
  return 0;
}

char* WriteTermKey(const TermView& term, char* out) {
  switch (term.kind) {
    case Term::Kind::kIri:
      *out++ = 'I';
      return Put(term.value, out);
    case Term::Kind::kBlankNode:
      *out++ = 'B';
      return Put(term.value, out);
    case Term::Kind::kLiteral:
      if (!term.language.empty()) {
        *out++ = 'L';
        for (char c : term.language) *out++ = Lower(c);
        *out++ = '\0';
      } else if (term.datatype == kXsdString) {
        *out++ = 'S';
      } else if (term.datatype == kRdfLangString) {
        // ToTerm() makes this a literal of datatype rdf:langString without
        // a tag, whose key is 'L' 0x00 lexical; ValidateTermKey rejects it.
        *out++ = 'L';
        *out++ = '\0';
      } else {
        *out++ = 'T';
        out = Put(term.datatype, out);
        *out++ = '\0';
      }
      return Put(term.value, out);
    case Term::Kind::kDefaultGraph:
      break;
  }
  PARLEY_CHECK(false);
  return out;
}

void AppendTermKey(const TermView& term, std::string* out) {
  const size_t old_size = out->size();
  out->resize(old_size + TermKeySize(term));
  WriteTermKey(term, out->data() + old_size);
}

bool HasNulInTagOrDatatype(const TermView& term) {
  return term.kind == Term::Kind::kLiteral && (term.datatype.find('\0') != std::string_view::npos ||
                                               term.language.find('\0') != std::string_view::npos);
}

absl::Status ValidateTermKey(std::string_view key) {
  PARLEY_CHECK(!key.empty());
  const std::string_view body = key.substr(1);
  switch (key[0]) {
    case 'I':
      if (FastIriOk(body)) return absl::OkStatus();
      return Term::Iri(std::string(body)).Validate();
    case 'B':
      return ValidateBlankLabel(body);
    case 'S':
      return absl::OkStatus();
    case 'L':
    case 'T': {
      const size_t split = body.find('\0');
      PARLEY_CHECK(split != std::string_view::npos);
      const std::string_view head = body.substr(0, split);
      if (key[0] == 'L' ? LanguageOk(head) : FastIriOk(head)) return absl::OkStatus();
      std::string lexical(body.substr(split + 1));
      if (key[0] == 'L') {
        // An empty tag (a tagless rdf:langString literal) fails here too.
        return Term::LangLiteral(std::move(lexical), std::string(head)).Validate();
      }
      return Term::TypedLiteral(std::move(lexical), std::string(head)).Validate();
    }
    default:
      break;
  }
  PARLEY_CHECK(false);
  return absl::OkStatus();
}

absl::Status ValidateBlankLabel(std::string_view label) {
  if (FastLabelOk(label)) return absl::OkStatus();
  return Term::BlankNode(std::string(label)).Validate();
}

}  // namespace parley::engine
