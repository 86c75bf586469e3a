#include "query/exec/plan_builder.h"

#include <memory>
#include <utility>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/status_macros.h"
#include "query/algebra/algebra_printer.h"
#include "query/exec/bgp.h"
#include "query/exec/correlated_join.h"
#include "query/exec/group.h"
#include "query/exec/join.h"
#include "query/exec/modifiers.h"
#include "query/exec/path.h"
#include "query/exec/profile.h"

namespace parley::query {
namespace {

// ---------------------------------------------------------------- EXPLAIN
// Labels name the physical operator and its key arguments in one short
// line. They are built only when the query is being explained.

// `built` as the node of EXPLAIN's tree adopting the nodes since `mark`;
// `label()` is called only when context->profiler() is set.
template <typename LabelFn>
absl::StatusOr<OperatorPtr> Explained(ExecContext* context, size_t mark,
                                      absl::StatusOr<OperatorPtr> built, const LabelFn& label,
                                      std::optional<double> estimated_rows = std::nullopt) {
  if (!built.ok()) return built;
  return Profiled(context, mark, *std::move(built), label, estimated_rows);
}

std::string ExprLabel(const ExprPtr& expr) { return ShortLabelText(ToString(*expr)); }

std::string VariablesLabel(const std::vector<Variable>& variables) {
  std::string out;
  for (const Variable& v : variables) absl::StrAppend(&out, out.empty() ? "?" : " ?", v.name);
  return ShortLabelText(out);
}

std::string SlotsLabel(const ExecContext& context, const SlotSet& slots) {
  std::string out;
  for (size_t i = 0; i < slots.size(); ++i) {
    if (slots[i]) absl::StrAppend(&out, out.empty() ? "?" : " ?", context.slots().name(i));
  }
  return out.empty() ? std::string("(no shared variable)") : ShortLabelText(out);
}

// A BGP, a Filter over one or a path, as the pattern side of a join.
std::string PatternLabel(const Op& op) {
  if (op.kind == Op::Kind::kPath) {
    return ShortLabelText(absl::StrCat("Path ", ToString(op.path.subject), " ",
                                       ToString(*op.path.path), " ", ToString(op.path.object)));
  }
  if (op.kind == Op::Kind::kFilter) {
    return absl::StrCat(PatternLabel(*op.children[0]), " + Filter ", ExprLabel(op.expr));
  }
  const size_t n = op.triples.size();
  return absl::StrCat("BGP ", n, n == 1 ? " pattern" : " patterns");
}

std::string SliceLabel(const Op& slice) {
  std::string out = "Slice";
  if (slice.offset > 0) absl::StrAppend(&out, " offset ", slice.offset);
  if (slice.limit.has_value()) absl::StrAppend(&out, " limit ", *slice.limit);
  return out;
}

std::string OrderLabel(const Op& op, std::optional<uint64_t> keep_first) {
  std::string keys;
  for (const OrderKey& key : op.order) {
    absl::StrAppend(
        &keys, keys.empty() ? "" : " ",
        key.descending ? absl::StrCat("DESC(", ToString(*key.expr), ")") : ToString(*key.expr));
  }
  std::string out = "OrderBy ";
  if (keep_first.has_value()) absl::StrAppend(&out, "top ", *keep_first, " ");
  return out + ShortLabelText(keys);
}

std::string GroupLabel(const Op& op) {
  std::string keys;
  for (const Op::GroupKey& key : op.group_keys) {
    absl::StrAppend(&keys, keys.empty() ? "" : " ", ToString(*key.expr));
    if (key.bound_as &&
        !(key.expr->kind == Expr::Kind::kVariable && key.expr->variable == *key.bound_as)) {
      absl::StrAppend(&keys, " AS ?", key.bound_as->name);
    }
  }
  std::string aggregates;
  for (const Aggregate& aggregate : op.aggregates) {
    absl::StrAppend(&aggregates, aggregates.empty() ? "" : ", ",
                    std::string(AggregateName(aggregate.function)), "(",
                    aggregate.distinct ? "DISTINCT " : "",
                    aggregate.arg ? ToString(*aggregate.arg) : std::string("*"), ")");
  }
  std::string out = keys.empty() ? std::string("Group (one group)")
                                 : absl::StrCat("Group by ", ShortLabelText(keys));
  if (!aggregates.empty()) absl::StrAppend(&out, " computing ", ShortLabelText(aggregates));
  return out;
}

// ------------------------------------------------------------ the builder

std::optional<size_t> GraphVariableSlot(const GraphScope& graph) {
  if (graph.kind == GraphScope::Kind::kVariable) return graph.slot;
  return std::nullopt;
}

// The slots every solution of `op` binds in this scope (seed included).
SlotSet CertainSlots(const ExecContext& context, const Op& op, const Scope& scope) {
  BoundSlots bound = AnalyzeBoundSlots(op, context.slots(), GraphVariableSlot(scope.graph));
  if (scope.seed) {
    for (size_t i = 0; i < bound.certain.size(); ++i) {
      if ((*scope.seed)[i] != kUnbound) bound.certain[i] = true;
    }
  }
  return bound.certain;
}

SlotSet Intersect(SlotSet a, const SlotSet& b) {
  for (size_t i = 0; i < a.size(); ++i) a[i] = a[i] && b[i];
  return a;
}

// GRAPH ?g { pattern } for a pattern that is not a BGP: the pattern once
// per named graph, each solution joined with ?g = that graph.
class GraphIterationOperator final : public Operator {
 public:
  GraphIterationOperator(ExecContext* context, const Op& pattern, Scope scope, size_t slot,
                         std::vector<TermId> graphs)
      : context_(context),
        pattern_(pattern),
        scope_(std::move(scope)),
        slot_(slot),
        graphs_(std::move(graphs)) {}

  absl::StatusOr<bool> Next(Block* out) override {
    out->Clear();
    while (true) {
      PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
      if (current_ == nullptr) {
        if (next_graph_ >= graphs_.size()) return false;
        graph_ = graphs_[next_graph_++];
        Scope inner = scope_;
        inner.graph = GraphScope{GraphScope::Kind::kNamed, graph_, 0};
        PARLEY_ASSIGN_OR_RETURN(current_, BuildOperator(context_, pattern_, inner));
      }
      PARLEY_ASSIGN_OR_RETURN(bool more, current_->Next(out));
      if (!more) {
        current_.reset();
        continue;
      }
      size_t kept = 0;
      for (size_t i = 0; i < out->rows(); ++i) {
        TermId* row = out->mutable_row(i);
        if (row[slot_] == kUnbound) row[slot_] = graph_;
        if (row[slot_] != graph_) continue;
        if (kept != i) std::copy(row, row + out->width(), out->mutable_row(kept));
        ++kept;
      }
      out->Truncate(kept);
      if (!out->empty()) return true;
    }
  }

 private:
  ExecContext* context_;
  const Op& pattern_;
  Scope scope_;
  size_t slot_;
  std::vector<TermId> graphs_;
  size_t next_graph_ = 0;
  TermId graph_ = 0;
  OperatorPtr current_;
};

bool IsNonEmptyBgp(const Op& op) { return op.kind == Op::Kind::kBgp && !op.triples.empty(); }

// The slots both children of a binary operator always bind.
SlotSet JoinKey(const ExecContext& context, const Op& op, const Scope& scope) {
  return Intersect(CertainSlots(context, *op.children[0], scope),
                   CertainSlots(context, *op.children[1], scope));
}

bool IsBgpLike(const Op& op) {
  return op.kind == Op::Kind::kBgp ||
         (op.kind == Op::Kind::kFilter && op.children[0]->kind == Op::Kind::kBgp);
}

// Joins `right` (a BGP, a Filter over one, or a path) into `input`; a null
// `input` stands for the seed row of `scope`, which lets a BGP choose the
// order its first pattern is read in (see BuildBgp).
absl::StatusOr<OperatorPtr> JoinIntoPattern(ExecContext* context, OperatorPtr input,
                                            const SlotSet& input_bound, const Op& right,
                                            const Scope& scope) {
  if (right.kind == Op::Kind::kPath) {
    if (input == nullptr) input = MakeSeedOperator(context, scope);
    return BuildPath(context, std::move(input), right.path, scope);
  }
  if (right.kind == Op::Kind::kBgp) {
    return BuildBgp(context, std::move(input), input_bound, right.triples, {}, scope);
  }
  // Filter(BGP): collect the conjuncts so each can run as early as possible.
  std::vector<ExprPtr> filters;
  std::vector<ExprPtr> stack{right.expr};
  while (!stack.empty()) {
    ExprPtr e = stack.back();
    stack.pop_back();
    if (e->kind == Expr::Kind::kAnd) {
      stack.push_back(e->args[1]);
      stack.push_back(e->args[0]);
    } else {
      filters.push_back(e);
    }
  }
  return BuildBgp(context, std::move(input), input_bound, right.children[0]->triples, filters,
                  scope);
}

absl::StatusOr<OperatorPtr> BuildJoin(ExecContext* context, const Op& op, const Scope& scope) {
  const size_t mark = ProfileMark(context);
  const Op& left = *op.children[0];
  const Op& right = *op.children[1];
  // A filter over a BGP can only be pushed into the join when it sees the
  // same variables, which holds when the BGP is the whole group (the left
  // side here is joined first, so no: keep Filter(BGP) as the left input).
  const bool right_is_pattern = right.kind == Op::Kind::kBgp || right.kind == Op::Kind::kPath;
  const bool left_is_pattern = left.kind == Op::Kind::kBgp || left.kind == Op::Kind::kPath;
  if (right_is_pattern || left_is_pattern) {
    const Op& outer = right_is_pattern ? left : right;
    const Op& inner = right_is_pattern ? right : left;
    PARLEY_ASSIGN_OR_RETURN(OperatorPtr input, BuildOperator(context, outer, scope));
    return Explained(context, mark,
                     JoinIntoPattern(context, std::move(input),
                                     CertainSlots(*context, outer, scope), inner, scope),
                     [&] { return "Join into " + PatternLabel(inner); });
  }
  PARLEY_ASSIGN_OR_RETURN(OperatorPtr l, BuildOperator(context, left, scope));
  PARLEY_ASSIGN_OR_RETURN(OperatorPtr r, BuildOperator(context, right, scope));
  const SlotSet key =
      Intersect(CertainSlots(*context, left, scope), CertainSlots(*context, right, scope));
  return Explained(context, mark, MakeHashJoinOperator(context, std::move(l), std::move(r), key),
                   [&] { return "HashJoin on " + SlotsLabel(*context, key); });
}

absl::StatusOr<OperatorPtr> BuildGraph(ExecContext* context, const Op& op, const Scope& scope) {
  const size_t mark = ProfileMark(context);
  const Op& pattern = *op.children[0];
  auto label = [&](const std::string& how) {
    return absl::StrCat("Graph ", ShortLabelText(ToString(op.graph)), how);
  };
  if (const Term* name = std::get_if<Term>(&op.graph)) {
    PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> id, context->terms().LookupStored(*name));
    if (!id.has_value() || !context->dataset().IsNamedGraph(*id)) {
      return Explained(context, mark, MakeEmptyOperator(),
                       [&] { return label(" (not a named graph of the dataset: empty)"); });
    }
    Scope inner = scope;
    inner.graph = GraphScope{GraphScope::Kind::kNamed, *id, 0};
    return Explained(context, mark, BuildOperator(context, pattern, inner),
                     [&] { return label(""); });
  }
  const size_t slot = context->slots().SlotOf(std::get<Variable>(op.graph));
  if (IsBgpLike(pattern) &&
      !(pattern.kind == Op::Kind::kBgp ? pattern.triples : pattern.children[0]->triples).empty()) {
    Scope inner = scope;
    inner.graph = GraphScope{GraphScope::Kind::kVariable, kDefaultGraphId, slot};
    return Explained(context, mark, BuildOperator(context, pattern, inner),
                     [&] { return label(" (scanned as the graph position)"); });
  }
  std::vector<TermId> graphs;
  const TermId seeded = scope.seed ? (*scope.seed)[slot] : kUnbound;
  PARLEY_ASSIGN_OR_RETURN(std::vector<TermId> named, context->source()->NamedGraphs());
  for (TermId g : named) {
    if (context->dataset().IsNamedGraph(g) && (seeded == kUnbound || seeded == g)) {
      graphs.push_back(g);
    }
  }
  const size_t count = graphs.size();
  return Explained(
      context, mark,
      std::make_unique<GraphIterationOperator>(context, pattern, scope, slot, std::move(graphs)),
      [&] {
        return label(absl::StrCat(" (the pattern once per named graph, ", count,
                                  count == 1 ? " graph" : " graphs", "; not shown)"));
      });
}

// The number of rows an OrderBy below a Slice needs to keep.
std::optional<uint64_t> TopN(const Op& slice) {
  if (!slice.limit.has_value()) return std::nullopt;
  return slice.offset + *slice.limit;
}

absl::StatusOr<OperatorPtr> BuildOrderBy(ExecContext* context, const Op& op, const Scope& scope,
                                         std::optional<uint64_t> keep_first) {
  const size_t mark = ProfileMark(context);
  PARLEY_ASSIGN_OR_RETURN(OperatorPtr input, BuildOperator(context, *op.children[0], scope));
  return Explained(
      context, mark,
      MakeOrderByOperator(context, std::move(input), op.order, scope.graph, keep_first),
      [&] { return OrderLabel(op, keep_first); });
}

SlotSet ProjectedSlots(const ExecContext& context, const Op& op) {
  SlotSet keep(context.width(), false);
  for (const Variable& v : op.variables) keep[context.slots().SlotOf(v)] = true;
  return keep;
}

absl::StatusOr<OperatorPtr> BuildProject(ExecContext* context, const Op& op, size_t mark,
                                         OperatorPtr input) {
  return Explained(context, mark,
                   MakeProjectOperator(context, std::move(input), ProjectedSlots(*context, op)),
                   [&] { return "Project " + VariablesLabel(op.variables); });
}

// `op` is Distinct(Project(OrderBy(...))) whose sort keys read only
// projected variables (and no EXISTS).
bool SortsOnlyProjected(const ExecContext& context, const Op& op) {
  if (op.kind != Op::Kind::kDistinct || op.children[0]->kind != Op::Kind::kProject) return false;
  const Op& project = *op.children[0];
  if (project.children[0]->kind != Op::Kind::kOrderBy) return false;
  const SlotSet kept = ProjectedSlots(context, project);
  for (const OrderKey& key : project.children[0]->order) {
    SlotSet read(context.width(), false);
    bool has_exists = false;
    CollectExprSlots(*key.expr, context.slots(), &read, &has_exists);
    if (has_exists) return false;
    for (size_t i = 0; i < read.size(); ++i) {
      if (read[i] && !kept[i]) return false;
    }
  }
  return true;
}

absl::StatusOr<OperatorPtr> BuildSlice(ExecContext* context, const Op& op, const Scope& scope) {
  const size_t mark = ProfileMark(context);
  const Op& child = *op.children[0];
  OperatorPtr input;
  if (child.kind == Op::Kind::kOrderBy) {
    PARLEY_ASSIGN_OR_RETURN(input, BuildOrderBy(context, child, scope, TopN(op)));
  } else if (child.kind == Op::Kind::kProject && child.children[0]->kind == Op::Kind::kOrderBy) {
    const size_t project_mark = ProfileMark(context);
    PARLEY_ASSIGN_OR_RETURN(OperatorPtr sorted,
                            BuildOrderBy(context, *child.children[0], scope, TopN(op)));
    PARLEY_ASSIGN_OR_RETURN(input, BuildProject(context, child, project_mark, std::move(sorted)));
  } else if (SortsOnlyProjected(*context, child)) {
    // DISTINCT before the sort: it then sees each distinct row once, and
    // the LIMIT bounds it (top-N). The same rows in the same order, since
    // the sort keys read only variables the projection keeps.
    const Op& project = *child.children[0];
    const Op& order_by = *project.children[0];
    const size_t inner_mark = ProfileMark(context);
    PARLEY_ASSIGN_OR_RETURN(OperatorPtr rows, BuildOperator(context, *order_by.children[0], scope));
    PARLEY_ASSIGN_OR_RETURN(rows, BuildProject(context, project, inner_mark, std::move(rows)));
    PARLEY_ASSIGN_OR_RETURN(
        rows, Explained(context, inner_mark, MakeDistinctOperator(context, std::move(rows)),
                        [] { return std::string("Distinct"); }));
    PARLEY_ASSIGN_OR_RETURN(
        input, Explained(context, inner_mark,
                         MakeOrderByOperator(context, std::move(rows), order_by.order, scope.graph,
                                             TopN(op)),
                         [&] { return OrderLabel(order_by, TopN(op)); }));
  } else {
    PARLEY_ASSIGN_OR_RETURN(input, BuildOperator(context, child, scope));
  }
  return Explained(context, mark, MakeSliceOperator(context, std::move(input), op.offset, op.limit),
                   [&] { return SliceLabel(op); });
}

}  // namespace

absl::StatusOr<OperatorPtr> BuildOperator(ExecContext* context, const Op& op, const Scope& scope) {
  const size_t mark = ProfileMark(context);
  auto child = [&](size_t i) { return BuildOperator(context, *op.children[i], scope); };
  auto explained = [&](absl::StatusOr<OperatorPtr> built, const auto& label) {
    return Explained(context, mark, std::move(built), label);
  };
  switch (op.kind) {
    case Op::Kind::kBgp:
    case Op::Kind::kPath:
      return explained(JoinIntoPattern(context, /*input=*/nullptr,
                                       CertainSlots(*context, Op{}, scope), op, scope),
                       [&] { return PatternLabel(op); });
    case Op::Kind::kJoin:
      return BuildJoin(context, op, scope);
    case Op::Kind::kLeftJoin: {
      PARLEY_ASSIGN_OR_RETURN(OperatorPtr left, child(0));
      auto label = [&](std::string how) {
        if (op.expr != nullptr) absl::StrAppend(&how, " filter ", ExprLabel(op.expr));
        return "Optional " + how;
      };
      const Op& optional = *op.children[1];
      if (op.expr == nullptr && optional.kind == Op::Kind::kBgp && optional.triples.size() == 1) {
        PARLEY_ASSIGN_OR_RETURN(
            OperatorPtr probed,
            BuildOptionalPattern(context, &left, CertainSlots(*context, *op.children[0], scope),
                                 optional.triples[0], scope));
        if (probed != nullptr) {
          return explained(std::move(probed), [&] {
            return label(
                absl::StrCat("keyed probe: ", ShortLabelText(ToString(optional.triples[0]))));
          });
        }
      }
      if (IsNonEmptyBgp(optional)) {
        return explained(
            BuildCorrelatedJoin(context, op, std::move(left), JoinKey(*context, op, scope), scope),
            [&] {
              return label("correlated: " + PatternLabel(optional) + " per left row (not shown)");
            });
      }
      PARLEY_ASSIGN_OR_RETURN(OperatorPtr right, child(1));
      const SlotSet key = JoinKey(*context, op, scope);
      return explained(MakeLeftJoinOperator(context, std::move(left), std::move(right), key,
                                            op.expr, scope.graph),
                       [&] { return label("hash on " + SlotsLabel(*context, key)); });
    }
    case Op::Kind::kFilter: {
      if (op.children[0]->kind == Op::Kind::kBgp) {
        return explained(JoinIntoPattern(context, /*input=*/nullptr,
                                         CertainSlots(*context, Op{}, scope), op, scope),
                         [&] { return PatternLabel(op); });
      }
      PARLEY_ASSIGN_OR_RETURN(OperatorPtr input, child(0));
      return explained(MakeFilterOperator(context, std::move(input), op.expr, scope.graph),
                       [&] { return "Filter " + ExprLabel(op.expr); });
    }
    case Op::Kind::kUnion: {
      PARLEY_ASSIGN_OR_RETURN(OperatorPtr left, child(0));
      PARLEY_ASSIGN_OR_RETURN(OperatorPtr right, child(1));
      return explained(MakeUnionOperator(context, std::move(left), std::move(right)),
                       [] { return std::string("Union"); });
    }
    case Op::Kind::kMinus: {
      PARLEY_ASSIGN_OR_RETURN(OperatorPtr left, child(0));
      if (IsNonEmptyBgp(*op.children[1])) {
        return explained(
            BuildCorrelatedJoin(context, op, std::move(left), JoinKey(*context, op, scope), scope),
            [&] {
              return "Minus correlated: " + PatternLabel(*op.children[1]) +
                     " per left row (not shown)";
            });
      }
      PARLEY_ASSIGN_OR_RETURN(OperatorPtr right, child(1));
      const SlotSet key = JoinKey(*context, op, scope);
      return explained(MakeMinusOperator(context, std::move(left), std::move(right), key),
                       [&] { return "Minus hash on " + SlotsLabel(*context, key); });
    }
    case Op::Kind::kGraph:
      return BuildGraph(context, op, scope);
    case Op::Kind::kExtend: {
      PARLEY_ASSIGN_OR_RETURN(OperatorPtr input, child(0));
      return explained(
          MakeExtendOperator(context, std::move(input), context->slots().SlotOf(op.variable),
                             op.expr, scope.graph),
          [&] { return absl::StrCat("Bind ?", op.variable.name, " := ", ExprLabel(op.expr)); });
    }
    case Op::Kind::kTable:
      return Explained(
          context, mark, MakeTableOperator(context, op, scope),
          [&] { return "Values " + VariablesLabel(op.table_variables); },
          static_cast<double>(op.table_rows.size()));
    case Op::Kind::kGroup: {
      PARLEY_ASSIGN_OR_RETURN(OperatorPtr input, child(0));
      return explained(BuildGroup(context, std::move(input), op, scope),
                       [&] { return GroupLabel(op); });
    }
    case Op::Kind::kOrderBy:
      return BuildOrderBy(context, op, scope, std::nullopt);
    case Op::Kind::kProject: {
      PARLEY_ASSIGN_OR_RETURN(OperatorPtr input, child(0));
      return BuildProject(context, op, mark, std::move(input));
    }
    case Op::Kind::kDistinct: {
      PARLEY_ASSIGN_OR_RETURN(OperatorPtr input, child(0));
      return explained(MakeDistinctOperator(context, std::move(input)),
                       [] { return std::string("Distinct"); });
    }
    case Op::Kind::kReduced: {
      PARLEY_ASSIGN_OR_RETURN(OperatorPtr input, child(0));
      return explained(MakeReducedOperator(context, std::move(input)),
                       [] { return std::string("Reduced"); });
    }
    case Op::Kind::kSlice:
      return BuildSlice(context, op, scope);
  }
  return absl::InternalError("unknown algebra operator");
}

absl::StatusOr<bool> EvaluateExists(ExecContext* context, const Op& pattern,
                                    const GraphScope& graph, const TermId* row) {
  Scope scope;
  scope.graph = graph;
  scope.seed = std::make_shared<const std::vector<TermId>>(row, row + context->width());
  PARLEY_ASSIGN_OR_RETURN(OperatorPtr plan, BuildOperator(context, pattern, scope));
  Block block(context->width());
  return plan->Next(&block);
}

}  // namespace parley::query
