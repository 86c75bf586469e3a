#include "engine/graph_set.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/kv/keyspaces.h"
#include "engine/layout/key_layout.h"
#include "engine/status_macros.h"

namespace parley::engine {
namespace {

constexpr Keyspace kGraphs = KeyspaceOf(Family::kGraphs);

}  // namespace

absl::StatusOr<std::vector<GraphEntry>> ReadGraphs(const KvStore& kv,
                                                   std::shared_ptr<const KvSnapshot> snapshot) {
  std::vector<GraphEntry> graphs;
  auto it = kv.NewIterator(kGraphs, std::move(snapshot));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    GraphEntry entry;
    if (it->key().size() != 8 || !DecodeGraphQuads(it->value(), &entry.quads)) {
      return absl::DataLossError("corrupt entry in the set of named graphs");
    }
    entry.graph = ReadBigEndian64(it->key().data());
    graphs.push_back(entry);
  }
  PARLEY_RETURN_IF_ERROR(it->status());
  return graphs;
}

absl::StatusOr<std::optional<uint64_t>> ReadGraphQuads(const KvStore& kv,
                                                       const KvSnapshot* snapshot, TermId graph) {
  PARLEY_ASSIGN_OR_RETURN(std::optional<std::string> value,
                          kv.Get(kGraphs, BigEndian64(graph), snapshot));
  if (!value.has_value()) return std::optional<uint64_t>();
  uint64_t quads = 0;
  if (!DecodeGraphQuads(*value, &quads)) {
    return absl::DataLossError(absl::StrCat("corrupt entry of named graph ", graph));
  }
  return std::optional<uint64_t>(quads);
}

absl::StatusOr<GraphSetChange> ComputeGraphSetChange(const KvStore& kv, const KvSnapshot* snapshot,
                                                     const std::vector<IdQuad>& inserts,
                                                     const std::vector<IdQuad>& erases,
                                                     const GraphFates& fates) {
  struct Delta {
    uint64_t inserted = 0;
    uint64_t erased = 0;
  };
  absl::flat_hash_map<TermId, Delta> deltas;
  for (const IdQuad& q : inserts) {
    if (q.graph != kDefaultGraphId) ++deltas[q.graph].inserted;
  }
  for (const IdQuad& q : erases) {
    if (q.graph != kDefaultGraphId) ++deltas[q.graph].erased;
  }
  for (const auto& [graph, fate] : fates) {
    if (graph != kDefaultGraphId) deltas.try_emplace(graph);
  }
  GraphSetChange change;
  change.reserve(deltas.size());
  for (const auto& [graph, delta] : deltas) {
    PARLEY_ASSIGN_OR_RETURN(std::optional<uint64_t> stored, ReadGraphQuads(kv, snapshot, graph));
    const uint64_t before = stored.value_or(0);
    if (delta.erased > before) {
      return absl::DataLossError(absl::StrCat("named graph ", graph,
                                              " would hold fewer than 0 quads (", before,
                                              " stored, ", delta.erased, " erased)"));
    }
    const uint64_t after = before - delta.erased + delta.inserted;
    auto fate = fates.find(graph);
    bool exists = stored.has_value() || after > 0;
    if (fate != fates.end() && fate->second.exists.has_value()) {
      // A dropped graph was cleared: what it holds now came after the drop.
      exists = *fate->second.exists || after > 0;
    }
    if (exists && stored == after) continue;
    if (!exists && !stored.has_value()) continue;
    change.emplace_back(graph, exists ? std::optional<uint64_t>(after) : std::nullopt);
  }
  std::sort(change.begin(), change.end());
  return change;
}

void AddGraphSetChange(const GraphSetChange& change, KvWriteBatch* batch) {
  for (const auto& [graph, quads] : change) {
    if (quads.has_value()) {
      batch->Put(kGraphs, BigEndian64(graph), EncodeGraphQuads(*quads));
    } else {
      batch->Delete(kGraphs, BigEndian64(graph));
    }
  }
}

absl::StatusOr<std::vector<GraphEntry>> ComputeGraphsFromQuads(
    const KvStore& kv, std::shared_ptr<const KvSnapshot> snapshot) {
  std::vector<GraphEntry> graphs;
  auto it = kv.NewIterator(KeyspaceOf(Order::kGspo), std::move(snapshot));
  for (it->Seek(BigEndian64(kDefaultGraphId + 1)); it->Valid(); it->Next()) {
    if (it->key().size() != kQuadKeySize) return absl::DataLossError("corrupt GSPO key");
    const TermId graph = ReadBigEndian64(it->key().data());
    if (graphs.empty() || graphs.back().graph != graph) graphs.push_back({graph, 0});
    ++graphs.back().quads;
  }
  PARLEY_RETURN_IF_ERROR(it->status());
  return graphs;
}

}  // namespace parley::engine
