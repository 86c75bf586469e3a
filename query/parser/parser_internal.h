// The recursive-descent parser behind ParseQuery, one method per grammar
// rule of spec §19.8 (names follow the grammar). Split over parser.cc
// (prologue, query forms, modifiers), parser_patterns.cc (group patterns,
// triples, paths), parser_expressions.cc (expressions, literals) and
// parser_update.cc (update requests).
// Internal to query/parser/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "query/parser/ast.h"
#include "query/parser/ast_update.h"
#include "query/parser/lexer.h"
#include "query/parser/parser.h"

namespace parley::query {

// Nesting deeper than this (groups, brackets, blank node lists, paths,
// expression trees) is an error rather than a risk of exhausting the
// stack: a level costs up to ~4 KB of stack in a debug build (parser and
// translation together), so 500 levels stay within 2 MB.
inline constexpr int kMaxNestingDepth = 500;

// The algebra tree of a pattern may be deeper than its nesting (a group
// of many OPTIONALs is a chain of LeftJoins); the algebra's consumers
// recurse over it, so its height is bounded too.
inline constexpr int kMaxPatternDepth = 2000;

class Parser {
 public:
  // `options`: the base IRI, and prefixes in force before the text's own.
  Parser(std::string_view text, std::vector<Token> tokens, const ParseOptions& options)
      : text_(text), tokens_(std::move(tokens)), base_iri_(options.base_iri) {
    for (const auto& [name, iri] : options.prefixes) prefixes_[name] = iri;
  }

  // QueryUnit: the whole text must be one query.
  absl::StatusOr<ast::Query> ParseQueryUnit();

  // UpdateUnit: the whole text must be one update request (parser_update.cc).
  absl::StatusOr<ast::UpdateRequest> ParseUpdateUnit();

  // The base IRI in force where parsing stopped (after the prologue).
  const std::string& base_iri() const { return base_iri_; }

 private:
  // ----------------------------------------------------------- tokens
  const Token& Peek(size_t ahead = 0) const {
    size_t at = pos_ + ahead;
    return at < tokens_.size() ? tokens_[at] : tokens_.back();
  }
  const Token& Advance() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  bool At(TokenKind kind) const { return Peek().kind == kind; }
  // The current token is the keyword `word` (case-insensitive).
  bool AtWord(std::string_view word, size_t ahead = 0) const;
  bool Accept(TokenKind kind);
  bool AcceptWord(std::string_view word);
  absl::Status Expect(TokenKind kind, std::string_view what);
  absl::Status ExpectWord(std::string_view word);
  // "expected <what>, found '<token>'" at the current token; incomplete
  // when the current token is the end of input.
  absl::Status Expected(std::string_view what) const;
  absl::Status ErrorAt(size_t offset, std::string_view message) const;

  // Nesting guard: Enter() before descending, Leave() after.
  absl::Status Enter();
  void Leave() { --depth_; }

  // ----------------------------------------------------------- parser.cc
  absl::Status Prologue();
  absl::Status SelectClause(ast::SelectQuery* select);
  absl::Status DatasetClauses(ast::Query* query);
  absl::Status WhereClause(ast::SelectQuery* select, bool keyword_required);
  absl::Status SolutionModifiers(ast::SelectQuery* select);
  absl::Status TrailingValuesClause(ast::SelectQuery* select);
  absl::StatusOr<std::shared_ptr<const ast::SelectQuery>> SubSelect();
  absl::Status ConstructQuery(ast::Query* query);
  absl::Status DescribeQuery(ast::Query* query);
  absl::StatusOr<uint64_t> NonNegativeInteger(std::string_view what);

  // IRIs: an IRIREF resolved against the base, or a prefixed name expanded.
  bool AtIri() const { return At(TokenKind::kIriRef) || At(TokenKind::kPrefixedName); }
  absl::StatusOr<std::string> Iri();
  absl::StatusOr<std::string> ResolveIri(std::string_view reference, size_t offset) const;

  // ----------------------------------------------------- parser_patterns.cc
  absl::Status GroupGraphPattern(ast::GroupPattern* group);
  absl::Status GroupGraphPatternSub(ast::GroupPattern* group);
  // Sets group->depth from its elements; an error past kMaxPatternDepth.
  absl::Status SetPatternDepth(ast::GroupPattern* group) const;
  absl::Status GraphPatternNotTriples(ast::GroupPattern* group);
  absl::Status TriplesBlock(std::vector<ast::Triple>* triples);
  bool AtTriplesStart() const;
  // TriplesSameSubject(Path); paths allowed only in WHERE patterns.
  absl::Status TriplesSameSubject(std::vector<ast::Triple>* triples, bool paths);
  absl::Status PropertyList(const ast::Node& subject, std::vector<ast::Triple>* triples, bool paths,
                            bool required);
  absl::Status ObjectList(const ast::Node& subject, const ast::Triple& verb,
                          std::vector<ast::Triple>* triples, bool paths);
  absl::StatusOr<ast::Node> GraphNode(std::vector<ast::Triple>* triples, bool paths);
  absl::StatusOr<ast::Node> TriplesNode(std::vector<ast::Triple>* triples, bool paths);
  absl::StatusOr<ast::Node> VarOrTerm();
  absl::StatusOr<ast::Node> VarOrIri();
  absl::StatusOr<PathPtr> PathAlternative();
  absl::StatusOr<PathPtr> PathSequence();
  absl::StatusOr<PathPtr> PathEltOrInverse();
  absl::StatusOr<PathPtr> PathPrimary();
  absl::StatusOr<PathPtr> PathNegatedPropertySet();
  absl::Status InlineDataBlock(ast::InlineData* data);
  absl::StatusOr<std::optional<Term>> DataBlockValue();
  absl::Status ConstructTriples(std::vector<ast::Triple>* triples);
  ast::Node FreshBlankNode(size_t offset);

  // ------------------------------------------------------ parser_update.cc
  absl::Status Update1(ast::UpdateOperation* op);
  absl::Status Load(ast::UpdateOperation* op);
  absl::Status Modify(ast::UpdateOperation* op);
  absl::StatusOr<GraphTarget> GraphRefAll();
  absl::StatusOr<GraphTarget> GraphOrDefault();
  // What a block of quads may hold (the grammar notes' rules); `where`
  // names the clause in messages ("INSERT DATA").
  struct QuadRules {
    bool variables = true;
    bool blank_nodes = true;
    std::string_view where;
  };
  // '{' Quads '}' (QuadData and QuadPattern), checked against `rules`.
  // `group`, when not null, also receives the quads as a group graph
  // pattern (for DELETE WHERE).
  absl::Status QuadBlock(const QuadRules& rules, std::vector<ast::Quad>* quads,
                         ast::GroupPattern* group);
  // TriplesTemplate: true when it ended with '.' (more triples may follow).
  absl::StatusOr<bool> TriplesTemplate(std::vector<ast::Triple>* triples);
  // An error at `node` when `rules` refuse it.
  absl::Status CheckQuadNode(const QuadRules& rules, const ast::Node& node) const;

  // ------------------------------------------------- parser_expressions.cc
  absl::StatusOr<ast::ExprPtr> Expression();
  // An error when `expr` is deeper than kMaxNestingDepth.
  absl::Status CheckDepth(const ast::Expr& expr) const;
  absl::StatusOr<ast::ExprPtr> ConditionalAndExpression();
  absl::StatusOr<ast::ExprPtr> ValueLogical();
  absl::StatusOr<ast::ExprPtr> AdditiveExpression();
  absl::StatusOr<ast::ExprPtr> MultiplicativeExpression();
  absl::StatusOr<ast::ExprPtr> UnaryExpression();
  absl::StatusOr<ast::ExprPtr> PrimaryExpression();
  absl::StatusOr<ast::ExprPtr> BrackettedExpression();
  // FILTER's argument and HAVING/ORDER BY conditions: a bracketted
  // expression, a builtin call or a function call.
  absl::StatusOr<ast::ExprPtr> Constraint();
  absl::StatusOr<ast::ExprPtr> BuiltInCall();
  absl::StatusOr<ast::ExprPtr> AggregateCall();
  absl::StatusOr<ast::ExprPtr> IriOrFunction(bool call_required);
  absl::StatusOr<std::vector<ast::ExprPtr>> ArgList(bool distinct_allowed, bool* distinct);
  absl::StatusOr<std::vector<ast::ExprPtr>> ExpressionList();
  // RDFLiteral, NumericLiteral (signed where the current token is a sign
  // directly followed by a number), BooleanLiteral.
  bool AtLiteral() const;
  absl::StatusOr<Term> Literal();

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  std::string base_iri_;
  absl::flat_hash_map<std::string, std::string> prefixes_;
  int depth_ = 0;
  int next_blank_node_ = 0;
};

}  // namespace parley::query
