// Basic graph patterns: each triple pattern is joined into the stream of
// solutions coming from its input (the seed row, or the left side of a
// Join), in the order bgp_planner.h chooses. Per pattern the join is
// adaptive: it buffers up to kAdaptiveRows input rows, then
//   - index nested loop (the row's bound ids substituted into the pattern's
//     scan) when the input is small or the pattern's own scan is big;
//   - hash join (the pattern scanned once with its constants, hashed on the
//     variables every input row binds) otherwise.
// FILTERs over the BGP run right after the pattern that binds all their
// variables.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "query/algebra/algebra.h"
#include "query/exec/operator.h"

namespace parley::query {

// Joins `triples` (filtered by `filters`) into `input`, whose solutions
// always bind `input_bound`. A null `input` stands for the seed row of
// `scope` (MakeSeedOperator): then the rows can be planned to come in the
// order of a variable the patterns share, so that they merge-join.
absl::StatusOr<OperatorPtr> BuildBgp(ExecContext* context, OperatorPtr input,
                                     const SlotSet& input_bound,
                                     const std::vector<TriplePattern>& triples,
                                     const std::vector<ExprPtr>& filters, const Scope& scope);

// OPTIONAL { triple } over *left, whose solutions always bind `left_bound`,
// as a left outer join that probes the pattern by a key every left row
// binds (see PlanPatternSteps); it takes *left. Returns null and leaves
// *left alone when the pattern has no such key (a variable predicate, or
// neither subject nor object bound): the caller evaluates it another way.
absl::StatusOr<OperatorPtr> BuildOptionalPattern(ExecContext* context, OperatorPtr* left,
                                                 const SlotSet& left_bound,
                                                 const TriplePattern& triple, const Scope& scope);

}  // namespace parley::query
