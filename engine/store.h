// The storage engine: one RocksDB database holding the dictionary, the five
// quad permutations and the statistics (layout: engine/layout/key_layout.h).
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "engine/kv/kv_store.h"
#include "engine/write_transaction.h"
#include "engine/writer_gate.h"
#include "parley/options.h"
#include "parley/read_view.h"
#include "parley/transaction.h"

namespace parley::engine {

// Thread-safe. One Store per directory in any process at a time.
//
// Ownership: the Store shares its KvStore and its WriterGate with what it
// hands out. A read view (and every iterator from it) holds the KvStore and
// its snapshot, a transaction holds the KvStore and the writer lease, so
// none of them dangles when the Store goes first: views keep reading their
// snapshot, and the database files stay open (and the directory locked)
// until the last of them is destroyed. Destroying the Store shuts the gate:
// a transaction still open then fails to commit (FailedPrecondition).
class Store {
 public:
  // See parley::Database::Open for the contract and the errors; also
  // AlreadyExists when options.error_if_exists and a database is there.
  static absl::StatusOr<std::unique_ptr<Store>> Open(const std::string& path,
                                                     const Options& options);
  // Open for tests, with `faults` beneath the key-value store (see
  // engine/kv/fault_injection.h).
  static absl::StatusOr<std::unique_ptr<Store>> OpenWithFaults(
      const std::string& path, const Options& options, std::shared_ptr<FaultInjection> faults);
  virtual ~Store() = default;

  // See parley::Database::BeginWrite / Snapshot / Close. After Close,
  // BeginWrite fails and Snapshot returns a view whose calls fail, both with
  // FailedPrecondition "database <path> is closed".
  virtual absl::StatusOr<std::unique_ptr<WriteTransaction>> BeginWrite() = 0;
  // BeginWrite's transaction with its engine-level interface (its buffered
  // changes, for a view of its own work).
  virtual absl::StatusOr<std::unique_ptr<StoreWriteTransaction>> BeginStoreWrite() = 0;
  virtual std::unique_ptr<ReadView> Snapshot() = 0;
  virtual absl::Status Close() = 0;
  virtual bool closed() const = 0;

  // For engine-level writers that bypass WriteTransaction (the bulk loader):
  // the key-value store beneath, whose keyspaces are engine/kv/keyspaces.h's.
  // Such a writer holds the lease of AcquireWriter() (which blocks like
  // BeginWrite, and fails like it on re-entry) for as long as it reads
  // state it then writes (the counter kMetaNextId, the statistics, the quad
  // count), and keeps every invariant a commit keeps: all five
  // permutations, both dictionary directions, exact statistics. The Store
  // caches none of that state in memory.
  // REQUIRES (kv): the Store is not closed, and the reference is used only
  // while the Store lives; hold kv_shared() (or a snapshot, which holds its
  // store) to outlive it.
  virtual KvStore& kv() = 0;
  virtual std::shared_ptr<const KvStore> kv_shared() const = 0;
  virtual absl::StatusOr<WriterLease> AcquireWriter() = 0;
  virtual const Options& options() const = 0;
};

}  // namespace parley::engine
