// Faults beneath a KvStore, for tests: a file system that fails writes the
// way full or failing disks do, and forgets what was never synced the way a
// power loss does. Given to KvStore::Open through KvOptions::faults (and to
// Store::OpenWithFaults); every file the store writes (write-ahead log,
// MANIFEST, CURRENT, table files, SST files for ingestion) goes through it.
// Files the engine writes itself with POSIX calls (the bulk loader's spill
// files) do not.
//
// The power-loss model: each file written through it has a synced length
// (what its last Sync/Fsync covered); DropUnsyncedData cuts every file back
// to that length. Renames and links carry a file's state to its new name.
// Directory entries are kept (a real power loss may also lose entries
// whose directory was not synced; this model does not).
//
// Thread-safe: RocksDB's background threads write through it too.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"

namespace rocksdb {
class FileSystem;
}  // namespace rocksdb

namespace parley::engine {

class FaultInjection {
 public:
  enum class Fault {
    kNoSpace,  // ENOSPC: the file system is full
    kIoError,  // EIO: the device failed
  };

  static std::shared_ptr<FaultInjection> Create();
  ~FaultInjection();
  FaultInjection(const FaultInjection&) = delete;
  FaultInjection& operator=(const FaultInjection&) = delete;

  // From now on, every `n`th write operation fails with `fault` and changes
  // nothing (creating, appending to, syncing, closing, renaming or linking
  // a file, syncing a directory); n = 0 stops failing. Counting restarts.
  void FailEveryNth(uint64_t n, Fault fault);
  // The power goes: from now on every write operation fails (so that a
  // store closed after it writes nothing more), until DropUnsyncedData.
  void CutPower();
  // After CutPower and once the store is closed: cuts every file written
  // through this back to its synced length, forgets all files, and restores
  // power with no faults armed.
  absl::Status DropUnsyncedData();

  // Write operations failed so far (armed faults and power cuts).
  uint64_t failures() const;

 private:
  friend class KvStore;
  struct Rep;
  FaultInjection();
  // The file system that KvStore::Open puts beneath RocksDB.
  std::shared_ptr<rocksdb::FileSystem> file_system() const;

  std::unique_ptr<Rep> rep_;
  std::shared_ptr<rocksdb::FileSystem> file_system_;
};

}  // namespace parley::engine
