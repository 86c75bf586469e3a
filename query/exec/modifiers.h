// The streaming and materializing operators that are not joins: FILTER,
// BIND (Extend), VALUES (Table), UNION, projection, DISTINCT, REDUCED,
// ORDER BY (with top-N when a LIMIT follows) and OFFSET/LIMIT.
#pragma once

#include <optional>
#include <vector>

#include "query/algebra/algebra.h"
#include "query/exec/operator.h"

namespace parley::query {

OperatorPtr MakeFilterOperator(ExecContext* context, OperatorPtr input, ExprPtr condition,
                               GraphScope graph);

// Binds `slot` to the expression's value (left unbound on an error). A row
// that already binds the slot keeps only the value when it is equal.
OperatorPtr MakeExtendOperator(ExecContext* context, OperatorPtr input, size_t slot, ExprPtr expr,
                               GraphScope graph);

// The VALUES rows (constants interned) merged into the seed row.
absl::StatusOr<OperatorPtr> MakeTableOperator(ExecContext* context, const Op& table,
                                              const Scope& scope);

// Hands out already materialized rows.
OperatorPtr MakeRowsOperator(Block rows);

OperatorPtr MakeUnionOperator(ExecContext* context, OperatorPtr left, OperatorPtr right);

// Unbinds every slot not in `keep`.
OperatorPtr MakeProjectOperator(ExecContext* context, OperatorPtr input, SlotSet keep);

OperatorPtr MakeDistinctOperator(ExecContext* context, OperatorPtr input);

// Drops rows equal to the previous one (REDUCED may return any cardinality
// between DISTINCT's and the full one).
OperatorPtr MakeReducedOperator(ExecContext* context, OperatorPtr input);

OperatorPtr MakeSliceOperator(ExecContext* context, OperatorPtr input, uint64_t offset,
                              std::optional<uint64_t> limit);

// Sorts by `keys` (OrderCompare, stable). With `keep_first` only that many
// first rows are kept (top-N for ORDER BY + LIMIT).
OperatorPtr MakeOrderByOperator(ExecContext* context, OperatorPtr input, std::vector<OrderKey> keys,
                                GraphScope graph, std::optional<uint64_t> keep_first);

}  // namespace parley::query
