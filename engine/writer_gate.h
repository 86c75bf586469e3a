// One writer at a time: a WriteTransaction (or a bulk load) holds the lease
// of its Store's WriterGate from start to finish.
#pragma once

#include <condition_variable>
#include <mutex>

namespace parley::engine {

class WriterGate;

// Exclusive write access while held. Move-only; released by Release() or
// destruction, on any thread (a std::mutex held for the whole transaction
// could only be unlocked by the thread that locked it). REQUIRES: does not
// outlive its gate.
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

// Thread-safe. Built on std::mutex and std::condition_variable (pthreads),
// which ThreadSanitizer understands; Debian's abseil is not instrumented.
class WriterGate {
 public:
  // Blocks while another lease is held. Acquiring twice on one thread
  // without releasing deadlocks.
  WriterLease Acquire();

 private:
  friend class WriterLease;
  void Release();

  std::mutex mu_;
  std::condition_variable released_;
  bool busy_ = false;  // guarded by mu_
};

}  // namespace parley::engine
