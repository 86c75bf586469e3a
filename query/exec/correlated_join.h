// OPTIONAL and MINUS whose right side is a BGP, evaluated per left row when
// the left side turns out small: the row is substituted into the BGP (as
// its seed), which makes each right-side scan an index lookup instead of a
// full scan of the right side. Substitution gives the join's answer here
// because a BGP has no filters that could see the substituted variables.
// A left side past kCorrelatedRows falls back to the hash joins of join.h.
#pragma once

#include "absl/status/statusor.h"
#include "query/algebra/algebra.h"
#include "query/exec/operator.h"

namespace parley::query {

// REQUIRES: op is a kLeftJoin or kMinus whose right child is a kBgp.
absl::StatusOr<OperatorPtr> BuildCorrelatedJoin(ExecContext* context, const Op& op,
                                                OperatorPtr left, SlotSet key, const Scope& scope);

}  // namespace parley::query
