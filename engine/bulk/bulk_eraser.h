// Erasing many stored quads in one atomic step, in bounded memory: the large
// path of SPARQL Update's DELETE ... WHERE (query/update/). A write
// transaction buffers each erased quad as terms and applies one write batch,
// so its memory grows with the change; the eraser instead
//
//   Erase    buffers quads as ids (SPOG); a full buffer is sorted and
//            spilled to <db>/load-tmp-<pid>-<nonce>/ (engine/bulk/spill_file.h)
//   Commit   merges those runs and keeps the quads stored at the snapshot
//            (one forward-seeking SPOG cursor), writing a tombstone for each
//            into the SPOG SST file and spilling it again in the order of
//            every other permutation; merges those runs into their SST files;
//            writes the statistics, graph counts and quad count that follow;
//            then one KvStore::IngestAtomically for all of them.
//
// Memory: the run buffers (BulkEraseOptions::memory_budget_bytes), one read
// buffer per merged spill file (at most 64 open at once), and a counter per
// predicate and per graph the erase touches.
//
// The statistics stay exact. A predicate loses a distinct subject when the
// erase takes every stored quad of a (subject, predicate) pair; the SPOG
// cursor that finds the erased keys also sees whether a key of their pair is
// left between or after them. Likewise distinct objects with POSG. A named
// graph keeps its place in the graph set when its last quad goes, as it does
// when a transaction erases it.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/kv/kv_store.h"
#include "parley/quad.h"

namespace parley::engine {

enum class BulkErasePhase : uint8_t {
  kCollect,  // quads handed to Erase so far
  kSort,     // Commit: finding the stored ones (quads: those handed in)
  kWrite,    // Commit: the other permutations' files (quads: to erase)
  kIngest,   // Commit: the atomic ingest (quads: to erase)
};

struct BulkEraseOptions {
  // Required: the store's directory; the scratch folder goes there (same
  // file system, so the ingest moves its files).
  std::string db_path;
  // Bytes of run buffers: a full buffer is sorted and spilled. At least
  // 1 MiB is used.
  uint64_t memory_budget_bytes = uint64_t{64} << 20;
  // Called from the calling thread about every 2^20 quads handed to Erase
  // and at the start of Commit's phases. Must be cheap.
  std::function<void(BulkErasePhase phase, uint64_t quads)> progress;
  // When set and it becomes true, Erase fails with Cancelled within about
  // 2^16 quads, and Commit before it ingests; nothing changes. Must outlive
  // the eraser.
  const std::atomic<bool>* cancel = nullptr;
};

// Not thread-safe. Destroying an eraser without a successful Commit
// abandons it: the store is unchanged and the scratch folder deleted.
class BulkEraser {
 public:
  // Creates the scratch folder. InvalidArgument when options.db_path is
  // empty. REQUIRES: `kv` (a Store's, engine/store.h) outlives the eraser;
  // the caller holds the store's writer lease until the eraser is committed
  // or destroyed, and `snapshot` is the latest state under that lease: the
  // state the erase applies to.
  static absl::StatusOr<std::unique_ptr<BulkEraser>> Begin(
      KvStore& kv, std::shared_ptr<const KvSnapshot> snapshot, BulkEraseOptions options);
  ~BulkEraser();
  BulkEraser(const BulkEraser&) = delete;
  BulkEraser& operator=(const BulkEraser&) = delete;

  // Erases `quad` (ids; graph kDefaultGraphId for the default graph) if it
  // is stored at the snapshot; a quad that is not, or is handed in twice,
  // counts once or not at all. Errors are sticky.
  absl::Status Erase(const IdQuad& quad);

  // Everything or nothing: on success the quads are gone from every
  // permutation with exact statistics, and the number of quads erased (that
  // were stored) is returned; on error the store is unchanged. Call once.
  absl::StatusOr<uint64_t> Commit();

 private:
  class Impl;
  explicit BulkEraser(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace parley::engine
