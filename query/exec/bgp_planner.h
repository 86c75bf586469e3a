// Orders the patterns of a basic graph pattern: greedily the cheapest
// pattern next, preferring patterns connected to what is already bound, so
// that no cross product is formed while a connected pattern remains.
//
// Estimates (rows a pattern yields per binding of its bound positions)
// start from the read seam's estimate of the scan of the pattern's
// constants (exact for small ranges), divided for each variable the input
// binds: by the predicate's distinct subjects (objects) from the exact
// statistics, or by fixed fan-outs when the predicate is a variable.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "query/exec/exec_context.h"
#include "query/exec/pattern_scan.h"

namespace parley::query {

// Estimated rows `pattern` yields for one input row binding `bound`.
absl::StatusOr<double> EstimatePatternRows(ExecContext& context, const CompiledPattern& pattern,
                                           const SlotSet& bound);

// The evaluation order of `patterns` (indexes) when the input binds `bound`.
absl::StatusOr<std::vector<size_t>> OrderPatterns(ExecContext& context,
                                                  const std::vector<CompiledPattern>& patterns,
                                                  SlotSet bound);

}  // namespace parley::query
