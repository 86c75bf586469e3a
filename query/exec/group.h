// GROUP BY with aggregates (§18.5). Groups are keyed by the ids of their key
// values (an error or unbound key value groups as unbound). Aggregates:
//   COUNT   counts the rows whose argument evaluates without error;
//   SAMPLE  takes the first value without error;
//   MIN/MAX order by OrderCompare and skip errors and unbound values;
//   SUM/AVG add with the function library's arithmetic; any error or
//           unbound value makes the result unbound; AVG of no values is 0;
//   GROUP_CONCAT joins the lexical forms (IRIs as written), with no
//           language tag; an error or blank node makes it unbound.
// With no GROUP BY keys the whole input is one group, even when empty.
#pragma once

#include "absl/status/statusor.h"
#include "query/algebra/algebra.h"
#include "query/exec/operator.h"

namespace parley::query {

absl::StatusOr<OperatorPtr> BuildGroup(ExecContext* context, OperatorPtr input, const Op& group,
                                       const Scope& scope);

}  // namespace parley::query
