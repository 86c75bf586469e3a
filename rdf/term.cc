// parley::Term (include/parley/term.h) and Quad::ToNQuads: validation
// against RDF 1.1 / N-Triples and printing in N-Triples syntax.
//
// Validation messages name the problem, give the 0-based byte offset in the
// offending string (IRI, label or tag) and show the term, with control
// characters escaped and long values shortened.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/str_format.h"
#include "parley/quad.h"
#include "parley/term.h"
#include "rdf/ascii_classes.h"
#include "rdf/ntriples.h"
#include "rdf/syntax.h"

namespace parley {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";
constexpr size_t kMaxShownBytes = 200;

void AppendUchar(unsigned char c, std::string* out) {
  out->append("\\u00");
  out->push_back(kHex[c >> 4]);
  out->push_back(kHex[c & 0xF]);
}

// `value` for a message: control characters escaped, at most about
// kMaxShownBytes bytes (cut before a UTF-8 lead byte).
void AppendShown(std::string_view value, std::string* out) {
  bool cut = value.size() > kMaxShownBytes;
  if (cut) {
    size_t end = kMaxShownBytes;
    while (end > 0 && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) --end;
    value = value.substr(0, end);
  }
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      AppendUchar(u, out);
    } else {
      out->push_back(c);
    }
  }
  if (cut) out->append("...");
}

std::string Shown(const Term& term) {
  std::string out;
  switch (term.kind()) {
    case Term::Kind::kDefaultGraph:
      return "(default graph)";
    case Term::Kind::kIri:
      out = "<";
      AppendShown(term.value(), &out);
      out += ">";
      return out;
    case Term::Kind::kBlankNode:
      out = "_:";
      AppendShown(term.value(), &out);
      return out;
    case Term::Kind::kLiteral:
      out = "\"";
      AppendShown(term.value(), &out);
      out += "\"";
      if (term.datatype() == kRdfLangString) {
        out += "@";
        AppendShown(term.language(), &out);
      } else if (term.datatype() != kXsdString) {
        out += "^^<";
        AppendShown(term.datatype(), &out);
        out += ">";
      }
      return out;
  }
  return out;
}

absl::Status Invalid(std::string_view problem, const Term& term) {
  return absl::InvalidArgumentError(absl::StrFormat("%s: %s", problem, Shown(term)));
}

std::string At(size_t pos) { return absl::StrFormat(" at byte %d", pos); }

// How a code point is named in a message: 'x' (U+0078).
std::string Named(char32_t c, std::string_view s, size_t pos, size_t length) {
  auto code = static_cast<uint32_t>(c);
  if (c == ' ') return "a space";
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
    return absl::StrFormat("a control character (U+%04X)", code);
  }
  return absl::StrFormat("'%s' (U+%04X)", s.substr(pos, length), code);
}

// `what` is "IRI" or "datatype IRI".
absl::Status ValidateIri(std::string_view iri, std::string_view what, const Term& term) {
  if (rdf::FastIriOk(iri)) return absl::OkStatus();
  const std::string name(what);
  if (iri.empty()) return Invalid(name + " is empty", term);
  for (size_t pos = 0; pos < iri.size();) {
    rdf::CodePoint c = rdf::DecodeUtf8(iri, pos);
    if (c.length == 0) return Invalid(name + " is not valid UTF-8" + At(pos), term);
    bool bad = c.value <= 0x20 || (c.value >= 0x7F && c.value <= 0x9F);
    if (c.value < 0x80 && std::string_view("<>\"{}|^`\\").find(static_cast<char>(c.value)) !=
                              std::string_view::npos) {
      bad = true;
    }
    if (bad) {
      return Invalid(name + " contains " + Named(c.value, iri, pos, c.length) + At(pos), term);
    }
    pos += c.length;
  }
  // Absolute: scheme ':' with scheme := [A-Za-z][A-Za-z0-9+.-]*
  size_t colon = iri.find(':');
  bool absolute = colon != std::string_view::npos && colon > 0 &&
                  (rdf::AsciiClassOf(iri[0]) & rdf::kAlpha) != 0;
  for (size_t i = 1; absolute && i < colon; ++i) {
    char c = iri[i];
    absolute = (rdf::AsciiClassOf(c) & rdf::kSchemeChar) != 0;
  }
  if (!absolute) return Invalid(name + " is not absolute (no scheme)", term);
  return absl::OkStatus();
}

// N-Triples PN_CHARS_BASE.
bool IsPnCharsBase(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0xD6) ||
         (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) ||
         (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) ||
         (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) ||
         (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
         (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}

// N-Triples PN_CHARS_U (which, unlike Turtle's, includes ':').
bool IsPnCharsU(char32_t c) { return IsPnCharsBase(c) || c == '_' || c == ':'; }

bool IsPnChars(char32_t c) {
  return IsPnCharsU(c) || c == '-' || (c >= '0' && c <= '9') || c == 0xB7 ||
         (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}

// BLANK_NODE_LABEL := '_:' (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)?
absl::Status ValidateBlankLabel(std::string_view label, const Term& term) {
  if (rdf::FastLabelOk(label)) return absl::OkStatus();
  if (label.empty()) return Invalid("blank node label is empty", term);
  for (size_t pos = 0; pos < label.size();) {
    rdf::CodePoint c = rdf::DecodeUtf8(label, pos);
    if (c.length == 0) {
      return Invalid("blank node label is not valid UTF-8" + At(pos), term);
    }
    bool first = pos == 0;
    bool last = pos + c.length == label.size();
    bool ok = first ? IsPnCharsU(c.value) || (c.value >= '0' && c.value <= '9')
                    : IsPnChars(c.value) || (c.value == '.' && !last);
    if (!ok) {
      std::string where = first ? " at its start" : last ? " at its end" : At(pos);
      return Invalid("blank node label cannot have " + Named(c.value, label, pos, c.length) + where,
                     term);
    }
    pos += c.length;
  }
  return absl::OkStatus();
}

// LANGTAG (without '@'), checked by rdf::FindLanguageTagError.
absl::Status ValidateLanguage(std::string_view tag, const Term& term) {
  const std::optional<rdf::LanguageTagError> error = rdf::FindLanguageTagError(tag);
  if (!error) return absl::OkStatus();
  switch (error->kind) {
    case rdf::LanguageTagError::Kind::kEmpty:
      return Invalid("language tag is empty", term);
    case rdf::LanguageTagError::Kind::kEmptySubtag:
      return Invalid("language tag has an empty subtag" + At(error->pos), term);
    case rdf::LanguageTagError::Kind::kEndsWithDash:
      return Invalid("language tag ends with '-'", term);
    case rdf::LanguageTagError::Kind::kBadCharacter:
      break;
  }
  const auto u = static_cast<unsigned char>(tag[error->pos]);
  std::string shown = u == ' '                  ? "a space"
                      : (u < 0x20 || u >= 0x7F) ? absl::StrFormat("byte 0x%02X", u)
                                                : absl::StrFormat("'%c'", tag[error->pos]);
  return Invalid("language tag contains " + shown + At(error->pos), term);
}

void AppendNTriples(const Term& term, std::string* out) {
  rdf::AppendNTriplesTerm(term.kind(), term.value(), term.datatype(), term.language(), out);
}

}  // namespace

Term Term::Iri(std::string iri) { return Term(Kind::kIri, std::move(iri), "", ""); }

Term Term::BlankNode(std::string label) { return Term(Kind::kBlankNode, std::move(label), "", ""); }

Term Term::Literal(std::string lexical) {
  return Term(Kind::kLiteral, std::move(lexical), std::string(kXsdString), "");
}

Term Term::TypedLiteral(std::string lexical, std::string datatype) {
  return Term(Kind::kLiteral, std::move(lexical), std::move(datatype), "");
}

Term Term::LangLiteral(std::string lexical, std::string language) {
  rdf::AsciiLowerInPlace(language);
  return Term(Kind::kLiteral, std::move(lexical), std::string(kRdfLangString), std::move(language));
}

absl::Status Term::Validate() const {
  switch (kind_) {
    case Kind::kDefaultGraph:
      return absl::OkStatus();
    case Kind::kIri:
      return ValidateIri(value_, "IRI", *this);
    case Kind::kBlankNode:
      return ValidateBlankLabel(value_, *this);
    case Kind::kLiteral:
      if (absl::Status status = ValidateIri(datatype_, "datatype IRI", *this); !status.ok()) {
        return status;
      }
      if (datatype_ == kRdfLangString) return ValidateLanguage(language_, *this);
      if (!language_.empty()) {
        return Invalid("a literal with a language tag must have datatype rdf:langString", *this);
      }
      return absl::OkStatus();
  }
  return Invalid("unknown term kind", *this);
}

std::string Term::ToNTriples() const {
  std::string out;
  out.reserve(value_.size() + datatype_.size() + 8);
  AppendNTriples(*this, &out);
  return out;
}

std::string Quad::ToNQuads() const {
  std::string out;
  AppendNTriples(subject, &out);
  out.push_back(' ');
  AppendNTriples(predicate, &out);
  out.push_back(' ');
  AppendNTriples(object, &out);
  if (!graph.is_default_graph()) {
    out.push_back(' ');
    AppendNTriples(graph, &out);
  }
  out.append(" .");
  return out;
}

}  // namespace parley
