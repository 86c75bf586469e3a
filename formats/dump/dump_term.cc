#include "formats/dump/dump_term.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "engine/status_macros.h"
#include "engine/term_view.h"
#include "rdf/ascii_classes.h"
#include "rdf/syntax.h"

namespace parley::schema {
namespace {

// Views need not be NUL-terminated (a term key buffer), so texts are sized
// and copied rather than set from a capnp::Text::Reader.
void Copy(std::string_view s, capnp::Text::Builder out) {
  if (!s.empty()) std::memcpy(out.begin(), s.data(), s.size());
}

unsigned Size(std::string_view s) { return static_cast<unsigned>(s.size()); }

std::string_view View(capnp::Text::Reader text) {
  return std::string_view(text.begin(), text.size());
}

int CompareBytes(std::string_view a, std::string_view b) {
  int c = a.compare(b);  // char_traits<char> orders as unsigned char, like memcmp
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int CompareLowered(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    auto x = static_cast<unsigned char>(rdf::AsciiLower(a[i]));
    auto y = static_cast<unsigned char>(rdf::AsciiLower(b[i]));
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// The tag byte of engine/layout/term_codec.h's term key; its ASCII order is the kind
// order of CompareTermKeyOrder.
char KeyTag(const DumpTermView& t) {
  switch (t.kind) {
    case Term::Kind::kIri:
      return 'I';
    case Term::Kind::kBlankNode:
      return 'B';
    case Term::Kind::kLiteral:
      switch (LiteralFormOf(t)) {
        case LiteralForm::kString:
          return 'S';
        case LiteralForm::kLang:
          return 'L';
        case LiteralForm::kTyped:
          return 'T';
      }
      break;
    case Term::Kind::kDefaultGraph:
      break;
  }
  return '\0';
}

}  // namespace

DumpTermView DumpTermView::Of(const Term& term) {
  return DumpTermView{term.kind(), term.value(), term.datatype(), term.language()};
}

// The same fields as the engine's view; it owns the conversion rules.
Term DumpTermView::ToTerm() const {
  return engine::TermView{kind, value, datatype, language}.ToTerm();
}

void DumpTermView::AppendTermKey(std::string* out) const {
  char tag = KeyTag(*this);
  out->push_back(tag);
  if (tag == 'L') {
    for (char c : language) out->push_back(rdf::AsciiLower(c));
    out->push_back('\0');
  } else if (tag == 'T') {
    out->append(datatype);
    out->push_back('\0');
  }
  out->append(value);
}

LiteralForm LiteralFormOf(const DumpTermView& literal) {
  if (!literal.language.empty()) return LiteralForm::kLang;
  if (literal.datatype == kXsdString) return LiteralForm::kString;
  return LiteralForm::kTyped;
}

size_t TermTextWords(const DumpTermView& term, bool datatype_by_id) {
  switch (term.kind) {
    case Term::Kind::kDefaultGraph:
      return 0;
    case Term::Kind::kIri:
    case Term::Kind::kBlankNode:
      return TextWords(term.value.size());
    case Term::Kind::kLiteral:
      switch (LiteralFormOf(term)) {
        case LiteralForm::kString:
          return TextWords(term.value.size());
        case LiteralForm::kLang:
          return TextWords(term.value.size()) + TextWords(term.language.size());
        case LiteralForm::kTyped:
          return TextWords(term.value.size()) +
                 (datatype_by_id ? 0 : TextWords(term.datatype.size()));
      }
  }
  return 0;
}

void SetWireTerm(const DumpTermView& term, uint32_t datatype_id, wire::Term::Builder out) {
  switch (term.kind) {
    case Term::Kind::kDefaultGraph:
      out.setDefaultGraph();
      return;
    case Term::Kind::kIri:
      Copy(term.value, out.initIri(Size(term.value)));
      return;
    case Term::Kind::kBlankNode:
      Copy(term.value, out.initBlankNode(Size(term.value)));
      return;
    case Term::Kind::kLiteral:
      switch (LiteralFormOf(term)) {
        case LiteralForm::kString:
          Copy(term.value, out.initLiteral(Size(term.value)));
          return;
        case LiteralForm::kLang: {
          auto lang = out.initLangLiteral();
          Copy(term.value, lang.initLexical(Size(term.value)));
          Copy(term.language, lang.initLanguage(Size(term.language)));
          return;
        }
        case LiteralForm::kTyped: {
          auto typed = out.initTypedLiteral();
          Copy(term.value, typed.initLexical(Size(term.value)));
          if (datatype_id != 0) {
            typed.getDatatype().setId(datatype_id);
          } else {
            Copy(term.datatype, typed.getDatatype().initIri(Size(term.datatype)));
          }
          return;
        }
      }
  }
}

absl::StatusOr<DumpTermView> TermFromWire(wire::Term::Reader in, const DatatypeTable* datatypes) {
  DumpTermView out;
  switch (in.which()) {
    case wire::Term::DEFAULT_GRAPH:
      return out;
    case wire::Term::IRI:
      out.kind = Term::Kind::kIri;
      out.value = View(in.getIri());
      return out;
    case wire::Term::BLANK_NODE:
      out.kind = Term::Kind::kBlankNode;
      out.value = View(in.getBlankNode());
      return out;
    case wire::Term::LITERAL:
      out.kind = Term::Kind::kLiteral;
      out.value = View(in.getLiteral());
      out.datatype = kXsdString;
      return out;
    case wire::Term::LANG_LITERAL: {
      auto lang = in.getLangLiteral();
      out.kind = Term::Kind::kLiteral;
      out.value = View(lang.getLexical());
      out.datatype = kRdfLangString;
      out.language = View(lang.getLanguage());
      if (out.language.empty()) {
        return absl::DataLossError("language-tagged literal without a language");
      }
      return out;
    }
    case wire::Term::TYPED_LITERAL: {
      auto typed = in.getTypedLiteral();
      auto datatype = typed.getDatatype();
      out.kind = Term::Kind::kLiteral;
      out.value = View(typed.getLexical());
      switch (datatype.which()) {
        case wire::Term::TypedLiteral::Datatype::ID: {
          if (datatypes == nullptr) {
            return absl::DataLossError("a datatype id where only a datatype IRI is allowed");
          }
          uint32_t id = datatype.getId();
          if (id == 0 || id > datatypes->size()) {
            return absl::DataLossError(absl::StrCat("datatype id ", id, " used before it was ",
                                                    "introduced (", datatypes->size(),
                                                    " datatypes so far)"));
          }
          out.datatype = (*datatypes)[id - 1];
          break;
        }
        case wire::Term::TypedLiteral::Datatype::IRI:
          out.datatype = View(datatype.getIri());
          break;
        default:
          return absl::DataLossError(
              absl::StrCat("unknown datatype form ", static_cast<int>(datatype.which())));
      }
      if (out.datatype == kRdfLangString) {
        return absl::DataLossError("typed literal of datatype rdf:langString (needs a language)");
      }
      return out;
    }
  }
  return absl::DataLossError(
      absl::StrCat("unknown term kind ", static_cast<int>(in.which()), " (from a newer format?)"));
}

absl::Status ValidateTerm(const DumpTermView& term) {
  PARLEY_RETURN_IF_ERROR(term.ToTerm().Validate());
  // Term::Validate checks the UTF-8 of IRIs, labels and tags but not of a
  // lexical form; the text readers do (rdf_reader.cc), so a dump must too,
  // or the database takes in what its own N-Quads export cannot give back.
  if (term.kind != Term::Kind::kLiteral || rdf::IsValidUtf8(term.value)) return absl::OkStatus();
  size_t pos = 0;
  while (pos < term.value.size()) {
    const size_t length = rdf::DecodeUtf8(term.value, pos).length;
    if (length == 0) break;
    pos += length;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("the lexical form of a literal is not valid UTF-8 at byte ", pos));
}

absl::Status CheckTermStructure(const DumpTermView& term) {
  switch (term.kind) {
    case Term::Kind::kDefaultGraph:
      return absl::InvalidArgumentError("the default graph is not a term a dump can introduce");
    case Term::Kind::kIri:
    case Term::Kind::kBlankNode:
      return absl::OkStatus();
    case Term::Kind::kLiteral:
      break;
  }
  if (term.datatype.empty()) return absl::InvalidArgumentError("a literal without a datatype");
  if (term.datatype.find('\0') != std::string_view::npos ||
      term.language.find('\0') != std::string_view::npos) {
    return absl::InvalidArgumentError("U+0000 in a datatype IRI or language tag");
  }
  if ((term.datatype == kRdfLangString) != !term.language.empty()) {
    return absl::InvalidArgumentError(
        "a language tag without rdf:langString, or rdf:langString without a language tag");
  }
  return absl::OkStatus();
}

absl::StatusOr<DumpTermView> ParseTermKey(std::string_view key) {
  if (key.empty()) return absl::InvalidArgumentError("empty term key");
  DumpTermView out;
  std::string_view rest = key.substr(1);
  auto split = [&](std::string_view* first) -> bool {
    size_t nul = rest.find('\0');
    if (nul == std::string_view::npos) return false;
    *first = rest.substr(0, nul);
    rest = rest.substr(nul + 1);
    return true;
  };
  switch (key[0]) {
    case 'I':
      out.kind = Term::Kind::kIri;
      break;
    case 'B':
      out.kind = Term::Kind::kBlankNode;
      break;
    case 'S':
      out.kind = Term::Kind::kLiteral;
      out.datatype = kXsdString;
      break;
    case 'L':
      out.kind = Term::Kind::kLiteral;
      out.datatype = kRdfLangString;
      if (!split(&out.language) || out.language.empty()) {
        return absl::InvalidArgumentError("term key 'L' without a language");
      }
      break;
    case 'T':
      out.kind = Term::Kind::kLiteral;
      if (!split(&out.datatype)) return absl::InvalidArgumentError("term key 'T' without 0x00");
      if (out.datatype == kXsdString || out.datatype == kRdfLangString) {
        return absl::InvalidArgumentError("term key 'T' with a datatype of its own form");
      }
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("unknown term key tag ", static_cast<int>(static_cast<uint8_t>(key[0]))));
  }
  out.value = rest;
  return out;
}

int CompareTermKeyOrder(const DumpTermView& a, const DumpTermView& b) {
  char ta = KeyTag(a);
  char tb = KeyTag(b);
  if (ta != tb) return ta < tb ? -1 : 1;
  int c = 0;
  if (ta == 'L') {
    c = CompareLowered(a.language, b.language);
  } else if (ta == 'T') {
    c = CompareBytes(a.datatype, b.datatype);
  }
  return c != 0 ? c : CompareBytes(a.value, b.value);
}

std::string DescribeTerm(const Term& term) {
  if (term.is_default_graph()) return "the default graph";
  std::string text = term.ToNTriples();
  constexpr size_t kMax = 120;
  if (text.size() > kMax) {
    text.resize(kMax);
    text += "...";
  }
  return text;
}

const char* QuadPositionName(QuadPosition position) {
  switch (position) {
    case QuadPosition::kSubject:
      return "subject";
    case QuadPosition::kPredicate:
      return "predicate";
    case QuadPosition::kObject:
      return "object";
    case QuadPosition::kGraph:
      return "graph";
  }
  return "?";
}

bool KindFitsPosition(Term::Kind kind, QuadPosition position) {
  switch (position) {
    case QuadPosition::kSubject:
      return kind == Term::Kind::kIri || kind == Term::Kind::kBlankNode;
    case QuadPosition::kPredicate:
      return kind == Term::Kind::kIri;
    case QuadPosition::kObject:
      return kind != Term::Kind::kDefaultGraph;
    case QuadPosition::kGraph:
      return kind != Term::Kind::kLiteral;
  }
  return false;
}

absl::Status CheckQuadShape(const Quad& quad) {
  const Term* terms[4] = {&quad.subject, &quad.predicate, &quad.object, &quad.graph};
  for (int i = 0; i < 4; ++i) {
    auto position = static_cast<QuadPosition>(i);
    if (!KindFitsPosition(terms[i]->kind(), position)) {
      return absl::InvalidArgumentError(
          absl::StrCat("the ", QuadPositionName(position), " cannot be ", DescribeTerm(*terms[i])));
    }
  }
  return absl::OkStatus();
}

IdQuad PermuteForOrder(const IdQuad& q, DumpQuadOrder order) {
  switch (order) {
    case DumpQuadOrder::kUnspecified:
    case DumpQuadOrder::kSpog:
      return q;
    case DumpQuadOrder::kPosg:
      return {q.predicate, q.object, q.subject, q.graph};
    case DumpQuadOrder::kOspg:
      return {q.object, q.subject, q.predicate, q.graph};
    case DumpQuadOrder::kGspo:
      return {q.graph, q.subject, q.predicate, q.object};
  }
  return q;
}

}  // namespace parley::schema
