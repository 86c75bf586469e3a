#include "query/exec/exec_context.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace parley::query {

absl::Status MemoryBudget::Reserve(uint64_t bytes) {
  if (used_ + bytes > limit_) {
    return absl::ResourceExhaustedError(
        absl::StrCat("query needs more than ", limit_,
                     " bytes of memory (QueryOptions::memory_budget_bytes) for its sorts, "
                     "groups, DISTINCT and joins"));
  }
  used_ += bytes;
  return absl::OkStatus();
}

absl::Status MemoryCharge::Set(uint64_t bytes) {
  if (bytes > bytes_) {
    absl::Status status = budget_->Reserve(bytes - bytes_);
    if (!status.ok()) return status;
  } else {
    budget_->Release(bytes_ - bytes);
  }
  bytes_ = bytes;
  return absl::OkStatus();
}

ExecContext::ExecContext(std::unique_ptr<Source> source, VariableSlots slots,
                         const QueryOptions& options)
    : source_(std::move(source)),
      terms_(source_.get()),
      slots_(std::move(slots)),
      memory_(options.memory_budget_bytes),
      functions_(MakeFunctionContext()),
      deadline_(options.deadline),
      cancel_(options.cancel) {}

absl::Status ExecContext::CheckInterrupt() const {
  if (cancel_ != nullptr && cancel_->load(std::memory_order_relaxed)) {
    return absl::CancelledError("query cancelled");
  }
  if (deadline_.has_value() && std::chrono::steady_clock::now() >= *deadline_) {
    return absl::DeadlineExceededError("query passed its deadline (QueryOptions::deadline)");
  }
  return absl::OkStatus();
}

std::string ExecContext::FreshBlankLabel() { return absl::StrCat("c", ++next_blank_); }

}  // namespace parley::query
