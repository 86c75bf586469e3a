// term_key grammar: engine/layout/term_codec.h. DecodeTermKey accepts exactly the
// keys EncodeTermKey produces for terms without 0x00 in their IRI, label,
// language tag or datatype, so decode(encode(t)) == t and every accepted key
// re-encodes to itself.
#include "engine/layout/term_codec.h"

#include "engine/status_macros.h"

namespace parley::engine {
namespace {

constexpr char kIriTag = 'I';
constexpr char kBlankTag = 'B';
constexpr char kStringTag = 'S';
constexpr char kLangTag = 'L';
constexpr char kTypedTag = 'T';

absl::Status Corrupt(std::string_view why, std::string_view key) {
  constexpr size_t kShown = 64;
  std::string shown;
  for (char c : key.substr(0, kShown)) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7F) {
      constexpr char kHex[] = "0123456789abcdef";
      shown += "\\x";
      shown += kHex[u >> 4];
      shown += kHex[u & 0xF];
    } else {
      shown += c;
    }
  }
  if (key.size() > kShown) shown += "...";
  return absl::DataLossError(std::string("corrupt term key (") + std::string(why) + "): \"" +
                             shown + "\"");
}

}  // namespace

std::string EncodeTermKey(const Term& term) {
  std::string out;
  AppendTermKey(term, &out);
  return out;
}

void AppendTermKey(const Term& term, std::string* out) {
  PARLEY_CHECK(!term.is_default_graph());
  switch (term.kind()) {
    case Term::Kind::kIri:
      out->push_back(kIriTag);
      out->append(term.value());
      return;
    case Term::Kind::kBlankNode:
      out->push_back(kBlankTag);
      out->append(term.value());
      return;
    case Term::Kind::kLiteral:
      if (term.datatype() == kXsdString) {
        out->reserve(out->size() + 1 + term.value().size());
        out->push_back(kStringTag);
      } else if (term.datatype() == kRdfLangString) {
        out->reserve(out->size() + 2 + term.language().size() + term.value().size());
        out->push_back(kLangTag);
        out->append(term.language());
        out->push_back('\0');
      } else {
        out->reserve(out->size() + 2 + term.datatype().size() + term.value().size());
        out->push_back(kTypedTag);
        out->append(term.datatype());
        out->push_back('\0');
      }
      out->append(term.value());
      return;
    case Term::Kind::kDefaultGraph:
      break;
  }
}

absl::StatusOr<Term> DecodeTermKey(std::string_view key) {
  if (key.empty()) return Corrupt("empty", key);
  std::string_view body = key.substr(1);
  switch (key[0]) {
    case kIriTag:
    case kBlankTag:
      if (body.find('\0') != std::string_view::npos) return Corrupt("0x00 in an IRI or label", key);
      return key[0] == kIriTag ? Term::Iri(std::string(body)) : Term::BlankNode(std::string(body));
    case kStringTag:
      return Term::Literal(std::string(body));
    case kLangTag:
    case kTypedTag: {
      size_t split = body.find('\0');
      if (split == std::string_view::npos) return Corrupt("no 0x00 separator", key);
      std::string_view head = body.substr(0, split);
      std::string lexical(body.substr(split + 1));
      if (key[0] == kLangTag) {
        for (char c : head) {
          if (c >= 'A' && c <= 'Z') return Corrupt("upper-case language tag", key);
        }
        return Term::LangLiteral(std::move(lexical), std::string(head));
      }
      if (head == kXsdString || head == kRdfLangString) {
        return Corrupt("xsd:string or rdf:langString under 'T'", key);
      }
      return Term::TypedLiteral(std::move(lexical), std::string(head));
    }
    default:
      return Corrupt("unknown kind byte", key);
  }
}

}  // namespace parley::engine
