#include "query/exec/expr_eval.h"

#include <vector>

#include "engine/status_macros.h"
#include "query/exec/block.h"
#include "query/exec/plan_builder.h"

namespace parley::query {
namespace {

std::optional<CompareOp> ComparisonOf(Expr::Kind kind) {
  switch (kind) {
    case Expr::Kind::kEqual:
      return CompareOp::kEqual;
    case Expr::Kind::kNotEqual:
      return CompareOp::kNotEqual;
    case Expr::Kind::kLess:
      return CompareOp::kLess;
    case Expr::Kind::kGreater:
      return CompareOp::kGreater;
    case Expr::Kind::kLessEqual:
      return CompareOp::kLessEqual;
    case Expr::Kind::kGreaterEqual:
      return CompareOp::kGreaterEqual;
    default:
      return std::nullopt;
  }
}

std::optional<ArithmeticOp> ArithmeticOf(Expr::Kind kind) {
  switch (kind) {
    case Expr::Kind::kAdd:
      return ArithmeticOp::kAdd;
    case Expr::Kind::kSubtract:
      return ArithmeticOp::kSubtract;
    case Expr::Kind::kMultiply:
      return ArithmeticOp::kMultiply;
    case Expr::Kind::kDivide:
      return ArithmeticOp::kDivide;
    default:
      return std::nullopt;
  }
}

ExprValue FromBool(std::optional<bool> value) {
  if (!value.has_value()) return std::nullopt;
  return BooleanTerm(*value);
}

}  // namespace

absl::StatusOr<ExprValue> ExprEvaluator::Bnode(std::span<const Term> args, const TermId* row) {
  FunctionContext& functions = context_->functions();
  // A fresh node (the library also checks BNODE(str)'s argument) whose
  // label no stored blank node has, so it never joins with one.
  ExprValue fresh;
  while (true) {
    functions.bnode_labels.clear();
    fresh = CallBuiltin(Builtin::kBnode, args, functions);
    if (!fresh.has_value()) return fresh;
    PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> stored, context_->terms().LookupStored(*fresh));
    if (!stored.has_value()) break;
  }
  if (args.empty()) return fresh;
  // BNODE(str): one node per (solution, string). Rows are handed from
  // operator to operator in blocks, so "the current solution" is named by
  // its cells other than those expressions bind.
  std::string key;
  const SlotSet& computed = context_->computed_slots();
  for (size_t i = 0; i < context_->width(); ++i) {
    if (i < computed.size() && computed[i]) continue;
    key.append(reinterpret_cast<const char*>(&row[i]), sizeof(TermId));
  }
  key += args[0].value();
  auto& labels = context_->bnodes_by_solution();
  if (labels.size() > 100'000) labels.clear();
  auto [it, inserted] = labels.try_emplace(std::move(key), fresh->value());
  if (inserted) return fresh;
  return ExprValue(Term::BlankNode(it->second));
}

absl::StatusOr<ExprValue> ExprEvaluator::Evaluate(const Expr& expr, const TermId* row) {
  return EvaluateInner(expr, row);
}

absl::StatusOr<std::optional<bool>> ExprEvaluator::EvaluateCondition(const Expr& expr,
                                                                     const TermId* row) {
  return Ebv(expr, row);
}

absl::StatusOr<TermId> ExprEvaluator::EvaluateToId(const Expr& expr, const TermId* row) {
  if (expr.kind == Expr::Kind::kVariable) {
    return row[context_->slots().SlotOf(expr.variable)];
  }
  PARLEY_ASSIGN_OR_RETURN(ExprValue value, Evaluate(expr, row));
  if (!value.has_value()) return kUnbound;
  return context_->terms().Intern(*value);
}

absl::StatusOr<std::optional<bool>> ExprEvaluator::Ebv(const Expr& expr, const TermId* row) {
  PARLEY_ASSIGN_OR_RETURN(ExprValue value, EvaluateInner(expr, row));
  if (!value.has_value()) return std::optional<bool>();
  return EffectiveBooleanValue(*value);
}

absl::StatusOr<ExprValue> ExprEvaluator::EvaluateInner(const Expr& expr, const TermId* row) {
  switch (expr.kind) {
    case Expr::Kind::kConstant:
      return ExprValue(expr.constant);
    case Expr::Kind::kVariable: {
      std::optional<size_t> slot = context_->slots().Find(expr.variable.name);
      if (!slot.has_value() || row[*slot] == kUnbound) return ExprValue();
      PARLEY_ASSIGN_OR_RETURN(const Term* term, context_->terms().Decode(row[*slot]));
      return ExprValue(*term);
    }
    case Expr::Kind::kOr: {
      PARLEY_ASSIGN_OR_RETURN(std::optional<bool> left, Ebv(*expr.args[0], row));
      if (left == true) return ExprValue(BooleanTerm(true));
      PARLEY_ASSIGN_OR_RETURN(std::optional<bool> right, Ebv(*expr.args[1], row));
      if (right == true) return ExprValue(BooleanTerm(true));
      if (left == false && right == false) return ExprValue(BooleanTerm(false));
      return ExprValue();
    }
    case Expr::Kind::kAnd: {
      PARLEY_ASSIGN_OR_RETURN(std::optional<bool> left, Ebv(*expr.args[0], row));
      if (left == false) return ExprValue(BooleanTerm(false));
      PARLEY_ASSIGN_OR_RETURN(std::optional<bool> right, Ebv(*expr.args[1], row));
      if (right == false) return ExprValue(BooleanTerm(false));
      if (left == true && right == true) return ExprValue(BooleanTerm(true));
      return ExprValue();
    }
    case Expr::Kind::kNot: {
      PARLEY_ASSIGN_OR_RETURN(std::optional<bool> operand, Ebv(*expr.args[0], row));
      if (!operand.has_value()) return ExprValue();
      return ExprValue(BooleanTerm(!*operand));
    }
    case Expr::Kind::kIn:
    case Expr::Kind::kNotIn: {
      // §17.4.1.9: true when some member is equal; otherwise an error when
      // some comparison was one; otherwise false.
      PARLEY_ASSIGN_OR_RETURN(ExprValue needle, EvaluateInner(*expr.args[0], row));
      if (!needle.has_value()) return ExprValue();
      bool error = false;
      bool found = false;
      for (size_t i = 1; i < expr.args.size() && !found; ++i) {
        PARLEY_ASSIGN_OR_RETURN(ExprValue member, EvaluateInner(*expr.args[i], row));
        std::optional<bool> equal;
        if (member.has_value()) equal = CompareTerms(CompareOp::kEqual, *needle, *member);
        if (equal == true) found = true;
        if (!equal.has_value()) error = true;
      }
      if (found) return ExprValue(BooleanTerm(expr.kind == Expr::Kind::kIn));
      if (error) return ExprValue();
      return ExprValue(BooleanTerm(expr.kind == Expr::Kind::kNotIn));
    }
    case Expr::Kind::kBound: {
      const Expr& arg = *expr.args[0];
      if (arg.kind != Expr::Kind::kVariable) return ExprValue();
      std::optional<size_t> slot = context_->slots().Find(arg.variable.name);
      return ExprValue(BooleanTerm(slot.has_value() && row[*slot] != kUnbound));
    }
    case Expr::Kind::kIf: {
      PARLEY_ASSIGN_OR_RETURN(std::optional<bool> condition, Ebv(*expr.args[0], row));
      if (!condition.has_value()) return ExprValue();
      return EvaluateInner(*expr.args[*condition ? 1 : 2], row);
    }
    case Expr::Kind::kCoalesce:
      for (const ExprPtr& arg : expr.args) {
        PARLEY_ASSIGN_OR_RETURN(ExprValue value, EvaluateInner(*arg, row));
        if (value.has_value()) return value;
      }
      return ExprValue();
    case Expr::Kind::kExists:
    case Expr::Kind::kNotExists: {
      PARLEY_ASSIGN_OR_RETURN(bool exists, EvaluateExists(context_, *expr.pattern, graph_, row));
      return ExprValue(BooleanTerm(exists == (expr.kind == Expr::Kind::kExists)));
    }
    case Expr::Kind::kUnaryPlus:
    case Expr::Kind::kUnaryMinus: {
      PARLEY_ASSIGN_OR_RETURN(ExprValue operand, EvaluateInner(*expr.args[0], row));
      if (!operand.has_value()) return ExprValue();
      return expr.kind == Expr::Kind::kUnaryPlus ? UnaryPlus(*operand) : UnaryMinus(*operand);
    }
    case Expr::Kind::kBuiltin:
    case Expr::Kind::kFunction: {
      std::vector<Term> args;
      args.reserve(expr.args.size());
      for (const ExprPtr& arg : expr.args) {
        PARLEY_ASSIGN_OR_RETURN(ExprValue value, EvaluateInner(*arg, row));
        if (!value.has_value()) return ExprValue();
        args.push_back(*std::move(value));
      }
      if (expr.kind == Expr::Kind::kFunction) return CallFunction(expr.function_iri, args);
      if (expr.builtin == Builtin::kBnode) return Bnode(args, row);
      return CallBuiltin(expr.builtin, args, context_->functions());
    }
    default:
      break;
  }
  if (std::optional<CompareOp> op = ComparisonOf(expr.kind)) {
    PARLEY_ASSIGN_OR_RETURN(ExprValue left, EvaluateInner(*expr.args[0], row));
    if (!left.has_value()) return ExprValue();
    PARLEY_ASSIGN_OR_RETURN(ExprValue right, EvaluateInner(*expr.args[1], row));
    if (!right.has_value()) return ExprValue();
    return FromBool(CompareTerms(*op, *left, *right));
  }
  if (std::optional<ArithmeticOp> op = ArithmeticOf(expr.kind)) {
    PARLEY_ASSIGN_OR_RETURN(ExprValue left, EvaluateInner(*expr.args[0], row));
    if (!left.has_value()) return ExprValue();
    PARLEY_ASSIGN_OR_RETURN(ExprValue right, EvaluateInner(*expr.args[1], row));
    if (!right.has_value()) return ExprValue();
    return Arithmetic(*op, *left, *right);
  }
  return absl::InternalError("unknown expression kind");
}

}  // namespace parley::query
