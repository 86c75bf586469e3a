// Terms in N-Triples syntax: the one printer behind Term::ToNTriples,
// Quad::ToNQuads and the N-Triples / N-Quads / Turtle writers.
//
// Escapes follow canonical N-Triples (RDF 1.2 N-Triples, "Canonical
// N-Triples"; the same rules as canonical N-Quads): in a literal, BS, HT,
// LF, FF, CR, '"' and '\' as ECHAR (\b \t \n \f \r \" \\), every other
// control U+0000..U+001F and U+007F as UCHAR with upper-case hex
// (\u0000); everything else as it is. In an IRI nothing is escaped except
// what a valid IRI never holds (controls, space, <>"{}|^`\), which becomes
// UCHAR so that the line stays parseable.
#pragma once

#include <string>
#include <string_view>

#include "parley/term.h"

namespace parley::rdf {

// Appends the term of `kind` to *out: <iri>, _:label, "lexical" with @language
// when `language` is not empty, else ^^<datatype> unless datatype is empty
// or xsd:string. Appends nothing for the default graph.
void AppendNTriplesTerm(Term::Kind kind, std::string_view value, std::string_view datatype,
                        std::string_view language, std::string* out);

}  // namespace parley::rdf
