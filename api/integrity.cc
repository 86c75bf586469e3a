// Database::CheckIntegrity: the engine's check over a snapshot.
#include "engine/integrity.h"
#include "api/database_impl.h"

namespace parley::api {

absl::StatusOr<IntegrityReport> DatabaseImpl::CheckIntegrity() {
  std::shared_ptr<const engine::KvStore> kv = store().kv_shared();
  return engine::CheckIntegrity(*kv, kv->GetSnapshot());
}

}  // namespace parley::api
