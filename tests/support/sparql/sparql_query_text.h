// What a test runner needs to know about a query before comparing its
// answer, read from the text without parsing SPARQL: the top-level ORDER BY,
// REDUCED, and the dataset named by FROM / FROM NAMED. Keeping this apart
// from Parley's parser means a parser bug cannot hide a wrong answer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parley::sparql_test {

struct QueryTextFacts {
  // The outermost query has ORDER BY (one inside a subquery does not count).
  bool has_order_by = false;
  // Every variable the ORDER BY keys mention, without '?', in order of
  // appearance: rows equal on all of them are certainly tied.
  std::vector<std::string> order_by_variables;
  // SELECT REDUCED in the outermost query.
  bool reduced = false;
  // The IRI of the last BASE, as written (possibly relative).
  std::string base;
  // The IRIs of FROM and FROM NAMED, as written (possibly relative).
  std::vector<std::string> from;
  std::vector<std::string> from_named;
};

// Skips comments, strings and IRIs, so keywords inside them do not count.
// Prefixed names after FROM are not expanded (the suites use <...>).
QueryTextFacts ScanQueryText(std::string_view text);

}  // namespace parley::sparql_test
