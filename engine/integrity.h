// Database::CheckIntegrity: every invariant a commit and a bulk load keep,
// checked from the stored data.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "engine/kv/kv_store.h"
#include "parley/integrity.h"

namespace parley::engine {

// Reads everything as of `snapshot` and checks that
//   - every index key is 32 bytes and names ids the store can have issued
//     (dictionary ids below the counter; inline literals only as objects);
//   - the five permutations hold the same quads (each one's count and
//     order-independent fingerprint equal SPOG's; when they do not, the
//     quads SPOG lacks are named);
//   - the stored quad count, per-predicate statistics and graph set (with
//     each graph's quad count) equal what the quads give;
//   - the dictionary's two directions are one bijection, below the counter.
// Memory stays bounded: each index is streamed once, in its own order. Problems go in the report;
// an error status only for what stops the reading itself (I/O).
absl::StatusOr<IntegrityReport> CheckIntegrity(const KvStore& kv,
                                               std::shared_ptr<const KvSnapshot> snapshot);

}  // namespace parley::engine
