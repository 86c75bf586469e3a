// Algebra -> physical operators. One function per algebra operator kind;
// the choices made here:
//   - Join(X, BGP) and Join(X, path) feed X's rows into the BGP / path,
//     which substitute them into their scans or hash-join (bgp.h); other
//     joins hash the right side (join.h);
//   - Filter(BGP) places each filter right after the pattern that binds its
//     variables;
//   - GRAPH ?g over a BGP scans with ?g as the graph position; over any
//     other pattern it evaluates the pattern once per named graph;
//   - Slice over OrderBy (with at most a Project between) sorts top-N.
#pragma once

#include <optional>

#include "absl/status/statusor.h"
#include "query/algebra/algebra.h"
#include "query/exec/operator.h"

namespace parley::query {

absl::StatusOr<OperatorPtr> BuildOperator(ExecContext* context, const Op& op, const Scope& scope);

// EXISTS { pattern } for one solution: the pattern evaluated with the
// solution's bindings substituted (as the seed row), in `graph`.
absl::StatusOr<bool> EvaluateExists(ExecContext* context, const Op& pattern,
                                    const GraphScope& graph, const TermId* row);

}  // namespace parley::query
