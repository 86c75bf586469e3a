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

  // Named graphs exist from their first quad, or from CreateGraph, until
  // DropGraph: erasing every quad of a graph leaves it in the set, empty
  // (ReadView::Graphs lists it). The default graph always exists.

  // Adds `graph` (an IRI or a blank node) to the named graphs, empty; a
  // no-op for a graph that exists. InvalidArgument for the default graph,
  // a literal or a malformed term.
  virtual absl::Status CreateGraph(const Term& graph) = 0;

  // Erases every quad of `graph` that exists when the transaction commits,
  // this transaction's own earlier inserts into it included, and removes a
  // named graph from the set (the default graph is only emptied). Inserts
  // into it after the call are kept, and bring the graph back. A no-op for
  // a graph that does not exist.
  virtual absl::Status DropGraph(const Term& graph) = 0;

  // Applies every buffered change atomically and durably (per
  // Options::sync_on_commit). On error nothing is applied. The transaction
  // is finished either way. FailedPrecondition when it has finished, or
  // when its Database was destroyed meanwhile.
  virtual absl::Status Commit() = 0;

  // Discards every buffered change. The transaction is finished.
  virtual void Rollback() = 0;
};

}  // namespace parley
