// Entry point, token helpers, the prologue, the query forms and the
// solution modifiers (spec §19.8 rules [1]-[30]).
#include "query/parser/parser.h"

#include <charconv>

#include "engine/status_macros.h"
#include "query/parser/parser_internal.h"
#include "query/parser/syntax_error.h"
#include "query/parser/text_util.h"
#include "query/parser/translate.h"
#include "rdf/iri.h"

namespace parley::query {

absl::StatusOr<Query> ParseQuery(std::string_view text, const ParseOptions& options) {
  if (!options.base_iri.empty() && !rdf::HasScheme(options.base_iri)) {
    return absl::InvalidArgumentError(
        Cat("the base IRI <", options.base_iri, "> is not absolute (it has no scheme)"));
  }
  PARLEY_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text));
  Parser parser(text, std::move(tokens), options);
  PARLEY_ASSIGN_OR_RETURN(ast::Query syntax, parser.ParseQueryUnit());
  PARLEY_ASSIGN_OR_RETURN(Query query, TranslateQuery(syntax, text));
  query.base_iri = parser.base_iri();
  return query;
}

// ------------------------------------------------------------------ tokens

bool Parser::AtWord(std::string_view word, size_t ahead) const {
  const Token& token = Peek(ahead);
  return token.kind == TokenKind::kWord && EqualsIgnoreCase(token.text, word);
}

bool Parser::Accept(TokenKind kind) {
  if (!At(kind)) return false;
  Advance();
  return true;
}

bool Parser::AcceptWord(std::string_view word) {
  if (!AtWord(word)) return false;
  Advance();
  return true;
}

absl::Status Parser::Expect(TokenKind kind, std::string_view what) {
  if (Accept(kind)) return absl::OkStatus();
  return Expected(what);
}

absl::Status Parser::ExpectWord(std::string_view word) {
  if (AcceptWord(word)) return absl::OkStatus();
  return Expected(word);
}

absl::Status Parser::Expected(std::string_view what) const {
  const Token& token = Peek();
  return SyntaxError(text_, token.offset,
                     Cat("expected ", what, ", found ", DescribeToken(text_, token)),
                     token.kind == TokenKind::kEnd);
}

absl::Status Parser::ErrorAt(size_t offset, std::string_view message) const {
  return SyntaxError(text_, offset, message);
}

absl::Status Parser::Enter() {
  if (++depth_ > kMaxNestingDepth) {
    --depth_;
    return ErrorAt(Peek().offset, Cat("nesting deeper than ", kMaxNestingDepth,
                                      " levels (brackets, groups, lists or paths)"));
  }
  return absl::OkStatus();
}

// -------------------------------------------------------------------- IRIs

absl::StatusOr<std::string> Parser::ResolveIri(std::string_view reference, size_t offset) const {
  // An absolute IRI is kept exactly as written, dot segments included:
  // IRIs are compared as strings (the readers of the data do the same), so
  // normalizing one here would miss data written the same way
  // (W3C i18n/normalization-02).
  if (rdf::HasScheme(reference)) return std::string(reference);
  if (base_iri_.empty()) {
    return ErrorAt(offset,
                   Cat("relative IRI <", reference, "> but no BASE (and no base IRI given)"));
  }
  std::string resolved;
  rdf::ResolveIri(base_iri_, reference, &resolved);
  return resolved;
}

absl::StatusOr<std::string> Parser::Iri() {
  const Token& token = Peek();
  if (token.kind == TokenKind::kIriRef) {
    Advance();
    return ResolveIri(token.text, token.offset);
  }
  if (token.kind == TokenKind::kPrefixedName) {
    auto found = prefixes_.find(token.prefix);
    if (found == prefixes_.end()) {
      return ErrorAt(token.offset, Cat("undefined prefix '", token.prefix, ":'"));
    }
    Advance();
    return Cat(found->second, token.text);
  }
  return Expected("an IRI");
}

// --------------------------------------------------------------- the query

absl::StatusOr<ast::Query> Parser::ParseQueryUnit() {
  PARLEY_RETURN_IF_ERROR(Prologue());
  ast::Query query;
  query.body.offset_in_text = Peek().offset;
  if (AtWord("SELECT")) {
    PARLEY_RETURN_IF_ERROR(SelectClause(&query.body));
    PARLEY_RETURN_IF_ERROR(DatasetClauses(&query));
    PARLEY_RETURN_IF_ERROR(WhereClause(&query.body, /*keyword_required=*/false));
    PARLEY_RETURN_IF_ERROR(SolutionModifiers(&query.body));
  } else if (AtWord("CONSTRUCT")) {
    PARLEY_RETURN_IF_ERROR(ConstructQuery(&query));
  } else if (AtWord("DESCRIBE")) {
    PARLEY_RETURN_IF_ERROR(DescribeQuery(&query));
  } else if (AcceptWord("ASK")) {
    query.form = Query::Form::kAsk;
    PARLEY_RETURN_IF_ERROR(DatasetClauses(&query));
    PARLEY_RETURN_IF_ERROR(WhereClause(&query.body, /*keyword_required=*/false));
    PARLEY_RETURN_IF_ERROR(SolutionModifiers(&query.body));
  } else {
    return Expected("SELECT, CONSTRUCT, DESCRIBE, ASK, PREFIX or BASE");
  }
  PARLEY_RETURN_IF_ERROR(TrailingValuesClause(&query.body));
  if (!At(TokenKind::kEnd)) return Expected("the end of the query");
  return query;
}

absl::Status Parser::Prologue() {
  while (true) {
    if (AcceptWord("BASE")) {
      if (!At(TokenKind::kIriRef)) return Expected("an IRI in <...> after BASE");
      size_t offset = Peek().offset;
      PARLEY_ASSIGN_OR_RETURN(std::string base, Iri());
      if (!rdf::HasScheme(base)) return ErrorAt(offset, "BASE must be an absolute IRI");
      base_iri_ = std::move(base);
    } else if (AcceptWord("PREFIX")) {
      const Token& name = Peek();
      if (name.kind != TokenKind::kPrefixedName || !name.text.empty() ||
          text_[name.end - 1] != ':') {
        return Expected("a prefix name ending in ':' after PREFIX");
      }
      Advance();
      if (!At(TokenKind::kIriRef)) return Expected("an IRI in <...>");
      PARLEY_ASSIGN_OR_RETURN(std::string iri, Iri());
      prefixes_[name.prefix] = std::move(iri);
    } else {
      return absl::OkStatus();
    }
  }
}

absl::Status Parser::SelectClause(ast::SelectQuery* select) {
  select->offset_in_text = Peek().offset;
  PARLEY_RETURN_IF_ERROR(ExpectWord("SELECT"));
  if (AcceptWord("DISTINCT")) {
    select->distinct = true;
  } else if (AcceptWord("REDUCED")) {
    select->reduced = true;
  }
  if (Accept(TokenKind::kStar)) {
    select->select_all = true;
    return absl::OkStatus();
  }
  while (true) {
    ast::Projection projection;
    projection.offset = Peek().offset;
    if (At(TokenKind::kVariable)) {
      projection.variable = Advance().text;
    } else if (Accept(TokenKind::kLeftParen)) {
      PARLEY_ASSIGN_OR_RETURN(projection.expr, Expression());
      PARLEY_RETURN_IF_ERROR(ExpectWord("AS"));
      if (!At(TokenKind::kVariable)) return Expected("a variable after AS");
      projection.variable = Advance().text;
      PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
    } else if (select->projections.empty()) {
      return Expected("'*', a variable or '(expression AS ?var)' after SELECT");
    } else {
      return absl::OkStatus();
    }
    select->projections.push_back(std::move(projection));
  }
}

absl::Status Parser::DatasetClauses(ast::Query* query) {
  while (AcceptWord("FROM")) {
    bool named = AcceptWord("NAMED");
    PARLEY_ASSIGN_OR_RETURN(std::string iri, Iri());
    (named ? query->from_named : query->from).push_back(Term::Iri(std::move(iri)));
  }
  return absl::OkStatus();
}

absl::Status Parser::WhereClause(ast::SelectQuery* select, bool keyword_required) {
  if (!AcceptWord("WHERE") && keyword_required) return Expected("WHERE");
  if (!At(TokenKind::kLeftBrace)) {
    return Expected(keyword_required ? "'{'" : "WHERE or '{'");
  }
  return GroupGraphPattern(&select->where);
}

absl::StatusOr<uint64_t> Parser::NonNegativeInteger(std::string_view what) {
  if (!At(TokenKind::kInteger)) return Expected(Cat("an integer after ", what));
  const Token& token = Advance();
  uint64_t value = 0;
  auto [end, error] =
      std::from_chars(token.text.data(), token.text.data() + token.text.size(), value);
  if (error != std::errc() || end != token.text.data() + token.text.size()) {
    return ErrorAt(token.offset, Cat(what, " value too large"));
  }
  return value;
}

namespace {

// Words that start a BuiltInCall or an aggregate (so GROUP BY and ORDER BY
// know a condition follows).
bool IsCallWord(std::string_view word) {
  static constexpr std::string_view kSpecial[] = {
      "BOUND", "IF",  "COALESCE", "EXISTS", "NOT",          "COUNT",  "SUM",    "MIN",
      "MAX",   "AVG", "SAMPLE",   "REGEX",  "GROUP_CONCAT", "SUBSTR", "REPLACE"};
  for (std::string_view special : kSpecial) {
    if (EqualsIgnoreCase(word, special)) return true;
  }
  return BuiltinByName(word).has_value();
}

}  // namespace

absl::Status Parser::SolutionModifiers(ast::SelectQuery* select) {
  auto at_call = [&] { return At(TokenKind::kWord) && IsCallWord(Peek().text); };
  if (AtWord("GROUP")) {
    Advance();
    PARLEY_RETURN_IF_ERROR(ExpectWord("BY"));
    while (true) {
      ast::GroupCondition condition;
      condition.offset = Peek().offset;
      if (At(TokenKind::kVariable)) {
        auto expr = std::make_shared<ast::Expr>();
        expr->kind = Expr::Kind::kVariable;
        expr->variable = Peek().text;
        expr->offset = Peek().offset;
        condition.bound_as = Advance().text;
        condition.expr = std::move(expr);
      } else if (Accept(TokenKind::kLeftParen)) {
        PARLEY_ASSIGN_OR_RETURN(condition.expr, Expression());
        // GROUP BY (?x) groups by ?x just as GROUP BY ?x does.
        if (condition.expr->kind == Expr::Kind::kVariable && !condition.expr->aggregate) {
          condition.bound_as = condition.expr->variable;
        }
        if (AcceptWord("AS")) {
          if (!At(TokenKind::kVariable)) return Expected("a variable after AS");
          condition.bound_as = Advance().text;
        }
        PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
      } else if (at_call() || AtIri()) {
        PARLEY_ASSIGN_OR_RETURN(condition.expr, Constraint());
      } else if (select->group_by.empty()) {
        return Expected("a variable, '(' or a function call after GROUP BY");
      } else {
        break;
      }
      select->group_by.push_back(std::move(condition));
    }
  }
  if (AcceptWord("HAVING")) {
    do {
      PARLEY_ASSIGN_OR_RETURN(ast::ExprPtr condition, Constraint());
      select->having.push_back(std::move(condition));
    } while (At(TokenKind::kLeftParen) || at_call() || AtIri());
  }
  if (AtWord("ORDER")) {
    Advance();
    PARLEY_RETURN_IF_ERROR(ExpectWord("BY"));
    while (true) {
      ast::OrderCondition condition;
      if (AtWord("ASC") || AtWord("DESC")) {
        condition.descending = AtWord("DESC");
        Advance();
        if (!At(TokenKind::kLeftParen)) return Expected("'(' after ASC or DESC");
        PARLEY_ASSIGN_OR_RETURN(condition.expr, BrackettedExpression());
      } else if (At(TokenKind::kVariable)) {
        PARLEY_ASSIGN_OR_RETURN(condition.expr, PrimaryExpression());
      } else if (At(TokenKind::kLeftParen) || at_call() || AtIri()) {
        PARLEY_ASSIGN_OR_RETURN(condition.expr, Constraint());
      } else if (select->order_by.empty()) {
        return Expected("an ORDER BY condition");
      } else {
        break;
      }
      select->order_by.push_back(std::move(condition));
    }
  }
  bool limit_seen = false;
  bool offset_seen = false;
  while (true) {
    if (!limit_seen && AcceptWord("LIMIT")) {
      limit_seen = true;
      PARLEY_ASSIGN_OR_RETURN(select->limit, NonNegativeInteger("LIMIT"));
    } else if (!offset_seen && AcceptWord("OFFSET")) {
      offset_seen = true;
      PARLEY_ASSIGN_OR_RETURN(select->offset, NonNegativeInteger("OFFSET"));
    } else {
      return absl::OkStatus();
    }
  }
}

absl::Status Parser::TrailingValuesClause(ast::SelectQuery* select) {
  if (!AtWord("VALUES")) return absl::OkStatus();
  Advance();
  ast::InlineData data;
  PARLEY_RETURN_IF_ERROR(InlineDataBlock(&data));
  select->values = std::move(data);
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const ast::SelectQuery>> Parser::SubSelect() {
  auto select = std::make_shared<ast::SelectQuery>();
  PARLEY_RETURN_IF_ERROR(SelectClause(select.get()));
  PARLEY_RETURN_IF_ERROR(WhereClause(select.get(), /*keyword_required=*/false));
  PARLEY_RETURN_IF_ERROR(SolutionModifiers(select.get()));
  PARLEY_RETURN_IF_ERROR(TrailingValuesClause(select.get()));
  return select;
}

absl::Status Parser::ConstructQuery(ast::Query* query) {
  query->form = Query::Form::kConstruct;
  PARLEY_RETURN_IF_ERROR(ExpectWord("CONSTRUCT"));
  if (At(TokenKind::kLeftBrace)) {
    Advance();
    PARLEY_RETURN_IF_ERROR(Enter());
    PARLEY_RETURN_IF_ERROR(ConstructTriples(&query->construct_template));
    Leave();
    PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightBrace, "'}' or a triple"));
    PARLEY_RETURN_IF_ERROR(DatasetClauses(query));
    PARLEY_RETURN_IF_ERROR(WhereClause(&query->body, /*keyword_required=*/false));
    return SolutionModifiers(&query->body);
  }
  // CONSTRUCT WHERE { triples }: the template is the pattern.
  PARLEY_RETURN_IF_ERROR(DatasetClauses(query));
  PARLEY_RETURN_IF_ERROR(ExpectWord("WHERE"));
  size_t offset = Peek().offset;
  PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kLeftBrace, "'{'"));
  PARLEY_RETURN_IF_ERROR(ConstructTriples(&query->construct_template));
  PARLEY_RETURN_IF_ERROR(Expect(TokenKind::kRightBrace, "'}' or a triple"));
  ast::Element block;
  block.kind = ast::Element::Kind::kTriples;
  block.offset = offset;
  block.triples = query->construct_template;
  query->body.where.offset = offset;
  query->body.where.elements.push_back(std::move(block));
  return SolutionModifiers(&query->body);
}

absl::Status Parser::DescribeQuery(ast::Query* query) {
  query->form = Query::Form::kDescribe;
  PARLEY_RETURN_IF_ERROR(ExpectWord("DESCRIBE"));
  if (Accept(TokenKind::kStar)) {
    query->describe_all = true;
  } else {
    while (At(TokenKind::kVariable) || AtIri()) {
      PARLEY_ASSIGN_OR_RETURN(ast::Node node, VarOrIri());
      query->describe.push_back(std::move(node));
    }
    if (query->describe.empty()) return Expected("'*', a variable or an IRI after DESCRIBE");
  }
  PARLEY_RETURN_IF_ERROR(DatasetClauses(query));
  if (AtWord("WHERE") || At(TokenKind::kLeftBrace)) {
    PARLEY_RETURN_IF_ERROR(WhereClause(&query->body, /*keyword_required=*/false));
  }
  return SolutionModifiers(&query->body);
}

}  // namespace parley::query
