// Orders the patterns of a basic graph pattern: greedily the cheapest
// pattern next, preferring patterns connected to what is already bound, so
// that no cross product is formed while a connected pattern remains.
//
// Estimates (rows a pattern yields per binding of its bound positions) come
// from the exact per-predicate statistics: quads(p), divided by the
// distinct subjects (objects) when the subject (object) is bound. Patterns
// with a variable predicate use fixed fan-outs. ReadView::Count would be
// exact but may be slow, so it is not used.
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
