// The parley::QueryResult implementations: rows, a boolean, or triples,
// decoded from ids as the caller pulls them. Rows and triples render their
// plan (QueryResult::plan) from the context's profiler when there is one.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "parley/query.h"
#include "query/algebra/algebra.h"
#include "query/exec/construct.h"
#include "query/exec/operator.h"

namespace parley::query {

// Everything a result keeps alive: the query (operators point into its
// algebra), the evaluation context (and through its Source, the snapshot).
struct Evaluation {
  std::shared_ptr<const Query> query;
  std::unique_ptr<ExecContext> context;
};

std::unique_ptr<QueryResult> MakeSolutionsResult(Evaluation evaluation, OperatorPtr root);
// `plan`: what plan() returns (EXPLAIN of an ASK, rendered when it ran).
std::unique_ptr<QueryResult> MakeBooleanResult(bool value, std::string plan = std::string());
std::unique_ptr<QueryResult> MakeTriplesResult(Evaluation evaluation,
                                               std::unique_ptr<TripleProducer> producer);

}  // namespace parley::query
