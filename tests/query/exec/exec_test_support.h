// Helpers for the evaluator's tests: quads served by the read seam's
// in-memory implementation (the RocksDB one is exercised by the file-driven
// cases and the W3C suites, which go through parley::Database), algebra
// built by hand, results as sorted strings.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/access/memory_storage_reader.h"
#include "parley/quad.h"
#include "query/algebra/algebra.h"
#include "query/exec/executor.h"

namespace parley::query::testing_exec {

inline Term Ex(const std::string& local) { return Term::Iri("http://ex.org/" + local); }
inline Term Int(int64_t v) {
  return Term::TypedLiteral(std::to_string(v), "http://www.w3.org/2001/XMLSchema#integer");
}
inline Term Str(const std::string& s) { return Term::Literal(s); }
inline Variable V(const std::string& name) { return Variable{name}; }

inline OpPtr MakeOp(Op op) { return std::make_shared<const Op>(std::move(op)); }

inline OpPtr Bgp(std::vector<TriplePattern> triples) {
  Op op;
  op.kind = Op::Kind::kBgp;
  op.triples = std::move(triples);
  return MakeOp(std::move(op));
}
inline OpPtr Binary(Op::Kind kind, OpPtr left, OpPtr right, ExprPtr expr = nullptr) {
  Op op;
  op.kind = kind;
  op.children = {std::move(left), std::move(right)};
  op.expr = std::move(expr);
  return MakeOp(std::move(op));
}
inline OpPtr Unary(Op::Kind kind, OpPtr child) {
  Op op;
  op.kind = kind;
  op.children = {std::move(child)};
  return MakeOp(std::move(op));
}
inline OpPtr FilterOp(OpPtr child, ExprPtr expr) {
  Op op;
  op.kind = Op::Kind::kFilter;
  op.children = {std::move(child)};
  op.expr = std::move(expr);
  return MakeOp(std::move(op));
}
inline OpPtr Project(OpPtr child, std::vector<Variable> vars) {
  Op op;
  op.kind = Op::Kind::kProject;
  op.children = {std::move(child)};
  op.variables = std::move(vars);
  return MakeOp(std::move(op));
}
inline OpPtr SliceOp(OpPtr child, uint64_t offset, std::optional<uint64_t> limit) {
  Op op;
  op.kind = Op::Kind::kSlice;
  op.children = {std::move(child)};
  op.offset = offset;
  op.limit = limit;
  return MakeOp(std::move(op));
}

inline ExprPtr MakeExpr(Expr e) { return std::make_shared<const Expr>(std::move(e)); }
inline ExprPtr Const(Term t) {
  Expr e;
  e.kind = Expr::Kind::kConstant;
  e.constant = std::move(t);
  return MakeExpr(std::move(e));
}
inline ExprPtr Var(const std::string& name) {
  Expr e;
  e.kind = Expr::Kind::kVariable;
  e.variable = V(name);
  return MakeExpr(std::move(e));
}
inline ExprPtr Call(Expr::Kind kind, std::vector<ExprPtr> args) {
  Expr e;
  e.kind = kind;
  e.args = std::move(args);
  return MakeExpr(std::move(e));
}

inline std::shared_ptr<const Query> Select(OpPtr pattern, std::vector<Variable> vars) {
  auto q = std::make_shared<Query>();
  q->form = Query::Form::kSelect;
  q->result_variables = vars;
  q->pattern = Project(std::move(pattern), std::move(vars));
  return q;
}

// A small social graph the executor tests share: who knows whom (a chain
// alice -> bob -> carol -> dave), ages, names, and likes in graphs g1, g2.
inline std::vector<Quad> PeopleQuads() {
  return {
      {Ex("alice"), Ex("knows"), Ex("bob"), {}},
      {Ex("bob"), Ex("knows"), Ex("carol"), {}},
      {Ex("carol"), Ex("knows"), Ex("dave"), {}},
      {Ex("alice"), Ex("age"), Int(30), {}},
      {Ex("bob"), Ex("age"), Int(25), {}},
      {Ex("carol"), Ex("age"), Int(35), {}},
      {Ex("alice"), Ex("name"), Str("Alice"), {}},
      {Ex("bob"), Ex("name"), Str("Bob"), {}},
      {Ex("alice"), Ex("likes"), Ex("pizza"), Ex("g1")},
      {Ex("bob"), Ex("likes"), Ex("pasta"), Ex("g2")},
      {Ex("bob"), Ex("likes"), Ex("pizza"), Ex("g2")},
  };
}

// The quads a test inserted, read through a MemoryStorageReader.
class ExecTest : public ::testing::Test {
 protected:
  void Insert(const std::vector<Quad>& quads) {
    for (const Quad& q : quads) {
      ASSERT_TRUE(q.subject.Validate().ok() && q.predicate.Validate().ok() &&
                  q.object.Validate().ok() && q.graph.Validate().ok());
      quads_.push_back(q);
    }
  }

  absl::StatusOr<std::unique_ptr<QueryResult>> Run(std::shared_ptr<const Query> query,
                                                   const QueryOptions& options = {}) {
    return Execute(std::move(query), std::make_shared<engine::MemoryStorageReader>(quads_),
                   options);
  }

  // Every row as "var=term var=term" (unbound cells left out), sorted unless
  // `keep_order`.
  static std::vector<std::string> Rows(QueryResult& result, bool keep_order = false) {
    std::vector<std::string> rows;
    std::vector<std::optional<Term>> row;
    while (true) {
      absl::StatusOr<bool> more = result.NextRow(&row);
      EXPECT_TRUE(more.ok()) << more.status();
      if (!more.ok() || !*more) break;
      std::vector<std::string> cells;
      for (size_t i = 0; i < row.size(); ++i) {
        if (row[i].has_value()) {
          cells.push_back(absl::StrCat(result.variables()[i], "=", row[i]->ToNTriples()));
        }
      }
      rows.push_back(absl::StrJoin(cells, " "));
    }
    if (!keep_order) std::sort(rows.begin(), rows.end());
    return rows;
  }

  std::vector<std::string> SelectRows(std::shared_ptr<const Query> query,
                                      const QueryOptions& options = {}, bool keep_order = false) {
    auto result = Run(std::move(query), options);
    EXPECT_TRUE(result.ok()) << result.status();
    if (!result.ok()) return {};
    return Rows(**result, keep_order);
  }

  std::vector<Quad> quads_;
};

}  // namespace parley::query::testing_exec
