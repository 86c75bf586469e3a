#include "query/exec/modifiers.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "engine/status_macros.h"
#include "query/exec/expr_eval.h"
#include "query/exec/variables.h"

namespace parley::query {
namespace {

// Rows pass when the condition's effective boolean value is true. A
// condition that reads one slot (SoleInputSlot) is evaluated once per
// distinct id there: text filters over a column with few distinct values
// (quotes, names, statuses) then decode and match each term once. Before a
// block is evaluated, the terms its slot holds are fetched in one batch.
class FilterOperator final : public Operator {
 public:
  FilterOperator(ExecContext* context, OperatorPtr input, ExprPtr condition, GraphScope graph)
      : context_(context),
        input_(std::move(input)),
        condition_(std::move(condition)),
        sole_slot_(SoleInputSlot(*condition_, context->slots())),
        evaluator_(context, graph),
        block_(context->width()) {}

  absl::StatusOr<bool> Next(Block* out) override {
    out->Clear();
    while (out->empty()) {
      PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
      PARLEY_ASSIGN_OR_RETURN(bool more, input_->Next(&block_));
      if (!more) return false;
      context_->terms().TrimCache();
      if (sole_slot_.has_value()) PARLEY_RETURN_IF_ERROR(PrefetchUnseen());
      for (size_t i = 0; i < block_.rows(); ++i) {
        PARLEY_ASSIGN_OR_RETURN(std::optional<bool> keep, Evaluate(block_.row(i)));
        if (keep == true) out->AppendRow(block_.row(i));
      }
    }
    return true;
  }

 private:
  // Bounds the memo; past it the memo starts over (a column with that many
  // distinct values gains little from it).
  static constexpr size_t kMaxMemoEntries = size_t{1} << 18;

  absl::StatusOr<std::optional<bool>> Evaluate(const TermId* row) {
    if (!sole_slot_.has_value()) return evaluator_.EvaluateCondition(*condition_, row);
    const TermId id = row[*sole_slot_];
    if (auto it = memo_.find(id); it != memo_.end()) return it->second;
    PARLEY_ASSIGN_OR_RETURN(std::optional<bool> keep,
                            evaluator_.EvaluateCondition(*condition_, row));
    if (memo_.size() >= kMaxMemoEntries) memo_.clear();
    memo_.emplace(id, keep);
    return keep;
  }

  // Fetches the stored terms of the block's slot that the memo lacks.
  absl::Status PrefetchUnseen() {
    unseen_.clear();
    for (size_t i = 0; i < block_.rows(); ++i) {
      const TermId id = block_.row(i)[*sole_slot_];
      if (id != kUnbound && !IsLocalId(id) && !memo_.contains(id)) unseen_.push_back(id);
    }
    if (unseen_.size() < 2) return absl::OkStatus();
    return context_->terms().Prefetch(unseen_);
  }

  ExecContext* context_;
  OperatorPtr input_;
  ExprPtr condition_;
  std::optional<size_t> sole_slot_;
  ExprEvaluator evaluator_;
  Block block_;
  absl::flat_hash_map<TermId, std::optional<bool>> memo_;
  std::vector<TermId> unseen_;
};

class ExtendOperator final : public Operator {
 public:
  ExtendOperator(ExecContext* context, OperatorPtr input, size_t slot, ExprPtr expr,
                 GraphScope graph)
      : context_(context),
        input_(std::move(input)),
        slot_(slot),
        expr_(std::move(expr)),
        evaluator_(context, graph),
        block_(context->width()) {}

  absl::StatusOr<bool> Next(Block* out) override {
    out->Clear();
    while (out->empty()) {
      PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
      PARLEY_ASSIGN_OR_RETURN(bool more, input_->Next(&block_));
      if (!more) return false;
      context_->terms().TrimCache();
      for (size_t i = 0; i < block_.rows(); ++i) {
        PARLEY_ASSIGN_OR_RETURN(TermId value, evaluator_.EvaluateToId(*expr_, block_.row(i)));
        const TermId existing = block_.row(i)[slot_];
        if (existing != kUnbound) {
          if (existing == value) out->AppendRow(block_.row(i));
          continue;
        }
        TermId* row = block_.mutable_row(i);
        row[slot_] = value;
        out->AppendRow(row);
      }
    }
    return true;
  }

 private:
  ExecContext* context_;
  OperatorPtr input_;
  size_t slot_;
  ExprPtr expr_;
  ExprEvaluator evaluator_;
  Block block_;
};

// Hands out the rows of a materialized block, kBlockRows at a time.
class RowsOperator final : public Operator {
 public:
  explicit RowsOperator(Block rows) : rows_(std::move(rows)) {}
  absl::StatusOr<bool> Next(Block* out) override {
    out->Clear();
    while (next_ < rows_.rows() && !out->full()) out->AppendRow(rows_.row(next_++));
    return !out->empty();
  }

 private:
  Block rows_;
  size_t next_ = 0;
};

class UnionOperator final : public Operator {
 public:
  UnionOperator(ExecContext* context, OperatorPtr left, OperatorPtr right)
      : context_(context), left_(std::move(left)), right_(std::move(right)) {}
  absl::StatusOr<bool> Next(Block* out) override {
    PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
    if (left_ != nullptr) {
      PARLEY_ASSIGN_OR_RETURN(bool more, left_->Next(out));
      if (more) return true;
      left_.reset();
    }
    return right_->Next(out);
  }

 private:
  ExecContext* context_;
  OperatorPtr left_;
  OperatorPtr right_;
};

class ProjectOperator final : public Operator {
 public:
  ProjectOperator(ExecContext* context, OperatorPtr input, SlotSet keep)
      : context_(context), input_(std::move(input)), keep_(std::move(keep)) {}
  absl::StatusOr<bool> Next(Block* out) override {
    PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
    PARLEY_ASSIGN_OR_RETURN(bool more, input_->Next(out));
    if (!more) return false;
    for (size_t i = 0; i < out->rows(); ++i) {
      TermId* row = out->mutable_row(i);
      for (size_t s = 0; s < keep_.size(); ++s) {
        if (!keep_[s]) row[s] = kUnbound;
      }
    }
    return true;
  }

 private:
  ExecContext* context_;
  OperatorPtr input_;
  SlotSet keep_;
};

class DistinctOperator final : public Operator {
 public:
  DistinctOperator(ExecContext* context, OperatorPtr input)
      : context_(context),
        input_(std::move(input)),
        charge_(&context->memory()),
        block_(context->width()) {}
  absl::StatusOr<bool> Next(Block* out) override {
    out->Clear();
    const size_t width = context_->width();
    while (out->empty()) {
      PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
      PARLEY_ASSIGN_OR_RETURN(bool more, input_->Next(&block_));
      if (!more) return false;
      for (size_t i = 0; i < block_.rows(); ++i) {
        const TermId* row = block_.row(i);
        if (seen_.emplace(row, row + width).second) out->AppendRow(row);
      }
      PARLEY_RETURN_IF_ERROR(
          charge_.Set(seen_.size() * (width * sizeof(TermId) + sizeof(std::vector<TermId>) + 8)));
    }
    return true;
  }

 private:
  ExecContext* context_;
  OperatorPtr input_;
  MemoryCharge charge_;
  Block block_;
  absl::flat_hash_set<std::vector<TermId>> seen_;
};

class ReducedOperator final : public Operator {
 public:
  ReducedOperator(ExecContext* context, OperatorPtr input)
      : context_(context), input_(std::move(input)), block_(context->width()) {}
  absl::StatusOr<bool> Next(Block* out) override {
    out->Clear();
    const size_t width = context_->width();
    while (out->empty()) {
      PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
      PARLEY_ASSIGN_OR_RETURN(bool more, input_->Next(&block_));
      if (!more) return false;
      for (size_t i = 0; i < block_.rows(); ++i) {
        const TermId* row = block_.row(i);
        if (has_previous_ && std::equal(row, row + width, previous_.begin())) continue;
        previous_.assign(row, row + width);
        has_previous_ = true;
        out->AppendRow(row);
      }
    }
    return true;
  }

 private:
  ExecContext* context_;
  OperatorPtr input_;
  Block block_;
  bool has_previous_ = false;
  std::vector<TermId> previous_;
};

class SliceOperator final : public Operator {
 public:
  SliceOperator(ExecContext* context, OperatorPtr input, uint64_t offset,
                std::optional<uint64_t> limit)
      : context_(context),
        input_(std::move(input)),
        to_skip_(offset),
        limit_(limit),
        block_(context->width()) {}
  absl::StatusOr<bool> Next(Block* out) override {
    out->Clear();
    while (out->empty()) {
      if (limit_.has_value() && emitted_ >= *limit_) return false;
      PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
      PARLEY_ASSIGN_OR_RETURN(bool more, input_->Next(&block_));
      if (!more) return false;
      for (size_t i = 0; i < block_.rows(); ++i) {
        if (to_skip_ > 0) {
          --to_skip_;
          continue;
        }
        if (limit_.has_value() && emitted_ >= *limit_) break;
        out->AppendRow(block_.row(i));
        ++emitted_;
      }
    }
    return true;
  }

 private:
  ExecContext* context_;
  OperatorPtr input_;
  uint64_t to_skip_;
  std::optional<uint64_t> limit_;
  uint64_t emitted_ = 0;
  Block block_;
};

}  // namespace

OperatorPtr MakeFilterOperator(ExecContext* context, OperatorPtr input, ExprPtr condition,
                               GraphScope graph) {
  return std::make_unique<FilterOperator>(context, std::move(input), std::move(condition), graph);
}

OperatorPtr MakeExtendOperator(ExecContext* context, OperatorPtr input, size_t slot, ExprPtr expr,
                               GraphScope graph) {
  return std::make_unique<ExtendOperator>(context, std::move(input), slot, std::move(expr), graph);
}

absl::StatusOr<OperatorPtr> MakeTableOperator(ExecContext* context, const Op& table,
                                              const Scope& scope) {
  const std::vector<TermId> seed = SeedRow(*context, scope);
  Block rows(context->width());
  std::vector<size_t> slots;
  for (const Variable& v : table.table_variables) slots.push_back(context->slots().SlotOf(v));
  std::vector<TermId> row;
  for (const auto& cells : table.table_rows) {
    row = seed;
    bool compatible = true;
    for (size_t c = 0; c < slots.size() && c < cells.size(); ++c) {
      if (!cells[c].has_value()) continue;
      PARLEY_ASSIGN_OR_RETURN(TermId id, context->terms().Intern(*cells[c]));
      if (row[slots[c]] != kUnbound && row[slots[c]] != id) compatible = false;
      row[slots[c]] = id;
    }
    if (compatible) rows.AppendRow(row.data());
  }
  return std::make_unique<RowsOperator>(std::move(rows));
}

OperatorPtr MakeUnionOperator(ExecContext* context, OperatorPtr left, OperatorPtr right) {
  return std::make_unique<UnionOperator>(context, std::move(left), std::move(right));
}

OperatorPtr MakeProjectOperator(ExecContext* context, OperatorPtr input, SlotSet keep) {
  return std::make_unique<ProjectOperator>(context, std::move(input), std::move(keep));
}

OperatorPtr MakeDistinctOperator(ExecContext* context, OperatorPtr input) {
  return std::make_unique<DistinctOperator>(context, std::move(input));
}

OperatorPtr MakeReducedOperator(ExecContext* context, OperatorPtr input) {
  return std::make_unique<ReducedOperator>(context, std::move(input));
}

OperatorPtr MakeSliceOperator(ExecContext* context, OperatorPtr input, uint64_t offset,
                              std::optional<uint64_t> limit) {
  return std::make_unique<SliceOperator>(context, std::move(input), offset, limit);
}

OperatorPtr MakeRowsOperator(Block rows) { return std::make_unique<RowsOperator>(std::move(rows)); }

}  // namespace parley::query
