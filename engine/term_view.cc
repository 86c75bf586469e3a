#include "engine/term_view.h"

#include <string>

namespace parley::engine {

Term TermView::ToTerm() const {
  switch (kind) {
    case Term::Kind::kDefaultGraph:
      return Term();
    case Term::Kind::kIri:
      return Term::Iri(std::string(value));
    case Term::Kind::kBlankNode:
      return Term::BlankNode(std::string(value));
    case Term::Kind::kLiteral:
      if (!language.empty()) return Term::LangLiteral(std::string(value), std::string(language));
      return Term::TypedLiteral(std::string(value), std::string(datatype));
  }
  return Term();
}

}  // namespace parley::engine
