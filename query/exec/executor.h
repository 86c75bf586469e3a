// Runs a query's algebra against a snapshot read through the seam: the
// evaluator's entry point.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "engine/access/storage_reader.h"
#include "parley/query.h"
#include "query/algebra/algebra.h"
#include "query/exec/operator.h"
#include "query/exec/result.h"

namespace parley::query {

// Starts evaluating `query` over `reader`'s snapshot. Rows are produced as
// the caller pulls them (QueryResult::NextRow / NextTriple); the result
// keeps `reader` and `query` alive. options.deadline, options.cancel and
// options.memory_budget_bytes are checked while rows are produced
// (DeadlineExceeded, Cancelled, ResourceExhausted).
// A query's solutions as ids, for the update executor, which instantiates
// templates without decoding: `root` yields rows of width
// evaluation.context->width(), a variable's cell at the context's
// slots().SlotOf(variable); the context's terms() decodes ids and looks
// terms up. The query's form is not looked at.
struct IdSolutions {
  Evaluation evaluation;
  OperatorPtr root;
};
absl::StatusOr<IdSolutions> ExecuteIds(std::shared_ptr<const Query> query,
                                       std::shared_ptr<const engine::StorageReader> reader,
                                       const QueryOptions& options);

absl::StatusOr<std::unique_ptr<QueryResult>> Execute(
    std::shared_ptr<const Query> query, std::shared_ptr<const engine::StorageReader> reader,
    const QueryOptions& options);

}  // namespace parley::query
