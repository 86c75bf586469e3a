// Views of terms and quads whose strings live in someone else's buffers: what
// the readers hand to the bulk loader and what the writers accept, so that
// text can stream from file to store (or file to file) without a heap
// allocation per term. A view is valid only as long as the buffers it points
// into; ToTerm()/ToQuad() copy.
#pragma once

#include <string_view>

#include "parley/quad.h"
#include "parley/term.h"

namespace parley::engine {

struct TermView {
  Term::Kind kind = Term::Kind::kDefaultGraph;
  std::string_view value;     // IRI, blank node label (no "_:"), lexical form
  std::string_view datatype;  // literals: never empty (xsd:string for plain)
  std::string_view language;  // lower-cased; non-empty only for rdf:langString

  static TermView Of(const Term& term) {
    return TermView{term.kind(), term.value(), term.datatype(), term.language()};
  }
  Term ToTerm() const;
};

struct QuadView {
  TermView subject, predicate, object;
  TermView graph;  // kind kDefaultGraph for the default graph

  static QuadView Of(const Quad& quad) {
    return QuadView{TermView::Of(quad.subject), TermView::Of(quad.predicate),
                    TermView::Of(quad.object), TermView::Of(quad.graph)};
  }
  Quad ToQuad() const {
    return Quad{subject.ToTerm(), predicate.ToTerm(), object.ToTerm(), graph.ToTerm()};
  }
};

}  // namespace parley::engine
