#include "schema/dump_term.h"

#include <string_view>

#include "absl/strings/str_cat.h"

namespace parley::schema {
namespace {

capnp::Text::Reader AsText(const std::string& s) { return capnp::Text::Reader(s.data(), s.size()); }

std::string FromText(capnp::Text::Reader text) { return std::string(text.begin(), text.size()); }

int CompareBytes(std::string_view a, std::string_view b) {
  // char_traits<char>::compare orders as unsigned char, like memcmp.
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

// The tag byte of engine/term_codec.h's term key; its ASCII order is the kind
// order of CompareTermKeyOrder.
char KeyTag(const Term& t) {
  switch (t.kind()) {
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

LiteralForm LiteralFormOf(const Term& literal) {
  if (!literal.language().empty()) return LiteralForm::kLang;
  if (literal.datatype() == kXsdString) return LiteralForm::kString;
  return LiteralForm::kTyped;
}

size_t TermTextWords(const Term& term, bool datatype_by_id) {
  switch (term.kind()) {
    case Term::Kind::kDefaultGraph:
      return 0;
    case Term::Kind::kIri:
    case Term::Kind::kBlankNode:
      return TextWords(term.value().size());
    case Term::Kind::kLiteral:
      switch (LiteralFormOf(term)) {
        case LiteralForm::kString:
          return TextWords(term.value().size());
        case LiteralForm::kLang:
          return TextWords(term.value().size()) + TextWords(term.language().size());
        case LiteralForm::kTyped:
          return TextWords(term.value().size()) +
                 (datatype_by_id ? 0 : TextWords(term.datatype().size()));
      }
  }
  return 0;
}

void SetWireTerm(const Term& term, uint32_t datatype_id, wire::Term::Builder out) {
  switch (term.kind()) {
    case Term::Kind::kDefaultGraph:
      out.setDefaultGraph();
      return;
    case Term::Kind::kIri:
      out.setIri(AsText(term.value()));
      return;
    case Term::Kind::kBlankNode:
      out.setBlankNode(AsText(term.value()));
      return;
    case Term::Kind::kLiteral:
      switch (LiteralFormOf(term)) {
        case LiteralForm::kString:
          out.setLiteral(AsText(term.value()));
          return;
        case LiteralForm::kLang: {
          auto lang = out.initLangLiteral();
          lang.setLexical(AsText(term.value()));
          lang.setLanguage(AsText(term.language()));
          return;
        }
        case LiteralForm::kTyped: {
          auto typed = out.initTypedLiteral();
          typed.setLexical(AsText(term.value()));
          if (datatype_id != 0) {
            typed.getDatatype().setId(datatype_id);
          } else {
            typed.getDatatype().setIri(AsText(term.datatype()));
          }
          return;
        }
      }
  }
}

absl::StatusOr<Term> TermFromWire(wire::Term::Reader in, const DatatypeTable* datatypes) {
  switch (in.which()) {
    case wire::Term::DEFAULT_GRAPH:
      return Term();
    case wire::Term::IRI:
      return Term::Iri(FromText(in.getIri()));
    case wire::Term::BLANK_NODE:
      return Term::BlankNode(FromText(in.getBlankNode()));
    case wire::Term::LITERAL:
      return Term::Literal(FromText(in.getLiteral()));
    case wire::Term::LANG_LITERAL: {
      auto lang = in.getLangLiteral();
      if (lang.getLanguage().size() == 0) {
        return absl::DataLossError("language-tagged literal without a language");
      }
      return Term::LangLiteral(FromText(lang.getLexical()), FromText(lang.getLanguage()));
    }
    case wire::Term::TYPED_LITERAL: {
      auto typed = in.getTypedLiteral();
      auto datatype = typed.getDatatype();
      std::string iri;
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
          iri = (*datatypes)[id - 1];
          break;
        }
        case wire::Term::TypedLiteral::Datatype::IRI:
          iri = FromText(datatype.getIri());
          break;
        default:
          return absl::DataLossError(absl::StrCat("unknown datatype form ",
                                                  static_cast<int>(datatype.which())));
      }
      if (iri == kRdfLangString) {
        return absl::DataLossError("typed literal of datatype rdf:langString (needs a language)");
      }
      if (iri == kXsdString) return Term::Literal(FromText(typed.getLexical()));
      return Term::TypedLiteral(FromText(typed.getLexical()), std::move(iri));
    }
  }
  return absl::DataLossError(
      absl::StrCat("unknown term kind ", static_cast<int>(in.which()), " (from a newer format?)"));
}

int CompareTermKeyOrder(const Term& a, const Term& b) {
  char ta = KeyTag(a);
  char tb = KeyTag(b);
  if (ta != tb) return ta < tb ? -1 : 1;
  int c = 0;
  if (ta == 'L') {
    c = CompareBytes(a.language(), b.language());
  } else if (ta == 'T') {
    c = CompareBytes(a.datatype(), b.datatype());
  }
  return c != 0 ? c : CompareBytes(a.value(), b.value());
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
      return absl::InvalidArgumentError(absl::StrCat("the ", QuadPositionName(position),
                                                     " cannot be ", DescribeTerm(*terms[i])));
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
