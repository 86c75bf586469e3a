#include "query/exec/operator.h"

#include "engine/status_macros.h"

namespace parley::query {
namespace {

class SeedOperator final : public Operator {
 public:
  explicit SeedOperator(std::vector<TermId> row) : row_(std::move(row)) {}
  absl::StatusOr<bool> Next(Block* out) override {
    out->Clear();
    if (done_) return false;
    done_ = true;
    out->AppendRow(row_.data());
    return true;
  }

 private:
  std::vector<TermId> row_;
  bool done_ = false;
};

class EmptyOperator final : public Operator {
 public:
  absl::StatusOr<bool> Next(Block* out) override {
    out->Clear();
    return false;
  }
};

}  // namespace

absl::Status DrainInto(Operator& input, ExecContext& context, MemoryCharge* charge, Block* rows) {
  Block block(context.width());
  while (true) {
    PARLEY_ASSIGN_OR_RETURN(bool more, input.Next(&block));
    if (!more) return absl::OkStatus();
    for (size_t i = 0; i < block.rows(); ++i) rows->AppendRow(block.row(i));
    PARLEY_RETURN_IF_ERROR(charge->Set(rows->bytes()));
  }
}

std::vector<TermId> SeedRow(const ExecContext& context, const Scope& scope) {
  if (scope.seed) return *scope.seed;
  return std::vector<TermId>(context.width(), kUnbound);
}

OperatorPtr MakeSeedOperator(ExecContext* context, const Scope& scope) {
  return std::make_unique<SeedOperator>(SeedRow(*context, scope));
}

OperatorPtr MakeEmptyOperator() { return std::make_unique<EmptyOperator>(); }

}  // namespace parley::query
