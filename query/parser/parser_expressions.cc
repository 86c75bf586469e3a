// Expressions, function and aggregate calls, literals (spec §19.8 rules
// [110]-[145]). Precedence, loosest first: || && (= != < > <= >= IN) (+ -)
// (* /) (unary ! + -).
#include <algorithm>

#include "engine/status_macros.h"
#include "query/parser/parser_internal.h"
#include "query/parser/text_util.h"

namespace parley::query {
namespace {

using ExprKind = Expr::Kind;

void SetDepth(ast::Expr* expr) {
  expr->depth = 1;
  for (const ast::ExprPtr& arg : expr->args) expr->depth = std::max(expr->depth, arg->depth + 1);
}

std::shared_ptr<ast::Expr> MakeExpr(ExprKind kind, std::vector<ast::ExprPtr> args, size_t offset) {
  auto expr = std::make_shared<ast::Expr>();
  expr->kind = kind;
  expr->args = std::move(args);
  expr->offset = offset;
  SetDepth(expr.get());
  return expr;
}

// a || b || c as a balanced tree rather than a left-deep chain: || and &&
// are associative (also with errors, §17.2), and a generated chain of
// thousands of alternatives then stays shallow.
ast::ExprPtr Balanced(ExprKind kind, const std::vector<ast::ExprPtr>& operands, size_t begin,
                      size_t end) {
  if (end - begin == 1) return operands[begin];
  size_t middle = begin + (end - begin) / 2;
  return MakeExpr(kind,
                  {Balanced(kind, operands, begin, middle), Balanced(kind, operands, middle, end)},
                  operands[begin]->offset);
}

bool IsNumberToken(TokenKind kind) {
  return kind == TokenKind::kInteger || kind == TokenKind::kDecimal || kind == TokenKind::kDouble;
}

struct AggregateName {
  std::string_view name;
  Aggregate::Function function;
};
constexpr AggregateName kAggregates[] = {
    {"COUNT", Aggregate::Function::kCount},
    {"SUM", Aggregate::Function::kSum},
    {"MIN", Aggregate::Function::kMin},
    {"MAX", Aggregate::Function::kMax},
    {"AVG", Aggregate::Function::kAvg},
    {"SAMPLE", Aggregate::Function::kSample},
    {"GROUP_CONCAT", Aggregate::Function::kGroupConcat},
};

}  // namespace

absl::Status Parser::CheckDepth(const ast::Expr& expr) const {
  if (expr.depth <= kMaxNestingDepth) return absl::OkStatus();
  return ErrorAt(expr.offset, Cat("expression nested deeper than ", kMaxNestingDepth,
                                  " levels (brackets and chains of operators)"));
}

absl::StatusOr<ast::ExprPtr> Parser::Expression() {
  PARLEY_RETURN_IF_ERROR(Enter());
  std::vector<ast::ExprPtr> operands;
  do {
    PARLEY_ASSIGN_OR_RETURN(ast::ExprPtr operand, ConditionalAndExpression());
    operands.push_back(std::move(operand));
  } while (Accept(TokenKind::kOrOr));
  Leave();
  ast::ExprPtr result = Balanced(ExprKind::kOr, operands, 0, operands.size());
  PARLEY_RETURN_IF_ERROR(CheckDepth(*result));
  return result;
}

absl::StatusOr<ast::ExprPtr> Parser::ConditionalAndExpression() {
  std::vector<ast::ExprPtr> operands;
  do {
    PARLEY_ASSIGN_OR_RETURN(ast::ExprPtr operand, ValueLogical());
    operands.push_back(std::move(operand));
  } while (Accept(TokenKind::kAndAnd));
  return Balanced(ExprKind::kAnd, operands, 0, operands.size());
}

absl::StatusOr<ast::ExprPtr> Parser::ValueLogical() {
  size_t offset = Peek().offset;
  PARLEY_ASSIGN_OR_RETURN(ast::ExprPtr left, AdditiveExpression());
  std::optional<ExprKind> comparison;
  switch (Peek().kind) {
    case TokenKind::kEqual:
      comparison = ExprKind::kEqual;
      break;
    case TokenKind::kNotEqual:
      comparison = ExprKind::kNotEqual;
      break;
    case TokenKind::kLess:
      comparison = ExprKind::kLess;
      break;
    case TokenKind::kGreater:
      comparison = ExprKind::kGreater;
      break;
    case TokenKind::kLessEqual:
      comparison = ExprKind::kLessEqual;
      break;
    case TokenKind::kGreaterEqual:
      comparison = ExprKind::kGreaterEqual;
      break;
    default:
      break;
  }
  if (comparison) {
    Advance();
    PARLEY_ASSIGN_OR_RETURN(ast::ExprPtr right, AdditiveExpression());
    return MakeExpr(*comparison, {left, right}, offset);
  }
  if (AtWord("NOT") && Peek(1).kind == TokenKind::kEnd) {
    Advance();
    return Expected("IN after NOT");
  }
  bool negated = AtWord("NOT") && AtWord("IN", 1);
  if (negated || AtWord("IN")) {
    Advance();
    if (negated) Advance();
    PARLEY_ASSIGN_OR_RETURN(std::vector<ast::ExprPtr> list, ExpressionList());
    list.insert(list.begin(), left);
    return MakeExpr(negated ? ExprKind::kNotIn : ExprKind::kIn, std::move(list), offset);
  }
  return left;
}

absl::StatusOr<ast::ExprPtr> Parser::AdditiveExpression() {
  size_t offset = Peek().offset;
  PARLEY_ASSIGN_OR_RETURN(ast::ExprPtr left, MultiplicativeExpression());
  while (At(TokenKind::kPlus) || At(TokenKind::kMinus)) {
    ExprKind kind = Advance().kind == TokenKind::kPlus ? ExprKind::kAdd : ExprKind::kSubtract;
    PARLEY_ASSIGN_OR_RETURN(ast::ExprPtr right, MultiplicativeExpression());
    left = MakeExpr(kind, {left, right}, offset);
    PARLEY_RETURN_IF_ERROR(CheckDepth(*left));
  }
  return left;
}

absl::StatusOr<ast::ExprPtr> Parser::MultiplicativeExpression() {
  size_t offset = Peek().offset;
  PARLEY_ASSIGN_OR_RETURN(ast::ExprPtr left, UnaryExpression());
  while (At(TokenKind::kStar) || At(TokenKind::kSlash)) {
    ExprKind kind = Advance().kind == TokenKind::kStar ? ExprKind::kMultiply : ExprKind::kDivide;
    PARLEY_ASSIGN_OR_RETURN(ast::ExprPtr right, UnaryExpression());
    left = MakeExpr(kind, {left, right}, offset);
    PARLEY_RETURN_IF_ERROR(CheckDepth(*left));
  }
  return left;
}

absl::StatusOr<ast::ExprPtr> Parser::UnaryExpression() {
  size_t offset = Peek().offset;
  std::optional<ExprKind> kind;
  if (At(TokenKind::kBang)) kind = ExprKind::kNot;
  // A sign glued to a number is part of the literal (-1 is the integer -1).
  if (At(TokenKind::kMinus) && !AtLiteral()) kind = ExprKind::kUnaryMinus;
  if (At(TokenKind::kPlus) && !AtLiteral()) kind = ExprKind::kUnaryPlus;
  if (!kind) return PrimaryExpression();
  Advance();
  PARLEY_ASSIGN_OR_RETURN(ast::ExprPtr operand, PrimaryExpression());
  return MakeExpr(*kind, {operand}, offset);
}

absl::StatusOr<ast::ExprPtr> Parser::PrimaryExpression() {
  size_t offset = Peek().offset;
  if (At(TokenKind::kLeftParen)) return BrackettedExpression();
  if (At(TokenKind::kVariable)) {
    auto expr = MakeExpr(ExprKind::kVariable, {}, offset);
    expr->variable = Advance().text;
    return expr;
  }
  if (AtIri()) return IriOrFunction(/*call_required=*/false);
  if (AtLiteral()) {
    auto expr = std::make_shared<ast::Expr>();
    expr->kind = ExprKind::kConstant;
    expr->offset = offset;
    PARLEY_ASSIGN_OR_RETURN(expr->constant, Literal());
    return ast::ExprPtr(std::move(expr));
  }
  if (At(TokenKind::kWord)) return BuiltInCall();
  return Expected("an expression");
}

absl::StatusOr<ast::ExprPtr> Parser::BrackettedExpression() {
  PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
  PARLEY_ASSIGN_OR_RETURN(ast::ExprPtr expr, Expression());
  PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')' or an operator"));
  return expr;
}

absl::StatusOr<ast::ExprPtr> Parser::Constraint() {
  if (At(TokenKind::kLeftParen)) return BrackettedExpression();
  if (AtIri()) return IriOrFunction(/*call_required=*/true);
  if (At(TokenKind::kWord)) return BuiltInCall();
  return Expected("'(', a function call or a builtin call");
}

absl::StatusOr<std::vector<ast::ExprPtr>> Parser::ExpressionList() {
  std::vector<ast::ExprPtr> list;
  if (Accept(TokenKind::kNil)) return list;
  PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
  do {
    PARLEY_ASSIGN_OR_RETURN(ast::ExprPtr expr, Expression());
    list.push_back(std::move(expr));
  } while (Accept(TokenKind::kComma));
  PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "',' or ')'"));
  return list;
}

absl::StatusOr<std::vector<ast::ExprPtr>> Parser::ArgList(bool distinct_allowed, bool* distinct) {
  std::vector<ast::ExprPtr> args;
  if (Accept(TokenKind::kNil)) return args;
  PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'(' and the arguments"));
  if (distinct_allowed && AcceptWord("DISTINCT")) *distinct = true;
  do {
    PARLEY_ASSIGN_OR_RETURN(ast::ExprPtr expr, Expression());
    args.push_back(std::move(expr));
  } while (Accept(TokenKind::kComma));
  PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "',' or ')'"));
  return args;
}

absl::StatusOr<ast::ExprPtr> Parser::IriOrFunction(bool call_required) {
  size_t offset = Peek().offset;
  PARLEY_ASSIGN_OR_RETURN(std::string iri, Iri());
  if (!At(TokenKind::kLeftParen) && !At(TokenKind::kNil)) {
    if (call_required) return Expected("'(' and the function's arguments");
    auto expr = MakeExpr(ExprKind::kConstant, {}, offset);
    expr->constant = Term::Iri(std::move(iri));
    return expr;
  }
  bool distinct = false;
  size_t args_offset = Peek().offset;
  PARLEY_ASSIGN_OR_RETURN(std::vector<ast::ExprPtr> args, ArgList(true, &distinct));
  if (distinct) {
    return ErrorAt(args_offset, "DISTINCT is only allowed in aggregates");
  }
  auto expr = std::make_shared<ast::Expr>();
  expr->kind = ExprKind::kFunction;
  expr->function_iri = std::move(iri);
  expr->args = std::move(args);
  expr->offset = offset;
  SetDepth(expr.get());
  return ast::ExprPtr(std::move(expr));
}

absl::StatusOr<ast::ExprPtr> Parser::AggregateCall() {
  size_t offset = Peek().offset;
  const Token& name = Advance();
  auto expr = std::make_shared<ast::Expr>();
  expr->offset = offset;
  expr->aggregate.emplace();
  for (const AggregateName& aggregate : kAggregates) {
    if (EqualsIgnoreCase(name.text, aggregate.name)) {
      expr->aggregate->function = aggregate.function;
    }
  }
  PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, Cat("'(' after ", name.text)));
  expr->aggregate->distinct = AcceptWord("DISTINCT");
  if (expr->aggregate->function == Aggregate::Function::kCount && Accept(TokenKind::kStar)) {
    PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
    return ast::ExprPtr(std::move(expr));
  }
  PARLEY_ASSIGN_OR_RETURN(ast::ExprPtr arg, Expression());
  expr->args.push_back(std::move(arg));
  SetDepth(expr.get());
  if (expr->aggregate->function == Aggregate::Function::kGroupConcat &&
      Accept(TokenKind::kSemicolon)) {
    PARLEY_RETURN_IF_ERROR(ExpectWord("SEPARATOR"));
    PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kEqual, "'='"));
    if (!At(TokenKind::kString)) return Expected("a string");
    expr->aggregate->separator = Advance().text;
  }
  PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
  return ast::ExprPtr(std::move(expr));
}

absl::StatusOr<ast::ExprPtr> Parser::BuiltInCall() {
  size_t offset = Peek().offset;
  const Token& name = Peek();
  if (name.kind != TokenKind::kWord) return Expected("a function name");
  for (const AggregateName& aggregate : kAggregates) {
    if (EqualsIgnoreCase(name.text, aggregate.name)) return AggregateCall();
  }
  if (AtWord("NOT") && !AtWord("EXISTS", 1)) {
    Advance();
    return Expected("EXISTS after NOT");
  }
  bool not_exists = AtWord("NOT") && AtWord("EXISTS", 1);
  if (not_exists || AtWord("EXISTS")) {
    Advance();
    if (not_exists) Advance();
    auto pattern = std::make_shared<ast::GroupPattern>();
    PARLEY_RETURN_IF_ERROR(GroupGraphPattern(pattern.get()));
    auto expr = MakeExpr(not_exists ? ExprKind::kNotExists : ExprKind::kExists, {}, offset);
    expr->pattern = std::move(pattern);
    return expr;
  }
  if (AtWord("BOUND")) {
    Advance();
    PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'(' after BOUND"));
    if (!At(TokenKind::kVariable)) return Expected("a variable");
    PARLEY_ASSIGN_OR_RETURN(ast::ExprPtr variable, PrimaryExpression());
    PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
    return MakeExpr(ExprKind::kBound, {variable}, offset);
  }
  std::optional<ExprKind> special;
  Arity arity{0, 0};
  std::optional<Builtin> builtin;
  if (AtWord("IF")) {
    special = ExprKind::kIf;
    arity = {3, 3};
  } else if (AtWord("COALESCE")) {
    special = ExprKind::kCoalesce;
    arity = {0, -1};
  } else {
    builtin = BuiltinByName(name.text);
    // isURI is SPARQL's other spelling of isIRI (§17.4.2.1).
    if (!builtin && EqualsIgnoreCase(name.text, "isURI")) builtin = Builtin::kIsIri;
    if (!builtin) {
      return ErrorAt(offset, Cat("expected an expression, found ", DescribeToken(text_, name),
                                 " (not a SPARQL function or keyword)"));
    }
    arity = BuiltinArity(*builtin);
  }
  Advance();
  bool distinct = false;
  if (!At(TokenKind::kLeftParen) && !At(TokenKind::kNil)) {
    return Expected(Cat("'(' after ", name.text));
  }
  PARLEY_ASSIGN_OR_RETURN(std::vector<ast::ExprPtr> args, ArgList(false, &distinct));
  int count = static_cast<int>(args.size());
  if (count < arity.min || (arity.max >= 0 && count > arity.max)) {
    std::string expected = arity.min == arity.max ? Cat(arity.min)
                           : arity.max < 0        ? Cat("at least ", arity.min)
                                                  : Cat(arity.min, " to ", arity.max);
    return ErrorAt(offset, Cat(ToUpper(name.text), " takes ", expected, " argument",
                               expected == "1" ? "" : "s", ", not ", count));
  }
  if (special) return MakeExpr(*special, std::move(args), offset);
  auto expr = MakeExpr(ExprKind::kBuiltin, std::move(args), offset);
  expr->builtin = *builtin;
  return expr;
}

// ----------------------------------------------------------------- literals

bool Parser::AtLiteral() const {
  const Token& token = Peek();
  switch (token.kind) {
    case TokenKind::kString:
      return true;
    case TokenKind::kInteger:
    case TokenKind::kDecimal:
    case TokenKind::kDouble:
      return true;
    case TokenKind::kPlus:
    case TokenKind::kMinus:
      return IsNumberToken(Peek(1).kind) && Peek(1).offset == token.end;
    case TokenKind::kWord:
      return token.text == "true" || token.text == "false" || AtWord("true") || AtWord("false");
    default:
      return false;
  }
}

absl::StatusOr<Term> Parser::Literal() {
  const Token& token = Peek();
  if (token.kind == TokenKind::kString) {
    std::string value = Advance().text;
    if (At(TokenKind::kLangTag)) return Term::LangLiteral(std::move(value), Advance().text);
    if (Accept(TokenKind::kCaretCaret)) {
      PARLEY_ASSIGN_OR_RETURN(std::string datatype, Iri());
      return Term::TypedLiteral(std::move(value), std::move(datatype));
    }
    return Term::Literal(std::move(value));
  }
  if (token.kind == TokenKind::kWord) {
    Advance();
    return Term::TypedLiteral(ToLower(token.text), Cat(kXsd, "boolean"));
  }
  // A char, not a std::string assigned from a literal: GCC 12 at -O2
  // reports a false -Wrestrict on the latter.
  char sign = 0;
  if (token.kind == TokenKind::kPlus || token.kind == TokenKind::kMinus) {
    sign = token.kind == TokenKind::kPlus ? '+' : '-';
    Advance();
  }
  const Token& number = Advance();
  std::string_view type = number.kind == TokenKind::kInteger   ? "integer"
                          : number.kind == TokenKind::kDecimal ? "decimal"
                                                               : "double";
  std::string lexical;
  if (sign != 0) lexical.push_back(sign);
  lexical.append(number.text);
  return Term::TypedLiteral(std::move(lexical), Cat(kXsd, type));
}

}  // namespace parley::query
