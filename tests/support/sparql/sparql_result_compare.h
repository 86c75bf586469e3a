// Compares a query's answer with the expected one the way the W3C SPARQL
// test suites define it:
// - solutions as a bag, unless the order is part of the answer (ORDER BY);
//   then rows must come in the expected sequence, except that rows tied
//   under the ORDER BY keys may come in any order among themselves;
// - blank nodes up to one consistent bijection across the whole result;
// - terms otherwise exactly (lexical form, datatype, language tag; tags are
//   lower-cased by parley::Term, so they compare case-insensitively);
// - REDUCED (lax cardinality): every expected row at least once and at most
//   as often as expected, and nothing else;
// - graphs (CONSTRUCT, DESCRIBE) by isomorphism.
#pragma once

#include <string>
#include <vector>

#include "tests/support/sparql/sparql_result.h"

namespace parley::sparql_test {

struct CompareOptions {
  // The query's outermost ORDER BY applies; honoured only when the expected
  // result fixes an order (SparqlResult::ordered).
  bool ordered = false;
  // The variables the ORDER BY keys mention (QueryTextFacts). When all are
  // projected, rows agreeing on them are one tie group; when one is not,
  // ties cannot be told and every row must be in place.
  std::vector<std::string> order_by_variables;
  // REDUCED, or mf:resultCardinality mf:LaxCardinality.
  bool lax_cardinality = false;
};

// Empty when `actual` is a correct answer given `expected`; otherwise one
// line saying what differs (expected vs got).
std::string CompareResults(const SparqlResult& expected, const SparqlResult& actual,
                           const CompareOptions& options);

}  // namespace parley::sparql_test
