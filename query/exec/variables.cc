#include "query/exec/variables.h"

#include <variant>

namespace parley::query {
namespace {

void AddTermOrVariable(const TermOrVariable& position, VariableSlots* slots) {
  if (const Variable* v = std::get_if<Variable>(&position)) slots->Add(v->name);
}

void AddOp(const Op& op, VariableSlots* slots);

void AddExpr(const Expr& expr, VariableSlots* slots) {
  if (expr.kind == Expr::Kind::kVariable) slots->Add(expr.variable.name);
  for (const ExprPtr& arg : expr.args) {
    if (arg) AddExpr(*arg, slots);
  }
  if (expr.pattern) AddOp(*expr.pattern, slots);
}

void AddOp(const Op& op, VariableSlots* slots) {
  for (const TriplePattern& t : op.triples) {
    AddTermOrVariable(t.subject, slots);
    AddTermOrVariable(t.predicate, slots);
    AddTermOrVariable(t.object, slots);
  }
  if (op.kind == Op::Kind::kPath) {
    AddTermOrVariable(op.path.subject, slots);
    AddTermOrVariable(op.path.object, slots);
  }
  if (op.kind == Op::Kind::kGraph) AddTermOrVariable(op.graph, slots);
  if (op.expr) AddExpr(*op.expr, slots);
  if (op.kind == Op::Kind::kExtend) slots->Add(op.variable.name);
  for (const Variable& v : op.table_variables) slots->Add(v.name);
  for (const Op::GroupKey& key : op.group_keys) {
    if (key.expr) AddExpr(*key.expr, slots);
    if (key.bound_as) slots->Add(key.bound_as->name);
  }
  for (const Aggregate& a : op.aggregates) {
    if (a.arg) AddExpr(*a.arg, slots);
    slots->Add(a.result.name);
  }
  for (const OrderKey& key : op.order) {
    if (key.expr) AddExpr(*key.expr, slots);
  }
  for (const Variable& v : op.variables) slots->Add(v.name);
  for (const OpPtr& child : op.children) {
    if (child) AddOp(*child, slots);
  }
}

void Or(SlotSet* into, const SlotSet& other) {
  for (size_t i = 0; i < into->size(); ++i) {
    if (other[i]) (*into)[i] = true;
  }
}

void And(SlotSet* into, const SlotSet& other) {
  for (size_t i = 0; i < into->size(); ++i) {
    if (!other[i]) (*into)[i] = false;
  }
}

void MarkCertain(const TermOrVariable& position, const VariableSlots& slots, BoundSlots* out) {
  if (const Variable* v = std::get_if<Variable>(&position)) {
    if (std::optional<size_t> slot = slots.Find(v->name)) {
      out->certain[*slot] = true;
      out->maybe[*slot] = true;
    }
  }
}

}  // namespace

VariableSlots VariableSlots::ForQuery(const Query& query, const QueryOptions& options) {
  VariableSlots slots;
  for (const Variable& v : query.result_variables) slots.Add(v.name);
  if (query.pattern) AddOp(*query.pattern, &slots);
  for (const TriplePattern& t : query.construct_template) {
    AddTermOrVariable(t.subject, &slots);
    AddTermOrVariable(t.predicate, &slots);
    AddTermOrVariable(t.object, &slots);
  }
  for (const TermOrVariable& d : query.describe) AddTermOrVariable(d, &slots);
  for (const auto& [name, term] : options.bindings) slots.Add(name);
  return slots;
}

std::optional<size_t> VariableSlots::Find(std::string_view name) const {
  auto it = slots_.find(std::string(name));
  if (it == slots_.end()) return std::nullopt;
  return it->second;
}

size_t VariableSlots::SlotOf(const Variable& variable) const { return slots_.at(variable.name); }

size_t VariableSlots::Add(const std::string& name) {
  auto [it, inserted] = slots_.emplace(name, names_.size());
  if (inserted) names_.push_back(name);
  return it->second;
}

BoundSlots AnalyzeBoundSlots(const Op& op, const VariableSlots& slots,
                             std::optional<size_t> graph_variable) {
  const size_t width = slots.size();
  BoundSlots out{SlotSet(width, false), SlotSet(width, false)};
  auto certain_graph = [&] {
    if (graph_variable.has_value()) {
      out.certain[*graph_variable] = true;
      out.maybe[*graph_variable] = true;
    }
  };
  switch (op.kind) {
    case Op::Kind::kBgp:
      for (const TriplePattern& t : op.triples) {
        MarkCertain(t.subject, slots, &out);
        MarkCertain(t.predicate, slots, &out);
        MarkCertain(t.object, slots, &out);
      }
      if (!op.triples.empty()) certain_graph();
      break;
    case Op::Kind::kPath:
      MarkCertain(op.path.subject, slots, &out);
      MarkCertain(op.path.object, slots, &out);
      certain_graph();
      break;
    case Op::Kind::kJoin: {
      out = AnalyzeBoundSlots(*op.children[0], slots, graph_variable);
      BoundSlots right = AnalyzeBoundSlots(*op.children[1], slots, graph_variable);
      Or(&out.certain, right.certain);
      Or(&out.maybe, right.maybe);
      break;
    }
    case Op::Kind::kLeftJoin: {
      out = AnalyzeBoundSlots(*op.children[0], slots, graph_variable);
      BoundSlots right = AnalyzeBoundSlots(*op.children[1], slots, graph_variable);
      Or(&out.maybe, right.maybe);
      break;
    }
    case Op::Kind::kUnion: {
      out = AnalyzeBoundSlots(*op.children[0], slots, graph_variable);
      BoundSlots right = AnalyzeBoundSlots(*op.children[1], slots, graph_variable);
      And(&out.certain, right.certain);
      Or(&out.maybe, right.maybe);
      break;
    }
    case Op::Kind::kGraph: {
      std::optional<size_t> inner_graph;
      if (const Variable* v = std::get_if<Variable>(&op.graph)) inner_graph = slots.Find(v->name);
      out = AnalyzeBoundSlots(*op.children[0], slots, inner_graph);
      if (inner_graph.has_value()) {
        out.certain[*inner_graph] = true;
        out.maybe[*inner_graph] = true;
      }
      break;
    }
    case Op::Kind::kExtend:
      out = AnalyzeBoundSlots(*op.children[0], slots, graph_variable);
      if (std::optional<size_t> slot = slots.Find(op.variable.name)) out.maybe[*slot] = true;
      break;
    case Op::Kind::kTable: {
      for (size_t c = 0; c < op.table_variables.size(); ++c) {
        std::optional<size_t> slot = slots.Find(op.table_variables[c].name);
        if (!slot.has_value()) continue;
        bool all = true;
        bool any = false;
        for (const auto& row : op.table_rows) {
          if (c < row.size() && row[c].has_value()) {
            any = true;
          } else {
            all = false;
          }
        }
        out.certain[*slot] = all && !op.table_rows.empty();
        out.maybe[*slot] = any;
      }
      break;
    }
    case Op::Kind::kGroup:
      for (const Op::GroupKey& key : op.group_keys) {
        if (key.bound_as) {
          if (std::optional<size_t> slot = slots.Find(key.bound_as->name)) out.maybe[*slot] = true;
        }
      }
      for (const Aggregate& a : op.aggregates) {
        if (std::optional<size_t> slot = slots.Find(a.result.name)) out.maybe[*slot] = true;
      }
      break;
    case Op::Kind::kProject: {
      out = AnalyzeBoundSlots(*op.children[0], slots, graph_variable);
      SlotSet projected(width, false);
      for (const Variable& v : op.variables) {
        if (std::optional<size_t> slot = slots.Find(v.name)) projected[*slot] = true;
      }
      And(&out.certain, projected);
      And(&out.maybe, projected);
      break;
    }
    case Op::Kind::kFilter:
    case Op::Kind::kMinus:
    case Op::Kind::kOrderBy:
    case Op::Kind::kDistinct:
    case Op::Kind::kReduced:
    case Op::Kind::kSlice:
      out = AnalyzeBoundSlots(*op.children[0], slots, graph_variable);
      break;
  }
  return out;
}

namespace {

void MarkExtended(const Op& op, const VariableSlots& slots, SlotSet* out) {
  if (op.kind == Op::Kind::kExtend) {
    if (std::optional<size_t> slot = slots.Find(op.variable.name)) (*out)[*slot] = true;
  }
  for (const OpPtr& child : op.children) {
    if (child) MarkExtended(*child, slots, out);
  }
}

}  // namespace

SlotSet ExtendedSlots(const Op& op, const VariableSlots& slots) {
  SlotSet out(slots.size(), false);
  MarkExtended(op, slots, &out);
  return out;
}

void CollectExprSlots(const Expr& expr, const VariableSlots& slots, SlotSet* read,
                      bool* has_exists) {
  if (expr.kind == Expr::Kind::kVariable) {
    if (std::optional<size_t> slot = slots.Find(expr.variable.name)) (*read)[*slot] = true;
  }
  if (expr.kind == Expr::Kind::kExists || expr.kind == Expr::Kind::kNotExists) {
    *has_exists = true;
  }
  for (const ExprPtr& arg : expr.args) {
    if (arg) CollectExprSlots(*arg, slots, read, has_exists);
  }
}

namespace {

bool CallsNondeterministicBuiltin(const Expr& expr) {
  if (expr.kind == Expr::Kind::kBuiltin &&
      (expr.builtin == Builtin::kRand || expr.builtin == Builtin::kUuid ||
       expr.builtin == Builtin::kStrUuid || expr.builtin == Builtin::kBnode)) {
    return true;
  }
  for (const ExprPtr& arg : expr.args) {
    if (arg && CallsNondeterministicBuiltin(*arg)) return true;
  }
  return false;
}

}  // namespace

std::optional<size_t> SoleInputSlot(const Expr& expr, const VariableSlots& slots) {
  SlotSet read(slots.size(), false);
  bool has_exists = false;
  CollectExprSlots(expr, slots, &read, &has_exists);
  if (has_exists || CallsNondeterministicBuiltin(expr)) return std::nullopt;
  std::optional<size_t> sole;
  for (size_t i = 0; i < read.size(); ++i) {
    if (!read[i]) continue;
    if (sole.has_value()) return std::nullopt;
    sole = i;
  }
  return sole;
}

}  // namespace parley::query
