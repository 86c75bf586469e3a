// A database the tools opened: a directory the user named, or a scratch
// database in a temporary directory that goes with the handle.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "parley/database.h"

namespace parley::tools {

class DatabaseHandle {
 public:
  // Opens the database at `path` with `options`.
  static absl::StatusOr<std::unique_ptr<DatabaseHandle>> Open(const std::string& path,
                                                              const Options& options);
  // A fresh, empty database in a new directory under $TMPDIR (or /tmp),
  // removed with everything in it when the handle is destroyed. Commits are
  // not synced: nothing in it outlives the process anyway.
  static absl::StatusOr<std::unique_ptr<DatabaseHandle>> OpenScratch();

  DatabaseHandle(const DatabaseHandle&) = delete;
  DatabaseHandle& operator=(const DatabaseHandle&) = delete;
  ~DatabaseHandle();  // closes the database, then removes a scratch directory

  Database& db() { return *db_; }
  bool is_scratch() const { return !scratch_dir_.empty(); }
  const std::string& path() const { return db_->path(); }

 private:
  DatabaseHandle(std::unique_ptr<Database> db, std::string scratch_dir)
      : db_(std::move(db)), scratch_dir_(std::move(scratch_dir)) {}

  std::unique_ptr<Database> db_;
  std::string scratch_dir_;  // empty unless a scratch database
};

}  // namespace parley::tools
