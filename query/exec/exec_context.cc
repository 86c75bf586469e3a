#include "query/exec/exec_context.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "query/exec/profile.h"

namespace parley::query {

absl::Status MemoryBudget::Reserve(uint64_t bytes) {
  if (used_ + bytes > limit_) {
    return absl::ResourceExhaustedError(
        absl::StrCat("query needs more than ", limit_,
                     " bytes of memory (QueryOptions::memory_budget_bytes) for its sorts, "
                     "groups, DISTINCT and joins"));
  }
  used_ += bytes;
  if (used_ > peak_) peak_ = used_;
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

namespace {

engine::ScanLimits LimitsOf(const QueryOptions& options) {
  engine::ScanLimits limits;
  limits.deadline = options.deadline;
  limits.cancel = options.cancel;
  return limits;
}

}  // namespace

ExecContext::ExecContext(std::shared_ptr<const engine::StorageReader> reader, VariableSlots slots,
                         const QueryOptions& options)
    : source_(std::move(reader), LimitsOf(options)),
      terms_(&source_),
      slots_(std::move(slots)),
      memory_(options.memory_budget_bytes),
      functions_(MakeFunctionContext()) {}

ExecContext::~ExecContext() = default;

void ExecContext::set_profiler(std::unique_ptr<PlanProfiler> profiler) {
  profiler_ = std::move(profiler);
}

std::string ExecContext::FreshBlankLabel() { return absl::StrCat("c", ++next_blank_); }

}  // namespace parley::query
