// The Turtle / TriG writer behind RdfWriter (rdf_writer.h).
//
// Written here rather than with serd's writer, which in 0.30 writes
// "abc"^^xsd:integer bare as `abc` (invalid Turtle) and cuts literals at a
// NUL byte. The layout follows serd's abbreviated style: prefixes first, a
// subject on its own line, its predicates indented below it separated by ';',
// repeated objects by ','; in TriG, consecutive quads of one graph share a
// `graph { ... }` block. Literals are always short strings with N-Triples
// escapes; xsd:integer, decimal, double and boolean are written bare only
// when their lexical form is valid bare Turtle, so everything reads back to
// the same terms.
#pragma once

#include <memory>

#include "formats/rdf/byte_sink.h"
#include "formats/rdf/rdf_writer.h"

namespace parley::engine::io {

// REQUIRES: options.format is kTurtle or kTrig. Prefixes whose name is not a
// simple PN_PREFIX ([A-Za-z][A-Za-z0-9_-]*, or empty) are not used.
std::unique_ptr<RdfWriter> NewTurtleWriter(std::unique_ptr<ByteSink> sink,
                                           const WriteOptions& options);

}  // namespace parley::engine::io
