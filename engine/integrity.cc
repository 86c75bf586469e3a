#include "engine/integrity.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/graph_set.h"
#include "engine/kv/keyspaces.h"
#include "engine/layout/big_endian.h"
#include "engine/layout/key_layout.h"
#include "engine/layout/term_codec.h"
#include "engine/layout/term_id.h"
#include "engine/statistics.h"
#include "engine/status_macros.h"

namespace parley::engine {
namespace {

constexpr size_t kProblemsKept = 100;
constexpr size_t kBatch = 1024;

uint64_t Mix(uint64_t x) {  // splitmix64's finalizer
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// An order-independent fingerprint of a set of quads: two indexes with the
// same count and sums hold the same quads, but for a 2^-128 chance. Lets
// the permutations be compared by streaming each once, in its own order.
struct QuadSetHash {
  uint64_t count = 0;
  uint64_t sum = 0;
  uint64_t other_sum = 0;

  void Add(const IdQuad& quad) {
    const uint64_t h = Mix(Mix(Mix(Mix(quad.subject) ^ quad.predicate) ^ quad.object) ^ quad.graph);
    ++count;
    sum += h;
    other_sum += Mix(h ^ 0x9e3779b97f4a7c15ULL);
  }
  friend bool operator==(const QuadSetHash&, const QuadSetHash&) = default;
};

class Checker {
 public:
  Checker(const KvStore& kv, std::shared_ptr<const KvSnapshot> snapshot)
      : kv_(kv), snapshot_(std::move(snapshot)) {}

  absl::StatusOr<IntegrityReport> Run() {
    absl::StatusOr<uint64_t> terms = ReadDictionaryTermCount(kv_, snapshot_.get());
    if (terms.ok()) {
      next_id_ = *terms + 1;
    } else {
      Problem(std::string(terms.status().message()));
    }
    PARLEY_ASSIGN_OR_RETURN(QuadSetHash spog, ScanIndex(Order::kSpog));
    const uint64_t quads = spog.count;
    report_.quads = quads;
    for (Order order : kAllOrders) {
      if (order == Order::kSpog) continue;
      PARLEY_ASSIGN_OR_RETURN(QuadSetHash other, ScanIndex(order));
      if (other == spog) continue;
      if (other.count != quads) {
        Problem(absl::StrCat(Name(order), " holds ", other.count, " quads, spog ", quads));
      } else {
        Problem(absl::StrCat(Name(order), " and spog hold as many quads, but not the same"));
      }
      PARLEY_RETURN_IF_ERROR(FindMissingFromSpog(order));  // names them
    }
    PARLEY_RETURN_IF_ERROR(CheckCounts(quads));
    PARLEY_RETURN_IF_ERROR(CheckDictionary());
    return std::move(report_);
  }

 private:
  void Problem(std::string_view text) {
    if (report_.problems.size() < kProblemsKept) report_.problems.emplace_back(text);
    ++report_.problem_count;
  }

  std::string Name(Order order) { return std::string(FamilyName(order)); }

  // Whether `id` may stand in `position` (0 subject ... 3 graph).
  bool Plausible(TermId id, int position) const {
    if (position == 3 && id == kDefaultGraphId) return true;
    if (IsInline(id)) return position == 2;
    if (TagOf(id) != IdTag::kDictionary) return false;
    return id != 0 && (next_id_ == 0 || id < next_id_);
  }

  // Scans one index: its fingerprint, after checking its keys (and, for
  // SPOG, that every id is one the store can have issued there).
  absl::StatusOr<QuadSetHash> ScanIndex(Order order) {
    QuadSetHash hash;
    std::unique_ptr<KvIterator> it = kv_.NewIterator(KeyspaceOf(order), snapshot_);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (it->key().size() != kQuadKeySize) {
        Problem(absl::StrCat(Name(order), " holds a key of ", it->key().size(), " bytes"));
        continue;
      }
      const IdQuad quad = DecodeQuadKey(order, it->key());
      hash.Add(quad);
      if (order != Order::kSpog) continue;
      const TermId ids[] = {quad.subject, quad.predicate, quad.object, quad.graph};
      for (int position = 0; position < 4; ++position) {
        if (!Plausible(ids[position], position)) {
          Problem(absl::StrCat("spog key ", hash.count, " holds id ", ids[position],
                               " in position ", position,
                               ", which the store cannot have issued there"));
        }
      }
    }
    PARLEY_RETURN_IF_ERROR(it->status());
    return hash;
  }

  // Names the quads of `order` that SPOG lacks, by point lookups (slow on
  // a big database: only run once the fingerprints differ).
  absl::Status FindMissingFromSpog(Order order) {
    std::vector<std::string> keys;
    auto flush = [&]() -> absl::Status {
      if (keys.empty()) return absl::OkStatus();
      std::vector<std::optional<std::string>> values;
      PARLEY_RETURN_IF_ERROR(
          kv_.MultiGet(KeyspaceOf(Order::kSpog), keys, snapshot_.get(), &values));
      for (size_t i = 0; i < keys.size(); ++i) {
        if (!values[i].has_value()) {
          const IdQuad quad = DecodeQuadKey(Order::kSpog, keys[i]);
          Problem(absl::StrCat(Name(order), " holds (", quad.subject, " ", quad.predicate, " ",
                               quad.object, " ", quad.graph, "), which spog lacks"));
        }
      }
      keys.clear();
      return absl::OkStatus();
    };
    std::unique_ptr<KvIterator> it = kv_.NewIterator(KeyspaceOf(order), snapshot_);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (it->key().size() != kQuadKeySize) continue;  // reported by ScanIndex
      keys.push_back(EncodeQuadKey(Order::kSpog, DecodeQuadKey(order, it->key())));
      if (keys.size() == kBatch) PARLEY_RETURN_IF_ERROR(flush());
    }
    PARLEY_RETURN_IF_ERROR(it->status());
    return flush();
  }

  absl::Status CheckCounts(uint64_t quads) {
    absl::StatusOr<uint64_t> stored = ReadQuadCount(kv_, snapshot_.get());
    if (!stored.ok()) {
      Problem(std::string(stored.status().message()));
    } else if (*stored != quads) {
      Problem(absl::StrCat("the stored quad count is ", *stored, ", the indexes hold ", quads));
    }
    PARLEY_ASSIGN_OR_RETURN(IdStatistics computed, ComputeStatistics(kv_, snapshot_));
    absl::StatusOr<IdStatistics> kept = ReadStatistics(kv_, snapshot_);
    if (!kept.ok()) {
      Problem(std::string(kept.status().message()));
    } else if (kept->predicates != computed.predicates) {
      Problem(absl::StrCat("the per-predicate statistics differ from the quads (",
                           kept->predicates.size(), " predicates stored, ",
                           computed.predicates.size(), " in the quads)"));
    }
    PARLEY_ASSIGN_OR_RETURN(std::vector<GraphEntry> from_quads,
                            ComputeGraphsFromQuads(kv_, snapshot_));
    PARLEY_ASSIGN_OR_RETURN(std::vector<GraphEntry> graphs, ReadGraphs(kv_, snapshot_));
    std::map<TermId, uint64_t> stored_graphs;
    for (const GraphEntry& entry : graphs) stored_graphs[entry.graph] = entry.quads;
    for (const GraphEntry& entry : from_quads) {
      auto it = stored_graphs.find(entry.graph);
      if (it == stored_graphs.end()) {
        Problem(absl::StrCat("graph ", entry.graph, " holds ", entry.quads,
                             " quads but is not in the graph set"));
      } else if (it->second != entry.quads) {
        Problem(absl::StrCat("graph ", entry.graph, " holds ", entry.quads,
                             " quads; the graph set says ", it->second));
      }
      if (it != stored_graphs.end()) stored_graphs.erase(it);
    }
    for (const auto& [graph, count] : stored_graphs) {
      if (count != 0) {
        Problem(absl::StrCat("graph ", graph, " holds no quad; the graph set says ", count));
      }
    }
    return absl::OkStatus();
  }

  // id2term and term2id are one bijection of ids below the counter.
  absl::Status CheckDictionary() {
    std::vector<std::string> term_keys;
    std::vector<TermId> ids;
    auto flush = [&]() -> absl::Status {
      if (term_keys.empty()) return absl::OkStatus();
      std::vector<std::optional<std::string>> values;
      PARLEY_RETURN_IF_ERROR(
          kv_.MultiGet(KeyspaceOf(Family::kTerm2Id), term_keys, snapshot_.get(), &values));
      for (size_t i = 0; i < ids.size(); ++i) {
        if (!values[i].has_value() || values[i]->size() != 8 ||
            ReadBigEndian64(values[i]->data()) != ids[i]) {
          Problem(absl::StrCat("term ", ids[i], " has no matching term2id entry"));
        }
      }
      term_keys.clear();
      ids.clear();
      return absl::OkStatus();
    };
    std::unique_ptr<KvIterator> it = kv_.NewIterator(KeyspaceOf(Family::kId2Term), snapshot_);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      ++report_.terms;
      if (it->key().size() != 8) {
        Problem(absl::StrCat("id2term holds a key of ", it->key().size(), " bytes"));
        continue;
      }
      const TermId id = ReadBigEndian64(it->key().data());
      if (!Plausible(id, 0)) Problem(absl::StrCat("id2term holds id ", id, " above the counter"));
      if (!DecodeTermKey(it->value()).ok()) {
        Problem(absl::StrCat("the term of id ", id, " cannot be read"));
      }
      term_keys.emplace_back(it->value());
      ids.push_back(id);
      if (ids.size() == kBatch) PARLEY_RETURN_IF_ERROR(flush());
    }
    PARLEY_RETURN_IF_ERROR(it->status());
    PARLEY_RETURN_IF_ERROR(flush());
    uint64_t reverse = 0;
    std::unique_ptr<KvIterator> back = kv_.NewIterator(KeyspaceOf(Family::kTerm2Id), snapshot_);
    for (back->SeekToFirst(); back->Valid(); back->Next()) ++reverse;
    PARLEY_RETURN_IF_ERROR(back->status());
    if (reverse != report_.terms) {
      Problem(absl::StrCat("term2id holds ", reverse, " entries, id2term ", report_.terms));
    }
    return absl::OkStatus();
  }

  const KvStore& kv_;
  const std::shared_ptr<const KvSnapshot> snapshot_;
  TermId next_id_ = 0;  // 0: unknown
  IntegrityReport report_;
};

}  // namespace

absl::StatusOr<IntegrityReport> CheckIntegrity(const KvStore& kv,
                                               std::shared_ptr<const KvSnapshot> snapshot) {
  if (snapshot == nullptr) snapshot = kv.GetSnapshot();
  return Checker(kv, std::move(snapshot)).Run();
}

}  // namespace parley::engine
