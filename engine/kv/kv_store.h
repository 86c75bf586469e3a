// A thin ordered key-value seam over RocksDB: keyspaces (column families),
// atomic write batches, snapshots, bounded iterators, and SST files that are
// ingested atomically across keyspaces. Nothing above this file sees a
// RocksDB type, and rocksdb::Status becomes absl::Status in one function
// (kv_store.cc), so a different ordered store with snapshots and atomic
// batches could stand in without touching the key layout or the engine.
//
// Keys and values are byte strings; keys sort by memcmp (unsigned bytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/kv/fault_injection.h"

namespace parley::engine {

// A keyspace is the index of its entry in KvOptions::keyspaces.
using Keyspace = uint32_t;

// Physical tuning of one keyspace; every keyspace gets zstd compression and
// 16 KiB blocks in the shared block cache (reasons in kv_store.cc).
struct KeyspaceOptions {
  std::string name;
  // A whole-key bloom filter (10 bits/key): pays off for point lookups that
  // often miss. Iterators never consult it.
  bool point_lookup_filter = false;
};

struct KvOptions {
  // Create the store when `path` holds none. Default: false.
  bool create_if_missing = false;
  // Create the keyspaces of `keyspaces` that the store lacks. Default: false.
  bool create_missing_keyspaces = false;
  // Open for reading only (RocksDB's read-only mode: no lock is taken, the
  // write-ahead log is not flushed into new files, writes fail), to look at
  // a store without changing its data, e.g. one that cannot be opened for
  // real. Ignores the two options above. Default: false.
  bool read_only = false;
  // Bytes of the LRU block cache shared by all keyspaces; the memtables of
  // all keyspaces are charged to it too, up to a quarter of it.
  size_t block_cache_bytes = size_t{256} << 20;
  // keyspaces[0] must be named "default" (RocksDB's own column family).
  // Keyspaces the store holds that are not listed are opened too (RocksDB
  // requires it) but are unreachable.
  std::vector<KeyspaceOptions> keyspaces;
  // Tests only: every file the store writes goes through these faults.
  // Default: none.
  std::shared_ptr<FaultInjection> faults;
};

// A point-in-time view. Shared ownership: iterators hold it, so it lives as
// long as its last user, and it holds its KvStore open (see KvStore).
class KvSnapshot {
 public:
  ~KvSnapshot();
  KvSnapshot(const KvSnapshot&) = delete;
  KvSnapshot& operator=(const KvSnapshot&) = delete;

 private:
  friend class KvStore;
  struct Rep;
  explicit KvSnapshot(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// Iterates the keys of one keyspace in [lower, upper), LevelDB style:
//   for (it->Seek(k); it->Valid(); it->Next()) ...
//   if (!it->status().ok()) ...
// Not thread-safe. Keeps its snapshot and its KvStore alive.
class KvIterator {
 public:
  ~KvIterator();
  KvIterator(const KvIterator&) = delete;
  KvIterator& operator=(const KvIterator&) = delete;

  // Positions at the first key >= max(target, lower).
  void Seek(std::string_view target);
  // Positions at the first key >= lower.
  void SeekToFirst();
  // False at the end of the range and after an error.
  bool Valid() const;
  // REQUIRES: Valid().
  void Next();
  // REQUIRES: Valid(). Invalidated by the next move.
  std::string_view key() const;
  std::string_view value() const;
  absl::Status status() const;

 private:
  friend class KvStore;
  struct Rep;
  explicit KvIterator(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// Changes that KvStore::Write applies atomically: all or none, also across
// a crash. Operations apply in the order they were added. Made by
// KvStore::NewWriteBatch, whose store it keeps alive; REQUIRES: written only
// to the store that made it.
class KvWriteBatch {
 public:
  ~KvWriteBatch();
  KvWriteBatch(KvWriteBatch&&) noexcept;
  KvWriteBatch& operator=(KvWriteBatch&&) noexcept;

  void Put(Keyspace keyspace, std::string_view key, std::string_view value);
  void Delete(Keyspace keyspace, std::string_view key);
  // The number of Put and Delete operations.
  size_t Count() const;

 private:
  friend class KvStore;
  struct Rep;
  explicit KvWriteBatch(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// Writes one sorted SST file for one keyspace, to be handed to
// KvStore::IngestAtomically. Not thread-safe; one writer per file, but many
// writers (for many files and keyspaces) may run in parallel threads. Keeps
// its KvStore alive.
class KvSstWriter {
 public:
  ~KvSstWriter();  // an unfinished file is abandoned (and deleted)
  KvSstWriter(const KvSstWriter&) = delete;
  KvSstWriter& operator=(const KvSstWriter&) = delete;

  // REQUIRES: keys strictly increasing within the file (else
  // InvalidArgument).
  absl::Status Put(std::string_view key, std::string_view value);
  // A tombstone: once ingested, `key` is gone from the keyspace (whatever
  // was stored under it before). Same ordering rule as Put.
  absl::Status Delete(std::string_view key);
  // Completes the file and returns its number of entries. A file with no
  // entries cannot be ingested: it is deleted and 0 is returned.
  absl::StatusOr<uint64_t> Finish();
  const std::string& path() const;

 private:
  friend class KvStore;
  struct Rep;
  explicit KvSstWriter(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// Finished SST files destined for one keyspace. Give them disjoint key
// ranges (split one sorted stream into files): RocksDB 7.8 also accepts
// overlapping files (into level 0, the later file winning a duplicate key),
// but that is not part of this contract. They may overlap keys already
// stored, which the ingested entries then replace.
struct KvIngestFiles {
  Keyspace keyspace = 0;
  std::vector<std::string> paths;
};

// Thread-safe: reads, iterators, snapshots and writes may come from many
// threads. Callers serialize writers that must see each other's effects.
//
// Ownership: a KvStore lives in a shared_ptr (Open makes it so), and every
// snapshot, iterator, write batch and SST writer it hands out holds a
// reference to it; the RocksDB database stays open until the last of them
// is gone, so none of them can outlive it. Dropping the last reference closes
// the database and ignores the status of that close; Close() reports it.
class KvStore : public std::enable_shared_from_this<KvStore> {
 public:
  // Errors: NotFound when `path` holds no store and !create_if_missing;
  // Unavailable "database <path> is in use by another process" when another
  // KvStore (in any process) has it open; FailedPrecondition when a listed
  // keyspace is missing and !create_missing_keyspaces.
  static absl::StatusOr<std::shared_ptr<KvStore>> Open(const std::string& path,
                                                       const KvOptions& options);
  ~KvStore();
  KvStore(const KvStore&) = delete;
  KvStore& operator=(const KvStore&) = delete;

  // The keyspaces the store held before Open created any (names, unordered).
  const std::vector<std::string>& existing_keyspaces() const;

  std::shared_ptr<const KvSnapshot> GetSnapshot() const;

  // The value of `key`, or nullopt. `snapshot` == nullptr reads the latest
  // state.
  absl::StatusOr<std::optional<std::string>> Get(Keyspace keyspace, std::string_view key,
                                                 const KvSnapshot* snapshot) const;

  // Get for many keys of one keyspace at once (faster than a loop of Gets).
  // (*values)[i] is the value of keys[i].
  absl::Status MultiGet(Keyspace keyspace, const std::vector<std::string>& keys,
                        const KvSnapshot* snapshot,
                        std::vector<std::optional<std::string>>* values) const;

  // An iterator over [lower, upper) of `keyspace` as of `snapshot` (latest
  // when null). An empty `upper` means no upper bound.
  std::unique_ptr<KvIterator> NewIterator(Keyspace keyspace,
                                          std::shared_ptr<const KvSnapshot> snapshot,
                                          std::string_view lower = {},
                                          std::string_view upper = {}) const;

  KvWriteBatch NewWriteBatch() const;

  // Applies `batch` atomically. With `sync`, returns after the write-ahead
  // log reached the disk (survives power loss); without, after it reached
  // the OS (survives a crash of this process).
  absl::Status Write(KvWriteBatch& batch, bool sync);

  // A writer for a new SST file at `file_path` (overwritten if present)
  // with `keyspace`'s compression settings.
  absl::StatusOr<std::unique_ptr<KvSstWriter>> NewSstWriter(Keyspace keyspace,
                                                            const std::string& file_path) const;

  // Calls fn(key) for each key of a finished SST file that NewSstWriter
  // wrote for `keyspace`, in key order, stopping at fn's first error.
  absl::Status ScanSstFile(Keyspace keyspace, const std::string& file_path,
                           absl::FunctionRef<absl::Status(std::string_view key)> fn) const;

  // Ingests finished SST files into their keyspaces in one atomic step:
  // after a crash or an error either all of them are in the store or none.
  // At most one entry per keyspace; entries without paths are ignored. The
  // files are moved into the store (copied when moving fails), so they are
  // gone from their paths on success. Snapshots taken before do not see
  // the ingested entries. Callers must not run Write concurrently when they
  // need the two ordered (the ingested entries replace equal keys).
  absl::Status IngestAtomically(const std::vector<KvIngestFiles>& files);

  // About how many bytes the keys and values of [lower, upper) in
  // `keyspace` take, memtables included: cheap (no data is read), for
  // estimates. Empty bounds mean the start / the end of the keyspace.
  absl::StatusOr<uint64_t> ApproximateBytes(Keyspace keyspace, std::string_view lower,
                                            std::string_view upper) const;

  // Flushes memtables and compacts every keyspace fully (tests, tools).
  absl::Status CompactAll();

  // A consistent copy of the whole store, as of now, in `directory` (which
  // must not exist): a RocksDB checkpoint, so files are hard-linked where
  // the file system allows and copied otherwise. FailedPrecondition for a
  // read-only store.
  absl::Status Checkpoint(const std::string& directory) const;

  // Syncs the write-ahead log (so every write so far survives power loss)
  // and closes the database, releasing its files and its lock; returns the
  // first error of the two. FailedPrecondition, and the store left open,
  // while anything else holds a reference (a snapshot, an iterator, a
  // batch, an SST writer, another shared_ptr): the caller must hold the only
  // one. After an OK or failed close the store is closed: calling anything
  // but Close (which then returns OK) and closed() is a bug (a CHECK).
  // REQUIRES: no other call on this store runs concurrently.
  absl::Status Close();
  bool closed() const;

 private:
  struct Rep;
  explicit KvStore(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace parley::engine
