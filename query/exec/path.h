// Property paths (§9, §18.4): joins the pairs a path connects into the
// input's solutions, each input row's bound ends substituted (like an index
// nested loop). *, + and ? have set semantics and include zero-length
// matches: a fixed end matches itself even when no triple mentions it, and
// with both ends free every subject and object of the active graph
// matches itself. Sequences and alternatives keep bag semantics, as their
// translation into joins and unions would.
#pragma once

#include "absl/status/statusor.h"
#include "query/algebra/algebra.h"
#include "query/exec/operator.h"

namespace parley::query {

absl::StatusOr<OperatorPtr> BuildPath(ExecContext* context, OperatorPtr input,
                                      const PathPattern& pattern, const Scope& scope);

}  // namespace parley::query
