// The stored set of named graphs and the quads each holds ("graphs",
// engine/layout/key_layout.h), kept exact by every commit and bulk load.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "engine/kv/kv_store.h"
#include "parley/quad.h"

namespace parley::engine {

struct GraphEntry {
  TermId graph = 0;
  uint64_t quads = 0;
  friend bool operator==(const GraphEntry&, const GraphEntry&) = default;
};

// Every named graph as of `snapshot` (latest when null), in id order.
absl::StatusOr<std::vector<GraphEntry>> ReadGraphs(const KvStore& kv,
                                                   std::shared_ptr<const KvSnapshot> snapshot);
// Nullopt when `graph` is not in the set.
absl::StatusOr<std::optional<uint64_t>> ReadGraphQuads(const KvStore& kv,
                                                       const KvSnapshot* snapshot, TermId graph);

// What a change does to one graph beyond the quads it inserts and erases.
struct GraphFate {
  // Every quad the graph holds before the change is erased (DROP, CLEAR).
  bool clear_stored = false;
  // After the change the graph exists (true: CREATE), is gone unless the
  // change inserts quads into it (false: DROP), or exists as before plus
  // whatever the change inserts (nullopt).
  std::optional<bool> exists;
};
using GraphFates = absl::flat_hash_map<TermId, GraphFate>;

// The entries of a change, by graph id: the new count, or nullopt when the
// graph leaves the set.
using GraphSetChange = std::vector<std::pair<TermId, std::optional<uint64_t>>>;

// The graph set after a change that inserts `inserts` (none stored at
// `snapshot`), erases `erases` (all stored, including every stored quad of a
// graph whose fate clears it) and gives `fates` to graphs, as of `snapshot`.
// The default graph (id 0) is never in the set.
absl::StatusOr<GraphSetChange> ComputeGraphSetChange(const KvStore& kv, const KvSnapshot* snapshot,
                                                     const std::vector<IdQuad>& inserts,
                                                     const std::vector<IdQuad>& erases,
                                                     const GraphFates& fates);
void AddGraphSetChange(const GraphSetChange& change, KvWriteBatch* batch);

// The named graphs holding quads, with their counts, recomputed from GSPO
// (one scan): for checks. Empty graphs are not found this way.
absl::StatusOr<std::vector<GraphEntry>> ComputeGraphsFromQuads(
    const KvStore& kv, std::shared_ptr<const KvSnapshot> snapshot);

}  // namespace parley::engine
