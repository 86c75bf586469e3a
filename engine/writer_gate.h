// One writer at a time: a WriteTransaction (or a bulk load) holds the lease
// of its Store's WriterGate from start to finish.
#pragma once

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace parley::engine {

class WriterGate;

// Exclusive write access while held. Move-only; released by Release() or
// destruction, on any thread (unlike a std::mutex, which only its owning
// thread may unlock). REQUIRES: does not outlive its gate.
class WriterLease {
 public:
  WriterLease() = default;
  WriterLease(WriterLease&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
  WriterLease& operator=(WriterLease&& other) noexcept;
  WriterLease(const WriterLease&) = delete;
  WriterLease& operator=(const WriterLease&) = delete;
  ~WriterLease() { Release(); }

  bool held() const { return gate_ != nullptr; }
  void Release();

 private:
  friend class WriterGate;
  explicit WriterLease(WriterGate* gate) : gate_(gate) {}
  WriterGate* gate_ = nullptr;
};

// Thread-safe.
class WriterGate {
 public:
  // Blocks while another lease is held. Acquiring twice on one thread
  // without releasing deadlocks.
  WriterLease Acquire();

 private:
  friend class WriterLease;
  void Release();

  absl::Mutex mu_;
  bool busy_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace parley::engine
