// SELECT, grouping and aggregates, solution modifiers and the query forms
// (spec §18.2.4 and §18.2.5). The modifiers apply in the spec's order:
// Group, Having (a Filter), trailing VALUES (a Join), select expressions
// (Extends), OrderBy, Project, Distinct or Reduced, Slice.
#include "engine/status_macros.h"
#include "query/algebra/variables.h"
#include "query/parser/text_util.h"
#include "query/parser/translate_internal.h"

namespace parley::query {
namespace {

bool HasAggregate(const ast::Expr& expr) {
  if (expr.aggregate) return true;
  for (const ast::ExprPtr& arg : expr.args) {
    if (HasAggregate(*arg)) return true;
  }
  return false;
}

// The variables an expression reads outside aggregates (and outside EXISTS
// patterns, whose variables the grouping rule does not cover), with the
// offset of their first use.
void FreeVariables(const ast::Expr& expr, std::vector<const ast::Expr*>* out) {
  if (expr.aggregate) return;
  if (expr.kind == Expr::Kind::kVariable) out->push_back(&expr);
  for (const ast::ExprPtr& arg : expr.args) FreeVariables(*arg, out);
}

}  // namespace

absl::StatusOr<OpPtr> Translator::SelectQuery(const ast::SelectQuery& select, bool project,
                                              std::vector<Variable>* result_variables) {
  PARLEY_ASSIGN_OR_RETURN(OpPtr pattern, GroupPattern(select.where));

  bool aggregation = !select.group_by.empty();
  for (const ast::Projection& projection : select.projections) {
    if (projection.expr && HasAggregate(*projection.expr)) aggregation = true;
  }
  for (const ast::ExprPtr& having : select.having) aggregation |= HasAggregate(*having);
  for (const ast::OrderCondition& order : select.order_by) {
    aggregation |= HasAggregate(*order.expr);
  }

  // `in_scope`: the variables visible after the WHERE clause (or after
  // grouping: only the group keys), growing with each AS. `bound`: every
  // variable the pattern may bind, which AS must not reuse even when
  // grouping hides it.
  absl::flat_hash_set<std::string> in_scope;
  absl::flat_hash_set<std::string> bound;
  for (const Variable& variable : InScopeVariables(*pattern)) bound.insert(variable.name);
  std::vector<Aggregate> aggregates;
  AggregateScope aggregate_scope{&aggregates, false};
  Op group;
  group.kind = Op::Kind::kGroup;
  if (aggregation) {
    for (const ast::GroupCondition& condition : select.group_by) {
      Op::GroupKey key;
      PARLEY_ASSIGN_OR_RETURN(key.expr, Expression(*condition.expr, AggregateScope{}));
      if (condition.bound_as) {
        key.bound_as = Variable{*condition.bound_as};
        in_scope.insert(*condition.bound_as);
      }
      group.group_keys.push_back(std::move(key));
    }
  } else {
    in_scope = bound;
  }
  if (select.values) {
    for (const std::string& name : select.values->variables) {
      in_scope.insert(name);
      bound.insert(name);
    }
  }

  std::vector<ExprPtr> having;
  for (const ast::ExprPtr& condition : select.having) {
    PARLEY_ASSIGN_OR_RETURN(ExprPtr translated, Expression(*condition, aggregate_scope));
    having.push_back(std::move(translated));
  }

  // SELECT list: plain variables and (expr AS ?v) in order.
  std::vector<Variable> projected;
  std::vector<std::pair<Variable, ExprPtr>> extends;
  absl::flat_hash_set<std::string> projected_names;
  if (select.select_all) {
    if (aggregation) {
      return Error(select.offset_in_text, "SELECT * is not allowed with GROUP BY or aggregates");
    }
  }
  for (const ast::Projection& projection : select.projections) {
    if (projection.expr) {
      if (in_scope.contains(projection.variable) || bound.contains(projection.variable)) {
        return Error(projection.offset,
                     Cat("AS ?", projection.variable, ": the variable is already in scope"));
      }
      if (aggregation) {
        std::vector<const ast::Expr*> used;
        FreeVariables(*projection.expr, &used);
        for (const ast::Expr* variable : used) {
          if (!in_scope.contains(variable->variable)) {
            return Error(variable->offset,
                         Cat("?", variable->variable,
                             " is neither grouped nor aggregated (use it in GROUP BY or "
                             "inside an aggregate)"));
          }
        }
      }
      PARLEY_ASSIGN_OR_RETURN(ExprPtr expr, Expression(*projection.expr, aggregate_scope));
      extends.emplace_back(Variable{projection.variable}, std::move(expr));
      in_scope.insert(projection.variable);
      bound.insert(projection.variable);
    } else if (aggregation && !in_scope.contains(projection.variable)) {
      return Error(projection.offset, Cat("?", projection.variable,
                                          " is projected but not grouped (add it to GROUP BY or "
                                          "aggregate it)"));
    }
    if (projected_names.insert(projection.variable).second) {
      projected.push_back(Variable{projection.variable});
    }
  }

  std::vector<OrderKey> order;
  for (const ast::OrderCondition& condition : select.order_by) {
    OrderKey key;
    key.descending = condition.descending;
    PARLEY_ASSIGN_OR_RETURN(key.expr, Expression(*condition.expr, aggregate_scope));
    order.push_back(std::move(key));
  }

  // Assemble, innermost first.
  OpPtr result = pattern;
  if (aggregation) {
    group.children = {result};
    group.aggregates = std::move(aggregates);
    result = std::make_shared<const Op>(std::move(group));
  }
  if (!having.empty()) result = NewOp(Op::Kind::kFilter, {result}, Conjunction(having));
  if (select.values) {
    PARLEY_ASSIGN_OR_RETURN(OpPtr table, InlineData(*select.values));
    result = MakeJoin(result, table);
  }
  if (select.select_all) {
    for (const Variable& variable : InScopeVariables(*result)) {
      if (!IsHiddenVariable(variable)) projected.push_back(variable);
    }
  }
  for (auto& [variable, expr] : extends) result = NewExtendOp(result, variable, expr);
  if (!order.empty()) {
    Op order_by;
    order_by.kind = Op::Kind::kOrderBy;
    order_by.order = std::move(order);
    order_by.children = {result};
    result = std::make_shared<const Op>(std::move(order_by));
  }
  if (project) {
    Op projection;
    projection.kind = Op::Kind::kProject;
    projection.variables = projected;
    projection.children = {result};
    result = std::make_shared<const Op>(std::move(projection));
    if (select.distinct) result = NewOp(Op::Kind::kDistinct, {result});
    if (select.reduced) result = NewOp(Op::Kind::kReduced, {result});
  }
  if (select.limit || select.offset > 0) {
    Op slice;
    slice.kind = Op::Kind::kSlice;
    slice.offset = select.offset;
    slice.limit = select.limit;
    slice.children = {result};
    result = std::make_shared<const Op>(std::move(slice));
  }
  *result_variables = std::move(projected);
  return result;
}

absl::StatusOr<Query> Translator::TranslateQuery(const ast::Query& syntax) {
  Query query;
  query.form = syntax.form;
  query.from = syntax.from;
  query.from_named = syntax.from_named;
  query.has_dataset = !syntax.from.empty() || !syntax.from_named.empty();
  bool project = syntax.form == Query::Form::kSelect;
  PARLEY_ASSIGN_OR_RETURN(query.pattern,
                          SelectQuery(syntax.body, project, &query.result_variables));
  if (!project) query.result_variables.clear();

  if (syntax.form == Query::Form::kConstruct) {
    for (const ast::Triple& triple : syntax.construct_template) {
      query.construct_template.push_back({TemplatePosition(triple.subject),
                                          TemplatePosition(triple.predicate),
                                          TemplatePosition(triple.object)});
    }
  }
  if (syntax.form == Query::Form::kDescribe) {
    if (syntax.describe_all) {
      for (const Variable& variable : InScopeVariables(*query.pattern)) {
        if (!IsHiddenVariable(variable)) query.describe.push_back(variable);
      }
    }
    for (const ast::Node& node : syntax.describe) {
      query.describe.push_back(PatternPosition(node));
    }
  }
  return query;
}

}  // namespace parley::query
