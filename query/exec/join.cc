#include "query/exec/join.h"

#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "engine/status_macros.h"
#include "query/exec/expr_eval.h"

namespace parley::query {
namespace {

enum class JoinKind : uint8_t { kInner, kLeft, kMinus };

class ProbeJoinOperator final : public Operator {
 public:
  ProbeJoinOperator(ExecContext* context, JoinKind kind, OperatorPtr left, OperatorPtr right,
                    SlotSet key, ExprPtr condition, GraphScope graph)
      : context_(context),
        kind_(kind),
        left_(std::move(left)),
        right_(std::move(right)),
        condition_(std::move(condition)),
        evaluator_(context, graph),
        charge_(&context->memory()),
        right_rows_(context->width()),
        left_block_(context->width()),
        merged_(context->width()) {
    for (size_t i = 0; i < key.size(); ++i) {
      if (key[i]) key_slots_.push_back(i);
    }
  }

  absl::StatusOr<bool> Next(Block* out) override {
    out->Clear();
    PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
    if (!built_) PARLEY_RETURN_IF_ERROR(Build());
    const size_t width = context_->width();
    while (!out->full()) {
      if (!has_row_) {
        if (left_at_ >= left_block_.rows()) {
          if (left_done_) break;
          PARLEY_ASSIGN_OR_RETURN(bool more, left_->Next(&left_block_));
          left_at_ = 0;
          if (!more) {
            left_done_ = true;
            break;
          }
          context_->terms().TrimCache();
        }
        row_ = left_block_.row(left_at_++);
        has_row_ = true;
        matched_ = false;
        auto it = heads_.find(KeyHash(row_));
        chain_at_ = it == heads_.end() ? kEnd : it->second;
      }
      // Walk this row's chain.
      while (chain_at_ != kEnd && !out->full()) {
        const TermId* right = right_rows_.row(chain_at_);
        chain_at_ = chain_[chain_at_];
        if (!Compatible(row_, right, width)) continue;
        if (kind_ == JoinKind::kMinus) {
          if (SharesVariable(row_, right, width)) {
            matched_ = true;
            chain_at_ = kEnd;
          }
          continue;
        }
        MergeRows(row_, right, width, merged_.data());
        if (kind_ == JoinKind::kLeft && condition_ != nullptr) {
          PARLEY_ASSIGN_OR_RETURN(std::optional<bool> keep,
                                  evaluator_.EvaluateCondition(*condition_, merged_.data()));
          if (keep != true) continue;
        }
        matched_ = true;
        out->AppendRow(merged_.data());
      }
      if (chain_at_ == kEnd) {
        has_row_ = false;
        if (!matched_ && kind_ != JoinKind::kInner) out->AppendRow(row_);
      }
    }
    return !out->empty();
  }

 private:
  static constexpr uint32_t kEnd = ~uint32_t{0};

  static bool SharesVariable(const TermId* a, const TermId* b, size_t width) {
    for (size_t i = 0; i < width; ++i) {
      if (a[i] != kUnbound && b[i] != kUnbound) return true;
    }
    return false;
  }

  uint64_t KeyHash(const TermId* row) const {
    uint64_t h = 0;
    for (size_t slot : key_slots_) h = absl::HashOf(h, row[slot]);
    return h;
  }

  absl::Status Build() {
    built_ = true;
    PARLEY_RETURN_IF_ERROR(DrainInto(*right_, *context_, &charge_, &right_rows_));
    right_.reset();
    chain_.resize(right_rows_.rows());
    for (size_t i = right_rows_.rows(); i-- > 0;) {
      auto [it, inserted] = heads_.try_emplace(KeyHash(right_rows_.row(i)), i);
      chain_[i] = inserted ? kEnd : it->second;
      it->second = static_cast<uint32_t>(i);
    }
    return charge_.Set(right_rows_.bytes() + chain_.size() * 4 + heads_.size() * 16);
  }

  ExecContext* context_;
  JoinKind kind_;
  OperatorPtr left_;
  OperatorPtr right_;
  ExprPtr condition_;
  ExprEvaluator evaluator_;
  MemoryCharge charge_;
  std::vector<size_t> key_slots_;

  bool built_ = false;
  Block right_rows_;
  std::vector<uint32_t> chain_;
  absl::flat_hash_map<uint64_t, uint32_t> heads_;

  Block left_block_;
  size_t left_at_ = 0;
  bool left_done_ = false;
  const TermId* row_ = nullptr;
  bool has_row_ = false;
  bool matched_ = false;
  uint32_t chain_at_ = kEnd;
  std::vector<TermId> merged_;
};

}  // namespace

OperatorPtr MakeHashJoinOperator(ExecContext* context, OperatorPtr left, OperatorPtr right,
                                 SlotSet key) {
  return std::make_unique<ProbeJoinOperator>(context, JoinKind::kInner, std::move(left),
                                             std::move(right), std::move(key), nullptr,
                                             GraphScope());
}

OperatorPtr MakeLeftJoinOperator(ExecContext* context, OperatorPtr left, OperatorPtr right,
                                 SlotSet key, ExprPtr condition, GraphScope graph) {
  return std::make_unique<ProbeJoinOperator>(context, JoinKind::kLeft, std::move(left),
                                             std::move(right), std::move(key), std::move(condition),
                                             graph);
}

OperatorPtr MakeMinusOperator(ExecContext* context, OperatorPtr left, OperatorPtr right,
                              SlotSet key) {
  return std::make_unique<ProbeJoinOperator>(context, JoinKind::kMinus, std::move(left),
                                             std::move(right), std::move(key), nullptr,
                                             GraphScope());
}

}  // namespace parley::query
