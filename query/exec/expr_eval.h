// Evaluates algebra expressions on one row. The special forms (&&, ||, !,
// IN, BOUND, IF, COALESCE, EXISTS) are evaluated here with SPARQL's error
// semantics; every other operator and function is the function library's
// (query/expr/functions.h), called on decoded terms.
//
// An evaluation error is the value nullopt (never a Status); a Status is a
// real failure (storage I/O, interruption inside EXISTS).
#pragma once

#include <optional>
#include <span>

#include "absl/status/statusor.h"
#include "query/algebra/algebra.h"
#include "query/exec/exec_context.h"
#include "query/expr/functions.h"

namespace parley::query {

class ExprEvaluator {
 public:
  // `graph`: the active graph, which EXISTS patterns read.
  ExprEvaluator(ExecContext* context, GraphScope graph) : context_(context), graph_(graph) {}

  absl::StatusOr<ExprValue> Evaluate(const Expr& expr, const TermId* row);

  // The effective boolean value; nullopt for an error (FILTER drops the row).
  absl::StatusOr<std::optional<bool>> EvaluateCondition(const Expr& expr, const TermId* row);

  // The value as an id (interned when computed); kUnbound for an error.
  absl::StatusOr<TermId> EvaluateToId(const Expr& expr, const TermId* row);

 private:
  absl::StatusOr<ExprValue> EvaluateInner(const Expr& expr, const TermId* row);
  absl::StatusOr<std::optional<bool>> Ebv(const Expr& expr, const TermId* row);
  // BNODE() and BNODE(str) (per solution).
  absl::StatusOr<ExprValue> Bnode(std::span<const Term> args, const TermId* row);

  ExecContext* context_;
  GraphScope graph_;
};

}  // namespace parley::query
