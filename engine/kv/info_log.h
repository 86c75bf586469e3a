// The info log of a writable store (<path>/LOG): RocksDB's diagnostics.
//
// RocksDB's own info log writes through a WritableFileWriter, and Debian's
// RocksDB is built with assertions: once one write to LOG fails (a full
// disk, a file size limit), the next one aborts the process, which for an
// embedding application is the host. This log writes each line with one
// append and ignores failures, since losing diagnostics must never stop the
// database, let alone the host. Like RocksDB's, it moves the previous LOG
// aside as LOG.old.<microseconds> (RocksDB keeps the newest
// keep_log_file_num of those).
#pragma once

#include <memory>
#include <string>

#include "rocksdb/env.h"

namespace parley::engine {

// A log appending to <db_path>/LOG, or, when that file cannot be created,
// a log that discards everything (RocksDB would refuse to open instead).
// REQUIRES: the caller holds the database directory (opens it for writing).
std::shared_ptr<rocksdb::Logger> OpenInfoLog(const std::string& db_path);

// A log that discards everything: read-only opens change nothing on disk.
std::shared_ptr<rocksdb::Logger> DiscardingInfoLog();

}  // namespace parley::engine
