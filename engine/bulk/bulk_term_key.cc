#include "engine/bulk/bulk_term_key.h"

#include <array>
#include <cstring>

#include "engine/status_macros.h"
#include "parley/term.h"
#include "rdf/ascii_classes.h"
#include "rdf/syntax.h"

namespace parley::engine {
namespace {

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
        for (char c : term.language) *out++ = rdf::AsciiLower(c);
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
      if (rdf::FastIriOk(body)) return absl::OkStatus();
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
      if (key[0] == 'L' ? rdf::IsValidLanguageTag(head) : rdf::FastIriOk(head))
        return absl::OkStatus();
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
  if (rdf::FastLabelOk(label)) return absl::OkStatus();
  return Term::BlankNode(std::string(label)).Validate();
}

}  // namespace parley::engine
