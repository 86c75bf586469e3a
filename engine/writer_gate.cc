#include "engine/writer_gate.h"

#include <utility>

#include "engine/status_macros.h"

namespace parley::engine {

WriterLease& WriterLease::operator=(WriterLease&& other) noexcept {
  if (this != &other) {
    Release();
    gate_ = std::exchange(other.gate_, nullptr);
  }
  return *this;
}

void WriterLease::Release() {
  if (gate_ != nullptr) std::exchange(gate_, nullptr)->Release();
}

WriterLease WriterGate::Acquire() {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](bool* busy) { return !*busy; }, &busy_));
  busy_ = true;
  return WriterLease(this);
}

void WriterGate::Release() {
  absl::MutexLock lock(&mu_);
  PARLEY_CHECK(busy_);
  busy_ = false;
}

}  // namespace parley::engine
