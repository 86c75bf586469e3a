// The single write transaction of a database.
#pragma once

#include "absl/status/status.h"
#include "parley/quad.h"

namespace parley {

// Buffers inserts and erases and applies them atomically on Commit(): after
// a crash, either all of a committed transaction is there or none of it.
// Reads do not see a transaction's own uncommitted changes.
//
// Only one WriteTransaction exists per Database at a time (see
// Database::BeginWrite). Not thread-safe: one thread drives it. Destroying
// an uncommitted transaction rolls it back. It may outlive its Database
// (no dangling): Commit then returns FailedPrecondition and applies nothing.
class WriteTransaction {
 public:
  virtual ~WriteTransaction() = default;

  // Inserting a quad that exists is a no-op. InvalidArgument (and nothing
  // buffered) for a malformed term; see Term::Validate().
  virtual absl::Status Insert(const Quad& quad) = 0;

  // Erasing a quad that does not exist is a no-op.
  virtual absl::Status Erase(const Quad& quad) = 0;

  // Applies every buffered change atomically and durably (per
  // Options::sync_on_commit). On error nothing is applied. The transaction
  // is finished either way. FailedPrecondition when it has finished, or
  // when its Database was destroyed meanwhile.
  virtual absl::Status Commit() = 0;

  // Discards every buffered change. The transaction is finished.
  virtual void Rollback() = 0;
};

}  // namespace parley
