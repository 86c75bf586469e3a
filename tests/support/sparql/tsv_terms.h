// One cell of a SPARQL 1.1 TSV result: an RDF term in Turtle / SPARQL
// syntax, or nothing for an unbound variable.
#pragma once

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "parley/term.h"

namespace parley::sparql_test {

// Accepts <iri>, _:label, "literal" or 'literal' with ECHAR / UCHAR escapes
// followed by @lang or ^^<datatype>, and Turtle's bare numbers and booleans
// (1 xsd:integer, 1.5 xsd:decimal, 1e0 xsd:double, true xsd:boolean).
// An empty cell is unbound (nullopt). Prefixed names are not accepted: TSV
// results have no prologue.
absl::StatusOr<std::optional<Term>> ParseTsvTerm(std::string_view cell);

}  // namespace parley::sparql_test
