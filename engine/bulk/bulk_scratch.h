// The scratch folder of a bulk load: <db>/load-tmp-<pid>-<nonce>/, holding
// its spill files and the SST files it ingests. It lives inside the database
// directory so that the ingest can move (hard-link) the SST files rather
// than copy them: same file system.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace parley::engine {

inline constexpr std::string_view kLoadScratchPrefix = "load-tmp-";

// A random number for a scratch folder's name (and a load's blank nodes):
// unlikely to repeat across processes and calls.
uint64_t RandomNonce();

// Not thread-safe to create or destroy; File() may be called from any
// thread.
class ScratchDir {
 public:
  // Creates <db_path>/load-tmp-<pid>-<nonce as 16 hex digits>/.
  static absl::StatusOr<std::unique_ptr<ScratchDir>> Create(const std::string& db_path,
                                                            uint64_t nonce);
  // Removes the folder with everything in it.
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(std::string_view name) const;

 private:
  explicit ScratchDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// Removes every load-tmp-* folder in `db_path`: what loads killed before
// they finished (SIGKILL, power loss) left behind. Only safe while no load
// runs on the database: right after Store::Open (Database::Open calls it),
// while the store holds the directory lock and before any load can start.
// OK when there is nothing to remove or `db_path` does not exist.
absl::Status RemoveStaleLoadFiles(const std::string& db_path);

}  // namespace parley::engine
