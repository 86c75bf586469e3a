#include "engine/access/storage_reader.h"

namespace parley::engine {

absl::Status ScanLimits::Check() const {
  if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
    return absl::CancelledError("the query was cancelled (its cancel flag was set)");
  }
  if (deadline.has_value() && std::chrono::steady_clock::now() >= *deadline) {
    return absl::DeadlineExceededError("the query ran past its deadline");
  }
  return absl::OkStatus();
}

}  // namespace parley::engine
