// Exact statistics for the optimizer, kept current by every commit:
//
//   "stats"   predicate id:8 (BE) -> PredicateCounts (engine/layout/key_layout.h):
//             quads with that predicate, distinct subjects, distinct
//             objects, all over every graph. No entry for a predicate
//             without quads.
//   default   kMetaQuadCount -> total quads, fixed64 BE.
//
// The number of dictionary terms needs no entry of its own: the dictionary
// hands out dense ids from 1 and never reuses one, so it is kMetaNextId - 1
// (engine/dictionary.h).
//
// A commit adds the changes these numbers undergo to its own write batch,
// so they change atomically with the quads they describe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/kv/kv_store.h"
#include "engine/layout/key_layout.h"
#include "parley/quad.h"

namespace parley::engine {

struct PredicateEntry {
  TermId predicate = 0;
  PredicateCounts counts;

  friend bool operator==(const PredicateEntry& a, const PredicateEntry& b) {
    return a.predicate == b.predicate && a.counts.quads == b.counts.quads &&
           a.counts.distinct_subjects == b.counts.distinct_subjects &&
           a.counts.distinct_objects == b.counts.distinct_objects;
  }
};

struct IdStatistics {
  uint64_t quads = 0;
  std::vector<PredicateEntry> predicates;  // by predicate id
};

// The stored statistics as of `snapshot` (latest when null).
absl::StatusOr<IdStatistics> ReadStatistics(const KvStore& kv,
                                            std::shared_ptr<const KvSnapshot> snapshot);
absl::StatusOr<uint64_t> ReadQuadCount(const KvStore& kv, const KvSnapshot* snapshot);
// The terms in the dictionary as of `snapshot` (latest when null): every
// term a committed change ever stored, also those no quad uses any more;
// inline literals (engine/layout/term_id.h) are never stored, so not
// counted. One Get of the id counter; DataLoss when it is missing.
absl::StatusOr<uint64_t> ReadDictionaryTermCount(const KvStore& kv, const KvSnapshot* snapshot);
// Nullopt when no quad has `predicate`.
absl::StatusOr<std::optional<PredicateCounts>> ReadPredicateCounts(const KvStore& kv,
                                                                   const KvSnapshot* snapshot,
                                                                   TermId predicate);

// The statistics after a change, for the predicates it touches.
struct StatisticsChange {
  uint64_t quads = 0;                      // the new total
  std::vector<PredicateEntry> predicates;  // by id; counts.quads == 0: none left
};

// The statistics after a change that inserts `inserts` (none stored at
// `snapshot`) and erases `erases` (all stored at `snapshot`, none in
// `inserts`), `snapshot` being the state the change applies to. Ids >=
// first_new_id in the dictionary range are new in this change, so no stored
// quad has them (saves index probes).
//
// Whether subject s still has predicate p afterwards is decided from the
// indexes: a stored quad (s, p, *, *) that the change does not erase, or an
// inserted one. Likewise for (p, o). Cost: one index seek per distinct
// (s, p) and (p, o) pair the change touches (none for pairs with a new
// id), plus the erased keys passed over.
absl::StatusOr<StatisticsChange> ComputeStatisticsChange(const KvStore& kv,
                                                         std::shared_ptr<const KvSnapshot> snapshot,
                                                         const std::vector<IdQuad>& inserts,
                                                         const std::vector<IdQuad>& erases,
                                                         TermId first_new_id);

// Adds `change` to `batch`: the predicates' entries (deleted when no quad is
// left) and the quad count. A bulk load can write the same entries into SST
// files instead: "stats" keys are the big-endian predicate ids, values
// EncodePredicateCounts; in the default keyspace, kMetaQuadCount holds the
// total as fixed64 big-endian.
void AddStatisticsChange(const StatisticsChange& change, KvWriteBatch* batch);

// Statistics recomputed from the indexes (one full scan of SPOG and POSG),
// as of `snapshot`: for repairs, checks and the bulk loader.
absl::StatusOr<IdStatistics> ComputeStatistics(const KvStore& kv,
                                               std::shared_ptr<const KvSnapshot> snapshot);

}  // namespace parley::engine
