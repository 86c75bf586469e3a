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
  std::unique_lock<std::mutex> lock(mu_);
  released_.wait(lock, [this] { return !busy_; });
  busy_ = true;
  return WriterLease(this);
}

void WriterGate::Release() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    PARLEY_CHECK(busy_);
    busy_ = false;
  }
  released_.notify_one();
}

}  // namespace parley::engine
