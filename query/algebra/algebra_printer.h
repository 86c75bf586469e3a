// A readable, indented text form of the algebra, for EXPLAIN and tests.
//
//   project ?s ?n
//     filter (?n > "3"^^xsd:integer)
//       bgp
//         ?s <http://ex/name> ?n
//
// One operator per line, its children indented by two spaces below it.
// Expressions print infix and fully parenthesized; terms print as in
// N-Triples except that XSD datatypes shorten to xsd:name; variables as
// ?name (hidden ones as ?#name).
#pragma once

#include <string>
#include <string_view>

#include "query/algebra/algebra.h"

namespace parley::query {

// The tree of `op`, one line per operator, each line ending in '\n'.
std::string ToString(const Op& op);

// One-line forms.
std::string ToString(const Expr& expr);
std::string ToString(const Path& path);
std::string ToString(const TermOrVariable& position);
std::string ToString(const TriplePattern& triple);  // "s p o", no final dot

// "COUNT", "SUM", ..., "GROUP_CONCAT": the SPARQL keyword of `function`.
std::string_view AggregateName(Aggregate::Function function);

// The whole query: its form, result variables or template, dataset, then
// the tree.
std::string ToString(const Query& query);

}  // namespace parley::query
