// The translator behind TranslateQuery: translate.cc holds group patterns,
// triples, paths and expressions; translate_query.cc holds SELECT,
// aggregation, solution modifiers and the query forms.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "query/algebra/algebra.h"
#include "query/parser/ast.h"

namespace parley::query {

// Where an expression stands, for the aggregate rules: aggregates are
// allowed in SELECT, HAVING and ORDER BY only (collected into
// `aggregates`), never inside another aggregate.
struct AggregateScope {
  std::vector<Aggregate>* aggregates = nullptr;  // null: no aggregates allowed here
  bool inside_aggregate = false;
};

// A position of a template (CONSTRUCT, INSERT/DELETE, DATA): blank nodes
// stay blank nodes (fresh per solution, or per request for DATA), labels
// kept apart from the generated ones by their first letter.
TermOrVariable TemplatePosition(const ast::Node& node);

class Translator {
 public:
  explicit Translator(std::string_view text) : text_(text) {}

  absl::StatusOr<Query> TranslateQuery(const ast::Query& syntax);

  // ---------------------------------------------------------- translate.cc
  absl::StatusOr<OpPtr> GroupPattern(const ast::GroupPattern& group);
  absl::StatusOr<ExprPtr> Expression(const ast::Expr& expr, AggregateScope scope);
  TermOrVariable PatternPosition(const ast::Node& node) const;

  // ---------------------------------------------------- translate_query.cc
  // A SELECT query or subquery: the algebra up to Project/Distinct/Slice,
  // and its result variables.
  absl::StatusOr<OpPtr> SelectQuery(const ast::SelectQuery& select, bool project,
                                    std::vector<Variable>* result_variables);

  absl::Status Error(size_t offset, std::string_view message) const;

  // Each blank node label the patterns translated so far use, with the
  // offset of its first use.
  const absl::flat_hash_map<std::string, size_t>& blank_label_offsets() const {
    return blank_label_offset_;
  }

 private:
  // One non-triples, non-filter element of a group, applied to what the
  // group's elements before it gave.
  absl::StatusOr<OpPtr> GroupElement(const ast::Element& element, OpPtr left);
  // Triples (and paths) of one BGP, collected until something ends it.
  struct PendingBgp {
    std::vector<TriplePattern> triples;
    std::vector<PathPattern> paths;
    std::vector<const ast::Node*> blank_labels;
    bool empty() const { return triples.empty() && paths.empty(); }
  };
  absl::Status AddTriple(const ast::Triple& triple, PendingBgp* bgp);
  void AddPath(TermOrVariable subject, const PathPtr& path, TermOrVariable object, PendingBgp* bgp);
  // Makes the BGP's op (null when empty), checking blank node label scope.
  absl::StatusOr<OpPtr> FlushBgp(PendingBgp* bgp);
  absl::StatusOr<OpPtr> InlineData(const ast::InlineData& data) const;

  std::string_view text_;
  // Blank node label -> the BGP (numbered in translation order) using it.
  absl::flat_hash_map<std::string, int> blank_label_bgp_;
  absl::flat_hash_map<std::string, size_t> blank_label_offset_;
  int next_bgp_ = 0;
  int next_path_variable_ = 0;
  int next_aggregate_ = 0;
};

// Op builders.
OpPtr NewOp(Op::Kind kind, std::vector<OpPtr> children, ExprPtr expr = nullptr);
OpPtr NewExtendOp(OpPtr child, Variable variable, ExprPtr expr);
OpPtr NewGraphOp(TermOrVariable graph, OpPtr child);
// branches[begin] UNION ... UNION branches[end - 1]; REQUIRES: begin < end.
OpPtr BalancedUnion(const std::vector<OpPtr>& branches, size_t begin, size_t end);
// conditions[0] && conditions[1] && ...; REQUIRES: !conditions.empty().
ExprPtr Conjunction(const std::vector<ExprPtr>& conditions);

// Join(left, right), simplified: the empty BGP is the join's identity.
OpPtr MakeJoin(OpPtr left, OpPtr right);
bool IsEmptyBgp(const Op& op);

}  // namespace parley::query
