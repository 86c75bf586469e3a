// A QueryResult over fixed rows, for testing the writers without a parser
// or an evaluator; it can fail after a given number of rows.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "parley/query.h"
#include "parley/term.h"

namespace parley::query {

using Row = std::vector<std::optional<Term>>;

struct Triple {
  Term subject, predicate, object;
};

class FakeQueryResult : public QueryResult {
 public:
  static FakeQueryResult Boolean(bool value) {
    FakeQueryResult result(Kind::kBoolean);
    result.boolean_ = value;
    return result;
  }
  static FakeQueryResult Solutions(std::vector<std::string> variables, std::vector<Row> rows) {
    FakeQueryResult result(Kind::kSolutions);
    result.variables_ = std::move(variables);
    result.rows_ = std::move(rows);
    return result;
  }
  static FakeQueryResult Triples(std::vector<Triple> triples) {
    FakeQueryResult result(Kind::kTriples);
    result.triples_ = std::move(triples);
    return result;
  }

  // After `rows` rows or triples, the next pull returns `error`.
  FakeQueryResult& FailAfter(size_t rows, absl::Status error) {
    fail_after_ = rows;
    error_ = std::move(error);
    return *this;
  }

  Kind kind() const override { return kind_; }
  bool boolean() const override { return boolean_; }
  const std::vector<std::string>& variables() const override { return variables_; }

  absl::StatusOr<bool> NextRow(std::vector<std::optional<Term>>* row) override {
    if (next_ == fail_after_) return error_;
    if (next_ >= rows_.size()) return false;
    *row = rows_[next_++];
    return true;
  }

  absl::StatusOr<bool> NextTriple(Term* subject, Term* predicate, Term* object) override {
    if (next_ == fail_after_) return error_;
    if (next_ >= triples_.size()) return false;
    const Triple& triple = triples_[next_++];
    *subject = triple.subject;
    *predicate = triple.predicate;
    *object = triple.object;
    return true;
  }

 private:
  explicit FakeQueryResult(Kind kind) : kind_(kind) {}

  Kind kind_;
  bool boolean_ = false;
  std::vector<std::string> variables_;
  std::vector<Row> rows_;
  std::vector<Triple> triples_;
  size_t next_ = 0;
  std::optional<size_t> fail_after_;
  absl::Status error_;
};

// Terms of the W3C result-format tests (csv-tsv-res/data.ttl, data2.ttl).
inline Term Ex(const std::string& local) { return Term::Iri("http://example.org/" + local); }
inline Term Xsd(const std::string& lexical, const std::string& type) {
  return Term::TypedLiteral(lexical, std::string(kXsd) + type);
}

}  // namespace parley::query
