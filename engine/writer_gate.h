// One writer at a time: a WriteTransaction (or a bulk load) holds the lease
// of its Store's WriterGate from start to finish.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace parley::engine {

class WriterGate;

// Exclusive write access while held. Move-only; released by Release() or
// destruction, on any thread (a std::mutex held for the whole transaction
// could only be unlocked by the thread that locked it). Holds its gate
// alive, so it may outlive the Store that made it.
class WriterLease {
 public:
  WriterLease() = default;
  WriterLease(WriterLease&& other) noexcept = default;
  WriterLease& operator=(WriterLease&& other) noexcept;
  WriterLease(const WriterLease&) = delete;
  WriterLease& operator=(const WriterLease&) = delete;
  ~WriterLease() { Release(); }

  bool held() const { return gate_ != nullptr; }
  void Release();

  // OK while the gate is open; FailedPrecondition once it was shut (the
  // store was closed or destroyed): a writer checks it before it writes.
  // REQUIRES: held().
  absl::Status CheckOpen() const;

 private:
  friend class WriterGate;
  explicit WriterLease(std::shared_ptr<WriterGate> gate) : gate_(std::move(gate)) {}
  std::shared_ptr<WriterGate> gate_;
};

// Thread-safe. Built on std::mutex and std::condition_variable (pthreads),
// which ThreadSanitizer understands; Debian's abseil is not instrumented.
// Lives in a shared_ptr (Create) because leases hold it.
class WriterGate : public std::enable_shared_from_this<WriterGate> {
 public:
  // `name` says whose gate it is in errors (the database's path).
  static std::shared_ptr<WriterGate> Create(std::string name);

  // Blocks while a lease acquired by another thread is held. Errors,
  // returned at once:
  //   FailedPrecondition "this thread already has a write transaction
  //     open": the lease is held by a lease this very thread acquired and
  //     has not released (waiting would deadlock). The thread that acquired
  //     a lease counts as its holder even after moving it to another thread;
  //   FailedPrecondition: the gate was shut.
  absl::StatusOr<WriterLease> Acquire();

  // Non-blocking Acquire: FailedPrecondition when any lease is held.
  absl::StatusOr<WriterLease> TryAcquire();

  // Makes every later Acquire, and CheckOpen of the leases out, fail.
  // Leases held stay held until released. Idempotent.
  void Shut();

 private:
  friend class WriterLease;
  explicit WriterGate(std::string name) : name_(std::move(name)) {}
  absl::Status ShutError() const;  // REQUIRES: mu_ held
  void Release();

  const std::string name_;
  std::mutex mu_;
  std::condition_variable released_;
  bool busy_ = false;       // guarded by mu_
  bool shut_ = false;       // guarded by mu_
  std::thread::id holder_;  // the thread that acquired the lease; guarded by mu_
};

}  // namespace parley::engine
