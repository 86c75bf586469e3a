// Helpers for the evaluator's tests: a real database in a temporary
// directory, algebra built by hand, results as sorted strings.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "parley/database.h"
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

// A fresh database per test, in a directory of its own.
class ExecTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("parley_exec_", getpid(), "_",
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    auto db = Database::Open(dir_.string(), Options());
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Insert(const std::vector<Quad>& quads) {
    auto txn = db_->BeginWrite();
    ASSERT_TRUE(txn.ok()) << txn.status();
    for (const Quad& q : quads) ASSERT_TRUE((*txn)->Insert(q).ok());
    ASSERT_TRUE((*txn)->Commit().ok());
  }

  absl::StatusOr<std::unique_ptr<QueryResult>> Run(std::shared_ptr<const Query> query,
                                                   const QueryOptions& options = {}) {
    return Execute(std::move(query), std::shared_ptr<const ReadView>(db_->Snapshot()), options);
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

  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

}  // namespace parley::query::testing_exec
