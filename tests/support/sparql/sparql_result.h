// The answer to a SPARQL query as the test runners hold it: what a query
// returned (CollectResult) and what a result file expects
// (sparql_result_readers.h) in one shape, so sparql_result_compare.h can
// compare them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "parley/quad.h"
#include "parley/query.h"
#include "parley/term.h"

namespace parley::sparql_test {

using SolutionRow = std::vector<std::optional<Term>>;

struct SparqlResult {
  enum class Kind { kBoolean, kSolutions, kGraph };
  Kind kind = Kind::kSolutions;

  // kBoolean.
  bool boolean = false;

  // kSolutions: variable names without '?', and one cell per variable in
  // each row (nullopt: unbound).
  std::vector<std::string> variables;
  std::vector<SolutionRow> rows;
  // True when the order of `rows` means something: a query's answer, or a
  // result document that fixes an order (every format but an RDF result
  // set without rs:index).
  bool ordered = true;

  // kGraph: the triples, all in the default graph.
  std::vector<Quad> triples;
};

// Pulls every row or triple out of `result`. Returns the first error the
// result reports (a timeout, a type error the engine treats as fatal).
absl::StatusOr<SparqlResult> CollectResult(QueryResult& result);

// For messages: a term as in N-Triples, "UNDEF" when unbound.
std::string FormatCell(const std::optional<Term>& cell);
// For messages: "(?x=<a> ?y=UNDEF)".
std::string FormatRow(const std::vector<std::string>& variables, const SolutionRow& row);
// For messages: the kind, and the variables and row count or the boolean.
std::string Summarize(const SparqlResult& result);

}  // namespace parley::sparql_test
