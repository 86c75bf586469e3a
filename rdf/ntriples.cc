#include "rdf/ntriples.h"

namespace parley::rdf {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

void AppendUchar(unsigned char c, std::string* out) {
  out->append("\\u00");
  out->push_back(kHex[c >> 4]);
  out->push_back(kHex[c & 0xF]);
}

void AppendIri(std::string_view iri, std::string* out) {
  out->push_back('<');
  for (char c : iri) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || std::string_view("<>\"{}|^`\\").find(c) != std::string_view::npos) {
      AppendUchar(u, out);  // only in invalid IRIs; keeps the line parseable
    } else {
      out->push_back(c);
    }
  }
  out->push_back('>');
}

void AppendQuoted(std::string_view text, std::string* out) {
  out->push_back('"');
  for (char c : text) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          AppendUchar(static_cast<unsigned char>(c), out);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

}  // namespace

void AppendNTriplesTerm(Term::Kind kind, std::string_view value, std::string_view datatype,
                        std::string_view language, std::string* out) {
  switch (kind) {
    case Term::Kind::kDefaultGraph:
      return;
    case Term::Kind::kIri:
      AppendIri(value, out);
      return;
    case Term::Kind::kBlankNode:
      out->append("_:");
      out->append(value);
      return;
    case Term::Kind::kLiteral:
      AppendQuoted(value, out);
      if (!language.empty()) {
        out->push_back('@');
        out->append(language);
      } else if (!datatype.empty() && datatype != kXsdString) {
        out->append("^^");
        AppendIri(datatype, out);
      }
      return;
  }
}

}  // namespace parley::rdf
