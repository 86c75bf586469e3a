#include "query/algebra/algebra_printer.h"

#include <string_view>

#include "absl/strings/str_cat.h"

namespace parley::query {
namespace {

constexpr std::string_view kXsdPrefix = "http://www.w3.org/2001/XMLSchema#";

std::string TermText(const Term& term) {
  if (term.is_literal() && term.language().empty() && term.datatype() != kXsdString &&
      std::string_view(term.datatype()).substr(0, kXsdPrefix.size()) == kXsdPrefix) {
    std::string text = Term::Literal(term.value()).ToNTriples();
    return text + "^^xsd:" + term.datatype().substr(kXsdPrefix.size());
  }
  return term.ToNTriples();
}

std::string VariableText(const Variable& variable) { return "?" + variable.name; }

std::string_view OperatorText(Expr::Kind kind) {
  switch (kind) {
    case Expr::Kind::kOr:
      return "||";
    case Expr::Kind::kAnd:
      return "&&";
    case Expr::Kind::kEqual:
      return "=";
    case Expr::Kind::kNotEqual:
      return "!=";
    case Expr::Kind::kLess:
      return "<";
    case Expr::Kind::kGreater:
      return ">";
    case Expr::Kind::kLessEqual:
      return "<=";
    case Expr::Kind::kGreaterEqual:
      return ">=";
    case Expr::Kind::kAdd:
      return "+";
    case Expr::Kind::kSubtract:
      return "-";
    case Expr::Kind::kMultiply:
      return "*";
    case Expr::Kind::kDivide:
      return "/";
    default:
      return "";
  }
}

std::string Call(std::string_view name, const std::vector<ExprPtr>& args, size_t from = 0) {
  std::string out(name);
  out += "(";
  for (size_t i = from; i < args.size(); ++i) {
    if (i > from) out += ", ";
    out += ToString(*args[i]);
  }
  return out + ")";
}

std::string OpHeader(const Op& op);

void CollectChain(const Expr& expr, Expr::Kind kind, std::vector<const Expr*>* operands) {
  if (expr.kind != kind || expr.args.size() != 2) {
    operands->push_back(&expr);
    return;
  }
  CollectChain(*expr.args[0], kind, operands);
  CollectChain(*expr.args[1], kind, operands);
}

// `op` and its subtree on one line: header [child; child].
std::string OpInline(const Op& op) {
  std::string out = OpHeader(op);
  if (op.kind == Op::Kind::kBgp) {
    for (size_t i = 0; i < op.triples.size(); ++i) {
      const TriplePattern& t = op.triples[i];
      out += (i == 0 ? " " : " . ") + ToString(t.subject) + " " + ToString(t.predicate) + " " +
             ToString(t.object);
    }
  }
  if (!op.children.empty()) {
    out += " [";
    for (size_t i = 0; i < op.children.size(); ++i) {
      if (i > 0) out += "; ";
      out += OpInline(*op.children[i]);
    }
    out += "]";
  }
  return out;
}

std::string OpHeader(const Op& op) {
  switch (op.kind) {
    case Op::Kind::kBgp:
      return "bgp";
    case Op::Kind::kPath:
      return "path " + ToString(op.path.subject) + " " + ToString(*op.path.path) + " " +
             ToString(op.path.object);
    case Op::Kind::kJoin:
      return "join";
    case Op::Kind::kLeftJoin:
      return op.expr ? "leftjoin " + ToString(*op.expr) : std::string("leftjoin");
    case Op::Kind::kFilter:
      return "filter " + ToString(*op.expr);
    case Op::Kind::kUnion:
      return "union";
    case Op::Kind::kMinus:
      return "minus";
    case Op::Kind::kGraph:
      return "graph " + ToString(op.graph);
    case Op::Kind::kExtend:
      return "extend " + VariableText(op.variable) + " := " + ToString(*op.expr);
    case Op::Kind::kTable: {
      std::string out = "table (";
      for (size_t i = 0; i < op.table_variables.size(); ++i) {
        if (i > 0) out += ' ';
        out += VariableText(op.table_variables[i]);
      }
      out += ")";
      for (const auto& row : op.table_rows) {
        out += " (";
        for (size_t i = 0; i < row.size(); ++i) {
          if (i > 0) out += ' ';
          out += row[i] ? TermText(*row[i]) : std::string("UNDEF");
        }
        out += ")";
      }
      return out;
    }
    case Op::Kind::kGroup: {
      std::string out = "group (";
      for (size_t i = 0; i < op.group_keys.size(); ++i) {
        const Op::GroupKey& key = op.group_keys[i];
        out += i > 0 ? " " : "";
        bool plain = key.bound_as && key.expr->kind == Expr::Kind::kVariable &&
                     key.expr->variable == *key.bound_as;
        if (plain || !key.bound_as) {
          out += ToString(*key.expr);
        } else {
          out += "(" + ToString(*key.expr) + " AS " + VariableText(*key.bound_as) + ")";
        }
      }
      out += ")";
      for (const Aggregate& aggregate : op.aggregates) {
        out += " " + VariableText(aggregate.result) + " := ";
        out += AggregateName(aggregate.function);
        out += "(";
        if (aggregate.distinct) out += "DISTINCT ";
        out += aggregate.arg ? ToString(*aggregate.arg) : "*";
        if (aggregate.function == Aggregate::Function::kGroupConcat) {
          out += "; SEPARATOR=" + Term::Literal(aggregate.separator).ToNTriples();
        }
        out += ")";
      }
      return out;
    }
    case Op::Kind::kOrderBy: {
      std::string out = "order";
      for (const OrderKey& key : op.order) {
        out += key.descending ? " DESC(" + ToString(*key.expr) + ")" : " " + ToString(*key.expr);
      }
      return out;
    }
    case Op::Kind::kProject: {
      std::string out = "project";
      for (const Variable& variable : op.variables) out += " " + VariableText(variable);
      return out;
    }
    case Op::Kind::kDistinct:
      return "distinct";
    case Op::Kind::kReduced:
      return "reduced";
    case Op::Kind::kSlice: {
      std::string out = "slice offset=" + std::to_string(op.offset);
      if (op.limit) out += " limit=" + std::to_string(*op.limit);
      return out;
    }
  }
  return "?";
}

void AppendTree(const Op& op, int indent, std::string* out) {
  out->append(static_cast<size_t>(indent) * 2, ' ');
  *out += OpHeader(op) + "\n";
  if (op.kind == Op::Kind::kBgp) {
    for (const TriplePattern& t : op.triples) {
      out->append(static_cast<size_t>(indent + 1) * 2, ' ');
      *out += ToString(t.subject) + " " + ToString(t.predicate) + " " + ToString(t.object) + "\n";
    }
  }
  for (const OpPtr& child : op.children) AppendTree(*child, indent + 1, out);
}

}  // namespace

std::string_view AggregateName(Aggregate::Function function) {
  switch (function) {
    case Aggregate::Function::kCount:
      return "COUNT";
    case Aggregate::Function::kSum:
      return "SUM";
    case Aggregate::Function::kMin:
      return "MIN";
    case Aggregate::Function::kMax:
      return "MAX";
    case Aggregate::Function::kAvg:
      return "AVG";
    case Aggregate::Function::kSample:
      return "SAMPLE";
    case Aggregate::Function::kGroupConcat:
      return "GROUP_CONCAT";
  }
  return "?";
}

std::string ToString(const TermOrVariable& position) {
  if (const auto* variable = std::get_if<Variable>(&position)) return VariableText(*variable);
  return TermText(std::get<Term>(position));
}

std::string ToString(const TriplePattern& triple) {
  return absl::StrCat(ToString(triple.subject), " ", ToString(triple.predicate), " ",
                      ToString(triple.object));
}

std::string ToString(const Path& path) {
  auto child = [&](size_t i) {
    const Path& c = *path.children[i];
    bool atomic = c.kind == Path::Kind::kLink || c.kind == Path::Kind::kNegatedSet;
    return atomic ? ToString(c) : absl::StrCat("(", ToString(c), ")");
  };
  auto joined = [&](std::string_view separator) {
    std::string out;
    for (size_t i = 0; i < path.children.size(); ++i) {
      if (i > 0) out += separator;
      out += child(i);
    }
    return out;
  };
  switch (path.kind) {
    case Path::Kind::kLink:
      return TermText(path.iri);
    case Path::Kind::kInverse:
      return "^" + child(0);
    case Path::Kind::kSequence:
      return joined("/");
    case Path::Kind::kAlternative:
      return joined("|");
    case Path::Kind::kZeroOrMore:
      return child(0) + "*";
    case Path::Kind::kOneOrMore:
      return child(0) + "+";
    case Path::Kind::kZeroOrOne:
      return child(0) + "?";
    case Path::Kind::kNegatedSet: {
      std::string out = "!(";
      bool first = true;
      for (const Term& iri : path.negated) {
        out += (first ? "" : "|") + TermText(iri);
        first = false;
      }
      for (const Term& iri : path.negated_inverse) {
        out += (first ? "^" : "|^") + TermText(iri);
        first = false;
      }
      return out + ")";
    }
  }
  return "?";
}

std::string ToString(const Expr& expr) {
  switch (expr.kind) {
    case Expr::Kind::kConstant:
      return TermText(expr.constant);
    case Expr::Kind::kVariable:
      return VariableText(expr.variable);
    case Expr::Kind::kNot:
      return "!" + ToString(*expr.args[0]);
    case Expr::Kind::kUnaryPlus:
      return "+" + ToString(*expr.args[0]);
    case Expr::Kind::kUnaryMinus:
      return "-" + ToString(*expr.args[0]);
    case Expr::Kind::kIn:
    case Expr::Kind::kNotIn:
      return "(" + ToString(*expr.args[0]) +
             Call(expr.kind == Expr::Kind::kIn ? " IN " : " NOT IN ", expr.args, 1) + ")";
    case Expr::Kind::kBound:
      return Call("BOUND", expr.args);
    case Expr::Kind::kIf:
      return Call("IF", expr.args);
    case Expr::Kind::kCoalesce:
      return Call("COALESCE", expr.args);
    case Expr::Kind::kExists:
    case Expr::Kind::kNotExists:
      return std::string(expr.kind == Expr::Kind::kExists ? "EXISTS{" : "NOT EXISTS{") +
             (expr.pattern ? OpInline(*expr.pattern) : "") + "}";
    case Expr::Kind::kBuiltin:
      return Call(BuiltinName(expr.builtin), expr.args);
    case Expr::Kind::kFunction:
      return Call("<" + expr.function_iri + ">", expr.args);
    case Expr::Kind::kOr:
    case Expr::Kind::kAnd: {
      // Chains print flat, (a && b && c), whatever their tree's shape:
      // both operators are associative.
      std::vector<const Expr*> operands;
      CollectChain(expr, expr.kind, &operands);
      std::string out = "(";
      for (size_t i = 0; i < operands.size(); ++i) {
        if (i > 0) out += expr.kind == Expr::Kind::kOr ? " || " : " && ";
        out += ToString(*operands[i]);
      }
      return out + ")";
    }
    default:
      if (expr.args.size() == 2) {
        return "(" + ToString(*expr.args[0]) + " " + std::string(OperatorText(expr.kind)) + " " +
               ToString(*expr.args[1]) + ")";
      }
      return "?";
  }
}

std::string ToString(const Op& op) {
  std::string out;
  AppendTree(op, 0, &out);
  return out;
}

std::string ToString(const Query& query) {
  std::string out;
  switch (query.form) {
    case Query::Form::kSelect:
      out = "select";
      for (const Variable& variable : query.result_variables) out += " " + VariableText(variable);
      break;
    case Query::Form::kAsk:
      out = "ask";
      break;
    case Query::Form::kConstruct:
      out = "construct";
      for (const TriplePattern& t : query.construct_template) {
        out +=
            "\n  " + ToString(t.subject) + " " + ToString(t.predicate) + " " + ToString(t.object);
      }
      break;
    case Query::Form::kDescribe:
      out = "describe";
      for (const TermOrVariable& item : query.describe) out += " " + ToString(item);
      break;
  }
  out += "\n";
  for (const Term& graph : query.from) out += "from " + TermText(graph) + "\n";
  for (const Term& graph : query.from_named) out += "from named " + TermText(graph) + "\n";
  return out + ToString(*query.pattern);
}

}  // namespace parley::query
