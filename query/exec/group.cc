#include "query/exec/group.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "engine/status_macros.h"
#include "query/exec/expr_eval.h"
#include "query/exec/modifiers.h"

namespace parley::query {
namespace {

constexpr char kXsdInteger[] = "http://www.w3.org/2001/XMLSchema#integer";

// The running state of one aggregate in one group.
struct AggregateState {
  bool failed = false;  // SUM, AVG, GROUP_CONCAT: the result is unbound
  uint64_t count = 0;
  ExprValue value;   // SUM, AVG: the sum; MIN, MAX, SAMPLE: the pick
  std::string text;  // GROUP_CONCAT
  absl::flat_hash_set<TermId> distinct;
  absl::flat_hash_set<std::vector<TermId>> distinct_rows;  // COUNT(DISTINCT *)
};

struct Group {
  std::vector<TermId> keys;
  std::vector<AggregateState> states;
};

class GroupOperator final : public Operator {
 public:
  GroupOperator(ExecContext* context, OperatorPtr input, const Op& group, const Scope& scope)
      : context_(context),
        input_(std::move(input)),
        group_(group),
        scope_(scope),
        evaluator_(context, scope.graph),
        charge_(&context->memory()) {}

  absl::StatusOr<bool> Next(Block* out) override {
    if (output_ == nullptr) {
      PARLEY_ASSIGN_OR_RETURN(Block rows, AggregateInput());
      output_ = MakeRowsOperator(std::move(rows));
    }
    return output_->Next(out);
  }

 private:
  absl::StatusOr<Block> AggregateInput() {
    Block block(context_->width());
    std::vector<TermId> keys;
    uint64_t bytes = 0;
    while (true) {
      PARLEY_RETURN_IF_ERROR(context_->CheckInterrupt());
      PARLEY_ASSIGN_OR_RETURN(bool more, input_->Next(&block));
      if (!more) break;
      context_->terms().TrimCache();
      for (size_t i = 0; i < block.rows(); ++i) {
        const TermId* row = block.row(i);
        keys.clear();
        for (const Op::GroupKey& key : group_.group_keys) {
          PARLEY_ASSIGN_OR_RETURN(TermId id, evaluator_.EvaluateToId(*key.expr, row));
          keys.push_back(id);
        }
        auto [it, inserted] = index_.try_emplace(keys, groups_.size());
        if (inserted) {
          groups_.push_back(Group{keys, std::vector<AggregateState>(group_.aggregates.size())});
          bytes += 128 + keys.size() * 8 + group_.aggregates.size() * sizeof(AggregateState);
        }
        Group& g = groups_[it->second];
        for (size_t a = 0; a < group_.aggregates.size(); ++a) {
          PARLEY_ASSIGN_OR_RETURN(uint64_t added,
                                  Accumulate(group_.aggregates[a], row, &g.states[a]));
          bytes += added;
        }
      }
      PARLEY_RETURN_IF_ERROR(charge_.Set(bytes));
    }
    if (groups_.empty() && group_.group_keys.empty()) {
      groups_.push_back(Group{{}, std::vector<AggregateState>(group_.aggregates.size())});
    }
    Block rows(context_->width());
    const std::vector<TermId> seed = SeedRow(*context_, scope_);
    for (Group& g : groups_) {
      TermId* row = rows.AppendUnboundRow();
      std::copy(seed.begin(), seed.end(), row);
      for (size_t k = 0; k < group_.group_keys.size(); ++k) {
        const auto& bound_as = group_.group_keys[k].bound_as;
        if (bound_as.has_value()) row[context_->slots().SlotOf(*bound_as)] = g.keys[k];
      }
      for (size_t a = 0; a < group_.aggregates.size(); ++a) {
        PARLEY_ASSIGN_OR_RETURN(ExprValue value, Finish(group_.aggregates[a], g.states[a]));
        TermId id = kUnbound;
        if (value.has_value()) {
          PARLEY_ASSIGN_OR_RETURN(id, context_->terms().Intern(*value));
        }
        row[context_->slots().SlotOf(group_.aggregates[a].result)] = id;
      }
    }
    groups_.clear();
    index_.clear();
    return rows;
  }

  // Adds one row to an aggregate; returns the bytes newly held.
  absl::StatusOr<uint64_t> Accumulate(const Aggregate& aggregate, const TermId* row,
                                      AggregateState* state) {
    if (aggregate.arg == nullptr) {  // COUNT(*)
      if (aggregate.distinct) {
        if (state->distinct_rows.emplace(row, row + context_->width()).second) {
          ++state->count;
          return context_->width() * 8 + 32;
        }
        return 0;
      }
      ++state->count;
      return 0;
    }
    if (state->failed) return 0;
    using F = Aggregate::Function;
    if (aggregate.function == F::kSample && state->value.has_value()) return 0;
    PARLEY_ASSIGN_OR_RETURN(TermId id, evaluator_.EvaluateToId(*aggregate.arg, row));
    if (id == kUnbound) {
      if (aggregate.function == F::kSum || aggregate.function == F::kAvg ||
          aggregate.function == F::kGroupConcat) {
        state->failed = true;
      }
      return 0;
    }
    uint64_t bytes = 0;
    if (aggregate.distinct) {
      if (!state->distinct.insert(id).second) return 0;
      bytes += 16;
    }
    if (aggregate.function == F::kCount) {
      ++state->count;
      return bytes;
    }
    PARLEY_ASSIGN_OR_RETURN(const Term* term, context_->terms().Decode(id));
    switch (aggregate.function) {
      case F::kCount:
        break;
      case F::kSample:
        state->value = *term;
        break;
      case F::kMin:
      case F::kMax: {
        if (!state->value.has_value()) {
          state->value = *term;
          break;
        }
        const int c = OrderCompare(ExprValue(*term), state->value);
        if ((aggregate.function == F::kMin && c < 0) || (aggregate.function == F::kMax && c > 0)) {
          state->value = *term;
        }
        break;
      }
      case F::kSum:
      case F::kAvg: {
        if (!state->value.has_value()) state->value = Term::TypedLiteral("0", kXsdInteger);
        state->value = Arithmetic(ArithmeticOp::kAdd, *state->value, *term);
        if (!state->value.has_value()) state->failed = true;
        ++state->count;
        break;
      }
      case F::kGroupConcat: {
        if (term->is_blank_node()) {
          state->failed = true;
          break;
        }
        if (state->count++ > 0) state->text += aggregate.separator;
        state->text += term->value();
        bytes += term->value().size() + aggregate.separator.size();
        break;
      }
    }
    return bytes;
  }

  absl::StatusOr<ExprValue> Finish(const Aggregate& aggregate, const AggregateState& state) {
    using F = Aggregate::Function;
    if (state.failed) return ExprValue();
    switch (aggregate.function) {
      case F::kCount:
        return ExprValue(Term::TypedLiteral(std::to_string(state.count), kXsdInteger));
      case F::kSum:
        if (!state.value.has_value()) return ExprValue(Term::TypedLiteral("0", kXsdInteger));
        return state.value;
      case F::kAvg:
        if (state.count == 0) return ExprValue(Term::TypedLiteral("0", kXsdInteger));
        return Arithmetic(ArithmeticOp::kDivide, *state.value,
                          Term::TypedLiteral(std::to_string(state.count), kXsdInteger));
      case F::kMin:
      case F::kMax:
      case F::kSample:
        return state.value;
      case F::kGroupConcat:
        return ExprValue(Term::Literal(state.text));
    }
    return ExprValue();
  }

  ExecContext* context_;
  OperatorPtr input_;
  const Op& group_;
  Scope scope_;
  ExprEvaluator evaluator_;
  MemoryCharge charge_;
  std::vector<Group> groups_;
  absl::flat_hash_map<std::vector<TermId>, size_t> index_;
  OperatorPtr output_;
};

}  // namespace

absl::StatusOr<OperatorPtr> BuildGroup(ExecContext* context, OperatorPtr input, const Op& group,
                                       const Scope& scope) {
  return std::make_unique<GroupOperator>(context, std::move(input), group, scope);
}

}  // namespace parley::query
