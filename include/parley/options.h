// Options for opening a database.
#pragma once

#include <cstddef>
#include <cstdint>

namespace parley {

struct Options {
  // Create the database when the directory does not hold one. Default: true.
  bool create_if_missing = true;

  // Fail if the directory already holds a database. Default: false.
  bool error_if_exists = false;

  // Sync the write-ahead log on every commit, so that a committed transaction
  // survives power loss. With false, a commit survives a crash of the process
  // but the last commits can be lost if the machine goes down. Default: true.
  bool sync_on_commit = true;

  // Open without changing anything on disk, for reading only: on read-only
  // media and full file systems too. A database that does not exist is
  // NotFound (nothing is created); BeginWrite, Load and Update fail with
  // FailedPrecondition. Takes no lock: other read-only opens may share the
  // directory, and one writer (in another process) may change it meanwhile,
  // which this handle does not see. Default: false.
  bool read_only = false;

  // The store's memory: cached blocks (data, index and filter blocks of
  // every index) and the write buffers of recent commits together. The
  // write buffers take at most a quarter of it; past that the oldest are
  // flushed to disk, and while they hold memory the cache keeps less.
  // Default: 256 MiB.
  size_t block_cache_bytes = size_t{256} << 20;

  // The most a write transaction (or an update request held in memory) may
  // buffer before its commit, estimated as it buffers: about 1 KiB plus
  // twice the terms' text per changed quad. Past it, Insert / Erase (and
  // Update) fail with ResourceExhausted and the transaction can only be
  // rolled back. Large changes have bounded paths: Load, and an update
  // request whose only change is one DELETE/INSERT ... WHERE. Default: 2 GiB.
  uint64_t max_transaction_bytes = uint64_t{2} << 30;
};

}  // namespace parley
