// Database::Backup: a RocksDB checkpoint of the store.
#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "api/database_impl.h"
#include "engine/kv/kv_store.h"

namespace parley::api {

absl::Status DatabaseImpl::Backup(const std::string& directory) {
  std::error_code error;
  if (std::filesystem::exists(directory, error) || error) {
    return absl::AlreadyExistsError(
        absl::StrCat("cannot back up to ", directory, ": it exists already"));
  }
  return store().kv_shared()->Checkpoint(directory);
}

}  // namespace parley::api
