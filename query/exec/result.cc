#include "query/exec/result.h"

#include <chrono>
#include <utility>

#include "engine/status_macros.h"
#include "query/exec/profile.h"

namespace parley::query {
namespace {

const std::vector<std::string>& NoVariables() {
  static const auto* const kNone = new std::vector<std::string>();
  return *kNone;
}

std::string PlanOf(const Evaluation& evaluation) {
  const PlanProfiler* profiler = evaluation.context->profiler();
  return profiler != nullptr ? profiler->Render() : std::string();
}

// The profiler that counts a result's output (EXPLAIN ANALYZE), or null.
PlanProfiler* AnalyzingProfiler(const Evaluation& evaluation) {
  PlanProfiler* profiler = evaluation.context->profiler();
  if (profiler == nullptr || profiler->mode() != PlanProfiler::Mode::kAnalyze) return nullptr;
  return profiler;
}

absl::Status WrongKind(const char* what) {
  return absl::FailedPreconditionError(
      absl::StrCat(what, " called on a query result of another kind"));
}

class SolutionsResult final : public QueryResult {
 public:
  SolutionsResult(Evaluation evaluation, OperatorPtr root)
      : evaluation_(std::move(evaluation)),
        root_(std::move(root)),
        block_(evaluation_.context->width()),
        analyzing_(AnalyzingProfiler(evaluation_)) {
    for (const Variable& v : evaluation_.query->result_variables) {
      variables_.push_back(v.name);
      slots_.push_back(evaluation_.context->slots().SlotOf(v));
    }
  }

  Kind kind() const override { return Kind::kSolutions; }
  bool boolean() const override { return false; }
  const std::vector<std::string>& variables() const override { return variables_; }
  std::string plan() const override { return PlanOf(evaluation_); }

  absl::StatusOr<bool> NextRow(std::vector<std::optional<Term>>* row) override {
    if (!status_.ok()) return status_;
    if (at_ >= block_.rows()) {
      if (done_) return false;
      if (analyzing_ == nullptr) {
        status_ = Refill();
      } else {
        const auto start = std::chrono::steady_clock::now();
        status_ = Refill();
        analyzing_->CountResults(0, std::chrono::steady_clock::now() - start);
      }
      if (!status_.ok()) return status_;
      if (done_) return false;
    }
    if (analyzing_ != nullptr) analyzing_->CountResults(1, {});
    const TermId* cells = block_.row(at_++);
    row->assign(slots_.size(), std::nullopt);
    for (size_t i = 0; i < slots_.size(); ++i) {
      const TermId id = cells[slots_[i]];
      if (id == kUnbound) continue;
      absl::StatusOr<const Term*> term = evaluation_.context->terms().Decode(id);
      if (!term.ok()) {
        status_ = term.status();
        return status_;
      }
      (*row)[i] = **term;
    }
    return true;
  }

  absl::StatusOr<bool> NextTriple(Term*, Term*, Term*) override { return WrongKind("NextTriple"); }

 private:
  // The next block into block_ (decoded ahead), or done_ at the end.
  absl::Status Refill() {
    PARLEY_ASSIGN_OR_RETURN(bool more, root_->Next(&block_));
    at_ = 0;
    if (!more) {
      done_ = true;
      root_.reset();
      return absl::OkStatus();
    }
    evaluation_.context->terms().TrimCache();
    return PrefetchBlock();
  }

  // Decodes the block's projected cells together (late materialization: the
  // operators worked on ids; only output needs terms).
  absl::Status PrefetchBlock() {
    ids_.clear();
    for (size_t r = 0; r < block_.rows(); ++r) {
      const TermId* cells = block_.row(r);
      for (size_t slot : slots_) ids_.push_back(cells[slot]);
    }
    return evaluation_.context->terms().Prefetch(ids_);
  }

  Evaluation evaluation_;
  OperatorPtr root_;
  std::vector<TermId> ids_;
  std::vector<std::string> variables_;
  std::vector<size_t> slots_;
  Block block_;
  size_t at_ = 0;
  bool done_ = false;
  absl::Status status_;
  PlanProfiler* analyzing_;
};

class BooleanResult final : public QueryResult {
 public:
  BooleanResult(bool value, std::string plan) : value_(value), plan_(std::move(plan)) {}
  Kind kind() const override { return Kind::kBoolean; }
  bool boolean() const override { return value_; }
  std::string plan() const override { return plan_; }
  const std::vector<std::string>& variables() const override { return NoVariables(); }
  absl::StatusOr<bool> NextRow(std::vector<std::optional<Term>>*) override {
    return WrongKind("NextRow");
  }
  absl::StatusOr<bool> NextTriple(Term*, Term*, Term*) override { return WrongKind("NextTriple"); }

 private:
  bool value_;
  std::string plan_;
};

class TriplesResult final : public QueryResult {
 public:
  TriplesResult(Evaluation evaluation, std::unique_ptr<TripleProducer> producer)
      : evaluation_(std::move(evaluation)),
        producer_(std::move(producer)),
        analyzing_(AnalyzingProfiler(evaluation_)) {}
  Kind kind() const override { return Kind::kTriples; }
  bool boolean() const override { return false; }
  const std::vector<std::string>& variables() const override { return NoVariables(); }
  std::string plan() const override { return PlanOf(evaluation_); }
  absl::StatusOr<bool> NextRow(std::vector<std::optional<Term>>*) override {
    return WrongKind("NextRow");
  }

  absl::StatusOr<bool> NextTriple(Term* subject, Term* predicate, Term* object) override {
    if (!status_.ok()) return status_;
    if (producer_ == nullptr) return false;
    if (analyzing_ == nullptr) {
      status_ = Produce(subject, predicate, object);
    } else {
      const auto start = std::chrono::steady_clock::now();
      status_ = Produce(subject, predicate, object);
      analyzing_->CountResults(status_.ok() && producer_ != nullptr ? 1 : 0,
                               std::chrono::steady_clock::now() - start);
    }
    if (!status_.ok()) return status_;
    return producer_ != nullptr;
  }

 private:
  absl::Status Produce(Term* subject, Term* predicate, Term* object) {
    IdTriple triple;
    PARLEY_ASSIGN_OR_RETURN(bool more, producer_->Next(&triple));
    if (!more) {
      producer_.reset();
      return absl::OkStatus();
    }
    TermTable& terms = evaluation_.context->terms();
    PARLEY_ASSIGN_OR_RETURN(const Term* s, terms.Decode(triple[0]));
    *subject = *s;
    PARLEY_ASSIGN_OR_RETURN(const Term* p, terms.Decode(triple[1]));
    *predicate = *p;
    PARLEY_ASSIGN_OR_RETURN(const Term* o, terms.Decode(triple[2]));
    *object = *o;
    if (++produced_ % kBlockRows == 0) terms.TrimCache();
    return absl::OkStatus();
  }

  Evaluation evaluation_;
  std::unique_ptr<TripleProducer> producer_;
  uint64_t produced_ = 0;
  absl::Status status_;
  PlanProfiler* analyzing_;
};

}  // namespace

std::unique_ptr<QueryResult> MakeSolutionsResult(Evaluation evaluation, OperatorPtr root) {
  return std::make_unique<SolutionsResult>(std::move(evaluation), std::move(root));
}

std::unique_ptr<QueryResult> MakeBooleanResult(bool value, std::string plan) {
  return std::make_unique<BooleanResult>(value, std::move(plan));
}

std::unique_ptr<QueryResult> MakeTriplesResult(Evaluation evaluation,
                                               std::unique_ptr<TripleProducer> producer) {
  return std::make_unique<TriplesResult>(std::move(evaluation), std::move(producer));
}

}  // namespace parley::query
