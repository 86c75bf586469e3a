// ORDER BY: materializes its input with the sort keys evaluated once per row
// (decoded terms, since the order is defined on terms: §15.1), then sorts
// stably. With a LIMIT above it only the first `keep_first` rows can be
// output, so the buffer is cut back to them whenever it doubles (top-N).
// The terms the keys read are fetched a block at a time, in one batch.
#include <algorithm>
#include <numeric>
#include <utility>

#include "engine/status_macros.h"
#include "query/exec/expr_eval.h"
#include "query/exec/modifiers.h"
#include "query/exec/variables.h"

namespace parley::query {
namespace {

class OrderByOperator final : public Operator {
 public:
  OrderByOperator(ExecContext* context, OperatorPtr input, std::vector<OrderKey> keys,
                  GraphScope graph, std::optional<uint64_t> keep_first)
      : context_(context),
        input_(std::move(input)),
        keys_(std::move(keys)),
        evaluator_(context, graph),
        keep_first_(keep_first),
        charge_(&context->memory()),
        rows_(context->width()) {
    SlotSet read(context->width(), false);
    bool has_exists = false;
    for (const OrderKey& key : keys_)
      CollectExprSlots(*key.expr, context->slots(), &read, &has_exists);
    for (size_t slot = 0; slot < read.size(); ++slot) {
      if (read[slot]) read_slots_.push_back(slot);
    }
  }

  absl::StatusOr<bool> Next(Block* out) override {
    out->Clear();
    PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
    if (!sorted_) PARLEY_RETURN_IF_ERROR(SortInput());
    while (next_ < order_.size() && !out->full()) out->AppendRow(rows_.row(order_[next_++]));
    return !out->empty();
  }

 private:
  absl::Status SortInput() {
    sorted_ = true;
    Block block(context_->width());
    while (true) {
      PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
      PARLEY_ASSIGN_OR_RETURN(bool more, input_->Next(&block));
      if (!more) break;
      context_->terms().TrimCache();
      PARLEY_RETURN_IF_ERROR(PrefetchKeyTerms(block));
      for (size_t i = 0; i < block.rows(); ++i) {
        rows_.AppendRow(block.row(i));
        for (const OrderKey& key : keys_) {
          PARLEY_ASSIGN_OR_RETURN(ExprValue value, evaluator_.Evaluate(*key.expr, block.row(i)));
          if (value.has_value()) {
            key_bytes_ += value->value().size() + value->datatype().size() + sizeof(Term);
          }
          values_.push_back(std::move(value));
        }
      }
      PARLEY_RETURN_IF_ERROR(
          charge_.Set(rows_.bytes() + key_bytes_ + values_.capacity() * sizeof(ExprValue)));
      if (keep_first_.has_value() && rows_.rows() > 2 * *keep_first_ + kBlockRows) Cut();
    }
    Sort();
    if (keep_first_.has_value() && order_.size() > *keep_first_) order_.resize(*keep_first_);
    return absl::OkStatus();
  }

  void Sort() {
    order_.resize(rows_.rows());
    std::iota(order_.begin(), order_.end(), size_t{0});
    const size_t n = keys_.size();
    std::stable_sort(order_.begin(), order_.end(), [&](size_t a, size_t b) {
      for (size_t k = 0; k < n; ++k) {
        int c = OrderCompare(values_[a * n + k], values_[b * n + k]);
        if (keys_[k].descending) c = -c;
        if (c != 0) return c < 0;
      }
      return false;
    });
  }

  absl::Status PrefetchKeyTerms(const Block& block) {
    ids_.clear();
    for (size_t i = 0; i < block.rows(); ++i) {
      for (size_t slot : read_slots_) ids_.push_back(block.row(i)[slot]);
    }
    return context_->terms().Prefetch(ids_);
  }

  // Keeps only the first keep_first_ rows in order (the top-N step).
  void Cut() {
    Sort();
    order_.resize(*keep_first_);
    const size_t n = keys_.size();
    Block rows(context_->width());
    std::vector<ExprValue> values;
    values.reserve(order_.size() * n);
    key_bytes_ = 0;
    for (size_t index : order_) {
      rows.AppendRow(rows_.row(index));
      for (size_t k = 0; k < n; ++k) values.push_back(std::move(values_[index * n + k]));
    }
    rows_ = std::move(rows);
    values_ = std::move(values);
    order_.clear();
  }

  ExecContext* context_;
  OperatorPtr input_;
  std::vector<OrderKey> keys_;
  std::vector<size_t> read_slots_;  // the slots the keys read
  std::vector<TermId> ids_;
  ExprEvaluator evaluator_;
  std::optional<uint64_t> keep_first_;
  MemoryCharge charge_;
  bool sorted_ = false;
  Block rows_;
  std::vector<ExprValue> values_;  // row-major: keys_.size() per row
  uint64_t key_bytes_ = 0;
  std::vector<size_t> order_;
  size_t next_ = 0;
};

}  // namespace

OperatorPtr MakeOrderByOperator(ExecContext* context, OperatorPtr input, std::vector<OrderKey> keys,
                                GraphScope graph, std::optional<uint64_t> keep_first) {
  return std::make_unique<OrderByOperator>(context, std::move(input), std::move(keys), graph,
                                           keep_first);
}

}  // namespace parley::query
