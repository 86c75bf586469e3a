// The storage engine: one RocksDB database holding the dictionary, the four
// quad permutations and the statistics (layout: engine/key_layout.h).
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "engine/kv_store.h"
#include "engine/writer_gate.h"
#include "parley/options.h"
#include "parley/read_view.h"
#include "parley/transaction.h"

namespace parley::engine {

// Thread-safe. One Store per directory in any process at a time.
class Store {
 public:
  // See parley::Database::Open for the contract and the errors; also
  // AlreadyExists when options.error_if_exists and a database is there.
  static absl::StatusOr<std::unique_ptr<Store>> Open(const std::string& path,
                                                     const Options& options);
  virtual ~Store() = default;

  // See parley::Database::BeginWrite / Snapshot. Transactions, views and
  // iterators must not outlive the Store.
  virtual absl::StatusOr<std::unique_ptr<WriteTransaction>> BeginWrite() = 0;
  virtual std::unique_ptr<ReadView> Snapshot() = 0;

  // For engine-level writers that bypass WriteTransaction (the bulk loader):
  // the key-value store beneath, whose keyspaces are engine/keyspaces.h's.
  // Such a writer holds the lease of AcquireWriter() (which blocks like
  // BeginWrite) for as long as it reads state it then writes (the counter
  // kMetaNextId, the statistics, the quad count), and keeps every invariant
  // a commit keeps: all four permutations, both dictionary directions,
  // exact statistics. The Store caches none of that state in memory.
  virtual KvStore& kv() = 0;
  virtual WriterLease AcquireWriter() = 0;
  virtual const Options& options() const = 0;
};

}  // namespace parley::engine
