#include "engine/writer_gate.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/status_macros.h"

namespace parley::engine {

WriterLease& WriterLease::operator=(WriterLease&& other) noexcept {
  if (this != &other) {
    Release();
    gate_ = std::move(other.gate_);
  }
  return *this;
}

void WriterLease::Release() {
  if (gate_ != nullptr) std::exchange(gate_, nullptr)->Release();
}

absl::Status WriterLease::CheckOpen() const {
  PARLEY_CHECK(held());
  std::lock_guard<std::mutex> lock(gate_->mu_);
  return gate_->shut_ ? gate_->ShutError() : absl::OkStatus();
}

std::shared_ptr<WriterGate> WriterGate::Create(std::string name) {
  return std::shared_ptr<WriterGate>(new WriterGate(std::move(name)));
}

absl::Status WriterGate::ShutError() const {
  return absl::FailedPreconditionError(absl::StrCat("database ", name_, " is closed"));
}

absl::StatusOr<WriterLease> WriterGate::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  // A thread waiting for its own lease would wait forever: say so instead.
  if (busy_ && holder_ == std::this_thread::get_id()) {
    return absl::FailedPreconditionError(
        absl::StrCat("this thread already has a write transaction open (or runs a load) on "
                     "database ",
                     name_, "; commit or roll it back first"));
  }
  released_.wait(lock, [this] { return !busy_ || shut_; });
  if (shut_) return ShutError();
  busy_ = true;
  holder_ = std::this_thread::get_id();
  return WriterLease(shared_from_this());
}

absl::StatusOr<WriterLease> WriterGate::TryAcquire() {
  std::lock_guard<std::mutex> lock(mu_);
  if (shut_) return ShutError();
  if (busy_) {
    return absl::FailedPreconditionError(
        absl::StrCat("database ", name_, " has a write transaction or load in progress"));
  }
  busy_ = true;
  holder_ = std::this_thread::get_id();
  return WriterLease(shared_from_this());
}

void WriterGate::Shut() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    shut_ = true;
  }
  released_.notify_all();
}

void WriterGate::Release() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    PARLEY_CHECK(busy_);
    busy_ = false;
    holder_ = std::thread::id();
  }
  released_.notify_one();
}

}  // namespace parley::engine
