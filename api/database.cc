#include "api/database_impl.h"
#include "engine/status_macros.h"

namespace parley {

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path,
                                                         const Options& options) {
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<engine::Store> store, engine::Store::Open(path, options));
  return std::make_unique<api::DatabaseImpl>(path, std::move(store));
}

}  // namespace parley
