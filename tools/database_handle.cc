#include "tools/database_handle.h"

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace parley::tools {

absl::StatusOr<std::unique_ptr<DatabaseHandle>> DatabaseHandle::Open(const std::string& path,
                                                                     const Options& options) {
  absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(path, options);
  if (!db.ok()) return db.status();
  return std::unique_ptr<DatabaseHandle>(new DatabaseHandle(*std::move(db), ""));
}

absl::StatusOr<std::unique_ptr<DatabaseHandle>> DatabaseHandle::OpenScratch() {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string pattern = absl::StrCat(tmpdir && *tmpdir ? tmpdir : "/tmp", "/parley-scratch-XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::UnavailableError(absl::StrCat("cannot create a scratch directory in ",
                                               pattern.substr(0, pattern.rfind('/'))));
  }
  Options scratch;
  scratch.sync_on_commit = false;
  scratch.block_cache_bytes = size_t{8} << 20;
  absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(pattern, scratch);
  if (!db.ok()) {
    std::error_code ignored;
    std::filesystem::remove_all(pattern, ignored);
    return db.status();
  }
  return std::unique_ptr<DatabaseHandle>(new DatabaseHandle(*std::move(db), pattern));
}

DatabaseHandle::~DatabaseHandle() {
  db_.reset();
  if (!scratch_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(scratch_dir_, ignored);
  }
}

}  // namespace parley::tools
