// Group graph patterns, triples, paths and expressions (spec §18.2.2).
#include "query/parser/translate.h"

#include "engine/status_macros.h"
#include "query/algebra/algebra_printer.h"
#include "query/algebra/variables.h"
#include "query/parser/syntax_error.h"
#include "query/parser/text_util.h"
#include "query/parser/translate_internal.h"

namespace parley::query {
namespace {

OpPtr MakeOp(Op op) { return std::make_shared<const Op>(std::move(op)); }

OpPtr EmptyBgp() { return MakeOp(Op{}); }

}  // namespace

OpPtr NewOp(Op::Kind kind, std::vector<OpPtr> children, ExprPtr expr) {
  Op op;
  op.kind = kind;
  op.children = std::move(children);
  op.expr = std::move(expr);
  return MakeOp(std::move(op));
}

OpPtr NewExtendOp(OpPtr child, Variable variable, ExprPtr expr) {
  Op op;
  op.kind = Op::Kind::kExtend;
  op.children = {std::move(child)};
  op.variable = std::move(variable);
  op.expr = std::move(expr);
  return MakeOp(std::move(op));
}

OpPtr NewGraphOp(TermOrVariable graph, OpPtr child) {
  Op op;
  op.kind = Op::Kind::kGraph;
  op.graph = std::move(graph);
  op.children = {std::move(child)};
  return MakeOp(std::move(op));
}

namespace {

ExprPtr BalancedConjunction(const std::vector<ExprPtr>& conditions, size_t begin, size_t end) {
  if (end - begin == 1) return conditions[begin];
  size_t middle = begin + (end - begin) / 2;
  auto both = std::make_shared<Expr>();
  both->kind = Expr::Kind::kAnd;
  both->args = {BalancedConjunction(conditions, begin, middle),
                BalancedConjunction(conditions, middle, end)};
  return both;
}

}  // namespace

// A UNION B UNION C as a balanced tree of Unions whose leaves keep their
// order: union is associative, and many branches then stay shallow.
OpPtr BalancedUnion(const std::vector<OpPtr>& branches, size_t begin, size_t end) {
  if (end - begin == 1) return branches[begin];
  size_t middle = begin + (end - begin) / 2;
  return NewOp(Op::Kind::kUnion,
               {BalancedUnion(branches, begin, middle), BalancedUnion(branches, middle, end)});
}

// Balanced, as the parser builds && chains, so many FILTERs stay shallow.
ExprPtr Conjunction(const std::vector<ExprPtr>& conditions) {
  return BalancedConjunction(conditions, 0, conditions.size());
}

bool IsEmptyBgp(const Op& op) { return op.kind == Op::Kind::kBgp && op.triples.empty(); }

OpPtr MakeJoin(OpPtr left, OpPtr right) {
  if (IsEmptyBgp(*left)) return right;
  if (IsEmptyBgp(*right)) return left;
  return NewOp(Op::Kind::kJoin, {std::move(left), std::move(right)});
}

absl::StatusOr<Query> TranslateQuery(const ast::Query& syntax, std::string_view text) {
  return Translator(text).TranslateQuery(syntax);
}

absl::Status Translator::Error(size_t offset, std::string_view message) const {
  return SyntaxError(text_, offset, message);
}

// ------------------------------------------------------------------ triples

TermOrVariable TemplatePosition(const ast::Node& node) {
  switch (node.kind) {
    case ast::Node::Kind::kBlankLabel:
      return Term::BlankNode(Cat("l", node.name));
    case ast::Node::Kind::kAnonymous:
      return Term::BlankNode(Cat("a", node.name));
    case ast::Node::Kind::kVariable:
      return Variable{node.name};
    case ast::Node::Kind::kTerm:
      break;
  }
  return node.term;
}

TermOrVariable Translator::PatternPosition(const ast::Node& node) const {
  switch (node.kind) {
    case ast::Node::Kind::kTerm:
      return node.term;
    case ast::Node::Kind::kVariable:
      return Variable{node.name};
    // Blank nodes in patterns act as variables that are never projected.
    case ast::Node::Kind::kBlankLabel:
      return Variable{Cat("#_:", node.name)};
    case ast::Node::Kind::kAnonymous:
      return Variable{Cat("#bn", node.name)};
  }
  return Variable{node.name};
}

absl::Status Translator::AddTriple(const ast::Triple& triple, PendingBgp* bgp) {
  for (const ast::Node* node : {&triple.subject, &triple.object}) {
    if (node->kind == ast::Node::Kind::kBlankLabel) bgp->blank_labels.push_back(node);
  }
  if (triple.path == nullptr) {
    bgp->triples.push_back({PatternPosition(triple.subject), PatternPosition(triple.predicate),
                            PatternPosition(triple.object)});
  } else {
    AddPath(PatternPosition(triple.subject), triple.path, PatternPosition(triple.object), bgp);
  }
  return absl::OkStatus();
}

// §18.2.2.4: links become triples, ^link a reversed triple, a sequence a
// chain through fresh hidden variables; the rest stay path patterns.
void Translator::AddPath(TermOrVariable subject, const PathPtr& path, TermOrVariable object,
                         PendingBgp* bgp) {
  switch (path->kind) {
    case Path::Kind::kLink:
      bgp->triples.push_back({std::move(subject), path->iri, std::move(object)});
      return;
    case Path::Kind::kInverse:
      if (path->children[0]->kind == Path::Kind::kLink) {
        bgp->triples.push_back({std::move(object), path->children[0]->iri, std::move(subject)});
        return;
      }
      break;
    case Path::Kind::kSequence: {
      TermOrVariable from = std::move(subject);
      for (size_t i = 0; i < path->children.size(); ++i) {
        TermOrVariable to = i + 1 == path->children.size()
                                ? object
                                : TermOrVariable(Variable{Cat("#path", next_path_variable_++)});
        AddPath(from, path->children[i], to, bgp);
        from = std::move(to);
      }
      return;
    }
    default:
      break;
  }
  bgp->paths.push_back({std::move(subject), path, std::move(object)});
}

absl::StatusOr<OpPtr> Translator::FlushBgp(PendingBgp* bgp) {
  if (bgp->empty()) return OpPtr();
  int id = next_bgp_++;
  for (const ast::Node* node : bgp->blank_labels) {
    blank_label_offset_.emplace(node->name, node->offset);
    auto [it, inserted] = blank_label_bgp_.emplace(node->name, id);
    if (!inserted && it->second != id) {
      return Error(node->offset,
                   Cat("blank node _:", node->name, " is used in two basic graph patterns"));
    }
  }
  OpPtr result;
  if (!bgp->triples.empty() || bgp->paths.empty()) {
    Op op;
    op.kind = Op::Kind::kBgp;
    op.triples = std::move(bgp->triples);
    result = MakeOp(std::move(op));
  }
  for (PathPattern& path : bgp->paths) {
    Op op;
    op.kind = Op::Kind::kPath;
    op.path = std::move(path);
    OpPtr path_op = MakeOp(std::move(op));
    result = result ? MakeJoin(result, path_op) : path_op;
  }
  *bgp = PendingBgp();
  return result;
}

absl::StatusOr<OpPtr> Translator::InlineData(const ast::InlineData& data) const {
  Op table;
  table.kind = Op::Kind::kTable;
  absl::flat_hash_set<std::string> seen;
  for (const std::string& name : data.variables) {
    if (!seen.insert(name).second) {
      return Error(data.offset, Cat("variable ?", name, " appears twice in VALUES"));
    }
    table.table_variables.push_back(Variable{name});
  }
  table.table_rows = data.rows;
  return MakeOp(std::move(table));
}

// ----------------------------------------------------------- group patterns

// §18.2.2.6: elements join left to right; OPTIONAL makes a LeftJoin whose
// condition is the optional group's own filter; MINUS a Minus; BIND an
// Extend (ending the BGP); the group's filters apply to the whole group.
// (Ops are built in the helpers NewOp and Conjunction, outside the
// recursion, to keep deep nesting's stack frames small.)
absl::StatusOr<OpPtr> Translator::GroupPattern(const ast::GroupPattern& group) {
  OpPtr result = EmptyBgp();
  std::vector<ExprPtr> filters;
  PendingBgp bgp;
  for (const ast::Element& element : group.elements) {
    if (element.kind == ast::Element::Kind::kTriples) {
      for (const ast::Triple& triple : element.triples) {
        PARLEY_RETURN_IF_ERROR(AddTriple(triple, &bgp));
      }
      continue;
    }
    if (element.kind == ast::Element::Kind::kFilter) {
      // Filters do not end a BGP: they are lifted to the end of the group.
      PARLEY_ASSIGN_OR_RETURN(ExprPtr filter, Expression(*element.expr, AggregateScope{}));
      filters.push_back(std::move(filter));
      continue;
    }
    PARLEY_ASSIGN_OR_RETURN(OpPtr triples, FlushBgp(&bgp));
    if (triples) result = MakeJoin(result, triples);
    PARLEY_ASSIGN_OR_RETURN(result, GroupElement(element, std::move(result)));
  }
  PARLEY_ASSIGN_OR_RETURN(OpPtr triples, FlushBgp(&bgp));
  if (triples) result = MakeJoin(result, triples);
  if (filters.empty()) return result;
  return NewOp(Op::Kind::kFilter, {result}, Conjunction(filters));
}

absl::StatusOr<OpPtr> Translator::GroupElement(const ast::Element& element, OpPtr left) {
  using Kind = ast::Element::Kind;
  switch (element.kind) {
    case Kind::kOptional: {
      PARLEY_ASSIGN_OR_RETURN(OpPtr optional, GroupPattern(element.groups[0]));
      if (optional->kind == Op::Kind::kFilter) {
        return NewOp(Op::Kind::kLeftJoin, {left, optional->children[0]}, optional->expr);
      }
      return NewOp(Op::Kind::kLeftJoin, {left, optional});
    }
    case Kind::kMinus: {
      PARLEY_ASSIGN_OR_RETURN(OpPtr right, GroupPattern(element.groups[0]));
      return NewOp(Op::Kind::kMinus, {left, right});
    }
    case Kind::kUnion: {
      std::vector<OpPtr> branches;
      for (const ast::GroupPattern& branch : element.groups) {
        PARLEY_ASSIGN_OR_RETURN(OpPtr op, GroupPattern(branch));
        branches.push_back(std::move(op));
      }
      return MakeJoin(left, BalancedUnion(branches, 0, branches.size()));
    }
    case Kind::kGraph: {
      PARLEY_ASSIGN_OR_RETURN(OpPtr inner, GroupPattern(element.groups[0]));
      return MakeJoin(left, NewGraphOp(PatternPosition(element.graph), inner));
    }
    case Kind::kService:
      return Error(element.offset, "SERVICE (federated query) is not supported");
    case Kind::kBind: {
      for (const Variable& in_scope : InScopeVariables(*left)) {
        if (in_scope.name == element.variable) {
          return Error(element.offset, Cat("BIND to ?", element.variable,
                                           ", which is already in scope in this group"));
        }
      }
      PARLEY_ASSIGN_OR_RETURN(ExprPtr expr, Expression(*element.expr, AggregateScope{}));
      return NewExtendOp(left, Variable{element.variable}, std::move(expr));
    }
    case Kind::kValues: {
      PARLEY_ASSIGN_OR_RETURN(OpPtr table, InlineData(element.values));
      return MakeJoin(left, table);
    }
    case Kind::kSubSelect: {
      std::vector<Variable> ignored;
      PARLEY_ASSIGN_OR_RETURN(OpPtr sub,
                              SelectQuery(*element.subselect, /*project=*/true, &ignored));
      return MakeJoin(left, sub);
    }
    case Kind::kTriples:
    case Kind::kFilter:
      break;
  }
  return left;
}

// -------------------------------------------------------------- expressions

absl::StatusOr<ExprPtr> Translator::Expression(const ast::Expr& expr, AggregateScope scope) {
  auto out = std::make_shared<Expr>();
  if (expr.aggregate) {
    std::string_view name = AggregateName(expr.aggregate->function);
    if (scope.inside_aggregate) {
      return Error(expr.offset, Cat("aggregate ", name, " inside another aggregate"));
    }
    if (scope.aggregates == nullptr) {
      return Error(expr.offset, Cat("aggregate ", name, " outside SELECT, HAVING and ORDER BY"));
    }
    Aggregate aggregate;
    aggregate.function = expr.aggregate->function;
    aggregate.distinct = expr.aggregate->distinct;
    aggregate.separator = expr.aggregate->separator;
    if (!expr.args.empty()) {
      AggregateScope inner = scope;
      inner.inside_aggregate = true;
      PARLEY_ASSIGN_OR_RETURN(aggregate.arg, Expression(*expr.args[0], inner));
    }
    aggregate.result = Variable{Cat("#agg", next_aggregate_++)};
    out->kind = Expr::Kind::kVariable;
    out->variable = aggregate.result;
    scope.aggregates->push_back(std::move(aggregate));
    return ExprPtr(std::move(out));
  }
  out->kind = expr.kind;
  out->constant = expr.constant;
  out->variable = Variable{expr.variable};
  out->builtin = expr.builtin;
  out->function_iri = expr.function_iri;
  for (const ast::ExprPtr& arg : expr.args) {
    PARLEY_ASSIGN_OR_RETURN(ExprPtr translated, Expression(*arg, scope));
    out->args.push_back(std::move(translated));
  }
  if (expr.pattern) {
    PARLEY_ASSIGN_OR_RETURN(out->pattern, GroupPattern(*expr.pattern));
  }
  return ExprPtr(std::move(out));
}

}  // namespace parley::query
