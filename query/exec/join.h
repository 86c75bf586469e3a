// Joins of two arbitrary subplans: the right side is materialized and
// hashed on the variables both sides always bind (the rest is checked for
// compatibility row by row; with no such variable every right row is a
// candidate). Joins whose right side is a BGP or a path do not come here:
// bgp.h and path.h substitute the left rows into their scans instead.
#pragma once

#include "query/algebra/algebra.h"
#include "query/exec/operator.h"

namespace parley::query {

// `key`: slots every row of both sides binds.
OperatorPtr MakeHashJoinOperator(ExecContext* context, OperatorPtr left, OperatorPtr right,
                                 SlotSet key);

// OPTIONAL: every left row, extended by each compatible right row for which
// `condition` (may be null) holds on the merged row; alone when none does.
OperatorPtr MakeLeftJoinOperator(ExecContext* context, OperatorPtr left, OperatorPtr right,
                                 SlotSet key, ExprPtr condition, GraphScope graph);

// MINUS: the left rows that no compatible right row shares a bound variable
// with (so a right side with no variable in common removes nothing).
OperatorPtr MakeMinusOperator(ExecContext* context, OperatorPtr left, OperatorPtr right,
                              SlotSet key);

}  // namespace parley::query
