// Strict mode (Database::SetStrictShapes): every write is validated, as the
// database would be after it, before it applies.
#pragma once

#include <memory>

#include "engine/kv/kv_store.h"
#include "engine/write_transaction.h"
#include "parley/validation.h"

namespace parley::api {

// The commit check of a strict-mode transaction on `kv`'s store: OK when
// the state the transaction's changes would leave conforms to `shapes`;
// FailedPrecondition "strict mode: the change breaks the shapes (N
// results); nothing was written:" with the first results, one per line,
// when it does not.
engine::StoreWriteTransaction::CommitCheck StrictCheck(std::shared_ptr<const Shapes> shapes,
                                                       std::shared_ptr<const engine::KvStore> kv);

}  // namespace parley::api
