#include "query/exec/correlated_join.h"

#include <deque>
#include <memory>
#include <utility>
#include <vector>

#include "engine/status_macros.h"
#include "query/exec/expr_eval.h"
#include "query/exec/join.h"
#include "query/exec/plan_builder.h"

namespace parley::query {
namespace {

// Left rows up to which the right side is evaluated per row.
constexpr size_t kCorrelatedRows = 2048;

// Replays buffered blocks, then the rest of an input.
class ReplayOperator final : public Operator {
 public:
  ReplayOperator(std::deque<Block> blocks, OperatorPtr rest)
      : blocks_(std::move(blocks)), rest_(std::move(rest)) {}
  absl::StatusOr<bool> Next(Block* out) override {
    if (!blocks_.empty()) {
      *out = std::move(blocks_.front());
      blocks_.pop_front();
      return true;
    }
    if (rest_ == nullptr) {
      out->Clear();
      return false;
    }
    return rest_->Next(out);
  }

 private:
  std::deque<Block> blocks_;
  OperatorPtr rest_;
};

class CorrelatedJoinOperator final : public Operator {
 public:
  CorrelatedJoinOperator(ExecContext* context, const Op& op, OperatorPtr left, SlotSet key,
                         Scope scope)
      : context_(context),
        op_(op),
        left_(std::move(left)),
        key_(std::move(key)),
        scope_(std::move(scope)),
        evaluator_(context, scope_.graph),
        right_block_(context->width()) {
    right_slots_ = AnalyzeBoundSlots(*op.children[1], context->slots(),
                                     scope_.graph.kind == GraphScope::Kind::kVariable
                                         ? std::optional<size_t>(scope_.graph.slot)
                                         : std::nullopt)
                       .maybe;
  }

  absl::StatusOr<bool> Next(Block* out) override {
    if (!decided_) PARLEY_RETURN_IF_ERROR(Decide());
    if (fallback_ != nullptr) return fallback_->Next(out);
    out->Clear();
    while (!out->full()) {
      PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
      if (pending_.empty()) break;
      Block& block = pending_.front();
      if (at_ >= block.rows()) {
        pending_.pop_front();
        at_ = 0;
        continue;
      }
      PARLEY_RETURN_IF_ERROR(JoinRow(block.row(at_++), out));
    }
    return !out->empty();
  }

 private:
  absl::Status Decide() {
    decided_ = true;
    size_t rows = 0;
    bool done = false;
    while (rows <= kCorrelatedRows) {
      Block block(context_->width());
      PARLEY_ASSIGN_OR_RETURN(bool more, left_->Next(&block));
      if (!more) {
        done = true;
        break;
      }
      rows += block.rows();
      pending_.push_back(std::move(block));
    }
    if (done) return absl::OkStatus();
    OperatorPtr left = std::make_unique<ReplayOperator>(std::move(pending_), std::move(left_));
    PARLEY_ASSIGN_OR_RETURN(OperatorPtr right, BuildOperator(context_, *op_.children[1], scope_));
    if (op_.kind == Op::Kind::kMinus) {
      fallback_ = MakeMinusOperator(context_, std::move(left), std::move(right), key_);
    } else {
      fallback_ = MakeLeftJoinOperator(context_, std::move(left), std::move(right), key_, op_.expr,
                                       scope_.graph);
    }
    return absl::OkStatus();
  }

  // Appends the row's join results. Rows a single left row produces are
  // few (a BGP lookup), so they are appended whole even past kBlockRows.
  absl::Status JoinRow(const TermId* row, Block* out) {
    const size_t width = context_->width();
    if (op_.kind == Op::Kind::kMinus) {
      bool shares = false;
      for (size_t i = 0; i < width; ++i) shares = shares || (row[i] != kUnbound && right_slots_[i]);
      if (!shares) {
        out->AppendRow(row);
        return absl::OkStatus();
      }
    }
    Scope seeded = scope_;
    seeded.seed = std::make_shared<const std::vector<TermId>>(row, row + width);
    PARLEY_ASSIGN_OR_RETURN(OperatorPtr right, BuildOperator(context_, *op_.children[1], seeded));
    bool matched = false;
    while (true) {
      PARLEY_ASSIGN_OR_RETURN(bool more, right->Next(&right_block_));
      if (!more) break;
      if (op_.kind == Op::Kind::kMinus) {
        matched = true;
        break;
      }
      for (size_t i = 0; i < right_block_.rows(); ++i) {
        if (op_.expr != nullptr) {
          PARLEY_ASSIGN_OR_RETURN(std::optional<bool> keep,
                                  evaluator_.EvaluateCondition(*op_.expr, right_block_.row(i)));
          if (keep != true) continue;
        }
        matched = true;
        out->AppendRow(right_block_.row(i));
      }
    }
    if (!matched) out->AppendRow(row);
    return absl::OkStatus();
  }

  ExecContext* context_;
  const Op& op_;
  OperatorPtr left_;
  SlotSet key_;
  Scope scope_;
  ExprEvaluator evaluator_;
  SlotSet right_slots_;
  bool decided_ = false;
  std::deque<Block> pending_;
  size_t at_ = 0;
  Block right_block_;
  OperatorPtr fallback_;
};

}  // namespace

absl::StatusOr<OperatorPtr> BuildCorrelatedJoin(ExecContext* context, const Op& op,
                                                OperatorPtr left, SlotSet key, const Scope& scope) {
  return std::make_unique<CorrelatedJoinOperator>(context, op, std::move(left), std::move(key),
                                                  scope);
}

}  // namespace parley::query
