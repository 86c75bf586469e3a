// Runs a query's algebra against a read view: the evaluator's entry point.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "parley/query.h"
#include "parley/read_view.h"
#include "query/algebra/algebra.h"

namespace parley::query {

// Starts evaluating `query` over `view`. Rows are produced as the caller
// pulls them (QueryResult::NextRow / NextTriple); the result keeps `view`
// and `query` alive. options.deadline, options.cancel and
// options.memory_budget_bytes are checked while rows are produced
// (DeadlineExceeded, Cancelled, ResourceExhausted).
absl::StatusOr<std::unique_ptr<QueryResult>> Execute(std::shared_ptr<const Query> query,
                                                     std::shared_ptr<const ReadView> view,
                                                     const QueryOptions& options);

}  // namespace parley::query
