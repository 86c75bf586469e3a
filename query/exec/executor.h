// Runs a query's algebra against a snapshot read through the seam: the
// evaluator's entry point.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "engine/access/storage_reader.h"
#include "parley/query.h"
#include "query/algebra/algebra.h"

namespace parley::query {

// Starts evaluating `query` over `reader`'s snapshot. Rows are produced as
// the caller pulls them (QueryResult::NextRow / NextTriple); the result
// keeps `reader` and `query` alive. options.deadline, options.cancel and
// options.memory_budget_bytes are checked while rows are produced
// (DeadlineExceeded, Cancelled, ResourceExhausted).
absl::StatusOr<std::unique_ptr<QueryResult>> Execute(
    std::shared_ptr<const Query> query, std::shared_ptr<const engine::StorageReader> reader,
    const QueryOptions& options);

}  // namespace parley::query
