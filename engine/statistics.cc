#include "engine/statistics.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "engine/kv/keyspaces.h"
#include "engine/layout/term_id.h"
#include "engine/status_macros.h"

namespace parley::engine {
namespace {

constexpr Keyspace kStats = KeyspaceOf(Family::kStats);
constexpr Keyspace kMeta = KeyspaceOf(Family::kDefault);

std::string PairKey(TermId a, TermId b) {
  std::string key;
  AppendBigEndian64(a, &key);
  AppendBigEndian64(b, &key);
  return key;
}

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// Index keys (of one permutation) that the commit erases.
using KeySet = absl::flat_hash_set<std::string>;

struct Presence {
  bool any = false;
  bool outside_excluded = false;
};

// Whether some key starting with `prefix` exists outside `excluded` (and
// whether any exists at all). The iterator is bounded to the prefix: an
// unbounded seek steps over every erased key after the prefix before it
// finds a live one, which after a large erase makes each probe cost as much
// as the erase (a quadratic commit).
absl::StatusOr<Presence> Probe(const KvStore& kv, Keyspace keyspace,
                               const std::shared_ptr<const KvSnapshot>& snapshot,
                               std::string_view prefix, const KeySet* excluded) {
  std::string end(prefix);
  while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xFF) end.pop_back();
  if (!end.empty()) end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
  auto it = kv.NewIterator(keyspace, snapshot, prefix, end);
  Presence presence;
  for (it->Seek(prefix); it->Valid() && it->key().substr(0, prefix.size()) == prefix; it->Next()) {
    presence.any = true;
    if (excluded == nullptr || !excluded->contains(AbslView(it->key()))) {
      presence.outside_excluded = true;
      break;
    }
  }
  PARLEY_RETURN_IF_ERROR(it->status());
  return presence;
}

struct PairChange {
  TermId predicate = 0;
  bool inserted = false;
  bool erased = false;
};

struct SignedCounts {
  int64_t quads = 0;
  int64_t subjects = 0;
  int64_t objects = 0;
};

absl::StatusOr<uint64_t> Apply(uint64_t value, int64_t delta, TermId predicate,
                               std::string_view what) {
  if (delta < 0 && static_cast<uint64_t>(-delta) > value) {
    return absl::DataLossError(absl::StrCat("statistics of predicate ", predicate, ": ",
                                            std::string(what), " would drop below zero (", value,
                                            " ", delta, ")"));
  }
  return value + static_cast<uint64_t>(delta);
}

void PutCounts(TermId predicate, const PredicateCounts& counts, KvWriteBatch* batch) {
  if (counts.quads == 0) {
    batch->Delete(kStats, BigEndian64(predicate));
  } else {
    batch->Put(kStats, BigEndian64(predicate), EncodePredicateCounts(counts));
  }
}

}  // namespace

absl::StatusOr<uint64_t> ReadQuadCount(const KvStore& kv, const KvSnapshot* snapshot) {
  PARLEY_ASSIGN_OR_RETURN(std::optional<std::string> value,
                          kv.Get(kMeta, kMetaQuadCount, snapshot));
  if (!value.has_value() || value->size() != 8) {
    return absl::DataLossError("the quad count (parley.quad_count) is missing");
  }
  return ReadBigEndian64(value->data());
}

absl::StatusOr<uint64_t> ReadDictionaryTermCount(const KvStore& kv, const KvSnapshot* snapshot) {
  PARLEY_ASSIGN_OR_RETURN(std::optional<std::string> value, kv.Get(kMeta, kMetaNextId, snapshot));
  if (!value.has_value() || value->size() != 8) {
    return absl::DataLossError("the dictionary's id counter (parley.next_id) is missing");
  }
  const TermId next_id = ReadBigEndian64(value->data());
  if (next_id == kDefaultGraphId || next_id > kMaxDictionaryId + 1) {
    return absl::DataLossError(absl::StrCat("the dictionary's id counter holds ", next_id));
  }
  return next_id - 1;  // ids 1 .. next_id - 1
}

absl::StatusOr<std::optional<PredicateCounts>> ReadPredicateCounts(const KvStore& kv,
                                                                   const KvSnapshot* snapshot,
                                                                   TermId predicate) {
  PARLEY_ASSIGN_OR_RETURN(std::optional<std::string> value,
                          kv.Get(kStats, BigEndian64(predicate), snapshot));
  if (!value.has_value()) return std::optional<PredicateCounts>();
  PredicateCounts counts;
  if (!DecodePredicateCounts(*value, &counts)) {
    return absl::DataLossError(absl::StrCat("corrupt statistics of predicate ", predicate));
  }
  return std::optional<PredicateCounts>(counts);
}

absl::StatusOr<IdStatistics> ReadStatistics(const KvStore& kv,
                                            std::shared_ptr<const KvSnapshot> snapshot) {
  IdStatistics statistics;
  PARLEY_ASSIGN_OR_RETURN(statistics.quads, ReadQuadCount(kv, snapshot.get()));
  auto it = kv.NewIterator(kStats, std::move(snapshot));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    PredicateEntry entry;
    if (it->key().size() != 8 || !DecodePredicateCounts(it->value(), &entry.counts)) {
      return absl::DataLossError("corrupt statistics entry");
    }
    entry.predicate = ReadBigEndian64(it->key().data());
    statistics.predicates.push_back(entry);
  }
  PARLEY_RETURN_IF_ERROR(it->status());
  return statistics;
}

absl::StatusOr<StatisticsChange> ComputeStatisticsChange(const KvStore& kv,
                                                         std::shared_ptr<const KvSnapshot> snapshot,
                                                         const std::vector<IdQuad>& inserts,
                                                         const std::vector<IdQuad>& erases,
                                                         TermId first_new_id) {
  StatisticsChange change;
  PARLEY_ASSIGN_OR_RETURN(uint64_t quads, ReadQuadCount(kv, snapshot.get()));
  PARLEY_ASSIGN_OR_RETURN(
      change.quads,
      Apply(quads, static_cast<int64_t>(inserts.size()) - static_cast<int64_t>(erases.size()), 0,
            "quad count"));
  if (inserts.empty() && erases.empty()) return change;
  auto is_new = [first_new_id](TermId id) {
    return TagOf(id) == IdTag::kDictionary && id >= first_new_id;
  };

  absl::flat_hash_map<TermId, SignedCounts> deltas;
  // Keyed by the 16-byte prefix of SPOG (s p) and of POSG (p o).
  absl::flat_hash_map<std::string, PairChange> subject_pairs;
  absl::flat_hash_map<std::string, PairChange> object_pairs;
  KeySet erased_spog;
  KeySet erased_posg;
  for (const IdQuad& q : inserts) {
    ++deltas[q.predicate].quads;
    PairChange& sp = subject_pairs[PairKey(q.subject, q.predicate)];
    sp.predicate = q.predicate;
    sp.inserted = true;
    PairChange& po = object_pairs[PairKey(q.predicate, q.object)];
    po.predicate = q.predicate;
    po.inserted = true;
  }
  for (const IdQuad& q : erases) {
    --deltas[q.predicate].quads;
    PairChange& sp = subject_pairs[PairKey(q.subject, q.predicate)];
    sp.predicate = q.predicate;
    sp.erased = true;
    PairChange& po = object_pairs[PairKey(q.predicate, q.object)];
    po.predicate = q.predicate;
    po.erased = true;
    erased_spog.insert(EncodeQuadKey(Order::kSpog, q));
    erased_posg.insert(EncodeQuadKey(Order::kPosg, q));
  }

  // +1 when the pair appears, -1 when it disappears.
  auto pair_delta = [&](Order order, const std::string& prefix, const PairChange& pair,
                        const KeySet& erased, TermId first, TermId second) -> absl::StatusOr<int> {
    if (!pair.erased) {
      // Only inserts: present afterwards; present before iff stored.
      if (is_new(first) || is_new(second)) return 1;
      PARLEY_ASSIGN_OR_RETURN(Presence presence,
                              Probe(kv, KeyspaceOf(order), snapshot, prefix, nullptr));
      return presence.any ? 0 : 1;
    }
    // An erased quad has the pair, so it was present before.
    if (pair.inserted) return 0;
    PARLEY_ASSIGN_OR_RETURN(Presence presence,
                            Probe(kv, KeyspaceOf(order), snapshot, prefix, &erased));
    return presence.outside_excluded ? 0 : -1;
  };

  for (const auto& [prefix, pair] : subject_pairs) {
    PARLEY_ASSIGN_OR_RETURN(int delta, pair_delta(Order::kSpog, prefix, pair, erased_spog,
                                                  ReadBigEndian64(prefix.data()), pair.predicate));
    deltas[pair.predicate].subjects += delta;
  }
  for (const auto& [prefix, pair] : object_pairs) {
    PARLEY_ASSIGN_OR_RETURN(int delta,
                            pair_delta(Order::kPosg, prefix, pair, erased_posg, pair.predicate,
                                       ReadBigEndian64(prefix.data() + 8)));
    deltas[pair.predicate].objects += delta;
  }

  for (const auto& [predicate, delta] : deltas) {
    PARLEY_ASSIGN_OR_RETURN(std::optional<PredicateCounts> stored,
                            ReadPredicateCounts(kv, snapshot.get(), predicate));
    PredicateCounts counts = stored.value_or(PredicateCounts());
    PARLEY_ASSIGN_OR_RETURN(counts.quads, Apply(counts.quads, delta.quads, predicate, "quads"));
    PARLEY_ASSIGN_OR_RETURN(counts.distinct_subjects,
                            Apply(counts.distinct_subjects, delta.subjects, predicate, "subjects"));
    PARLEY_ASSIGN_OR_RETURN(counts.distinct_objects,
                            Apply(counts.distinct_objects, delta.objects, predicate, "objects"));
    if ((counts.quads == 0) != (counts.distinct_subjects == 0) ||
        (counts.quads == 0) != (counts.distinct_objects == 0)) {
      return absl::DataLossError(
          absl::StrCat("statistics of predicate ", predicate, " disagree with the indexes"));
    }
    change.predicates.push_back({predicate, counts});
  }
  std::sort(
      change.predicates.begin(), change.predicates.end(),
      [](const PredicateEntry& a, const PredicateEntry& b) { return a.predicate < b.predicate; });
  return change;
}

void AddStatisticsChange(const StatisticsChange& change, KvWriteBatch* batch) {
  for (const PredicateEntry& entry : change.predicates) {
    PutCounts(entry.predicate, entry.counts, batch);
  }
  batch->Put(kMeta, kMetaQuadCount, BigEndian64(change.quads));
}

absl::StatusOr<IdStatistics> ComputeStatistics(const KvStore& kv,
                                               std::shared_ptr<const KvSnapshot> snapshot) {
  // Equal (s, p) keys are adjacent in SPOG and equal (p, o) keys in POSG, so
  // a distinct pair is a change of the 16-byte prefix between neighbours.
  std::map<TermId, PredicateCounts> counts;
  IdStatistics statistics;
  auto count_pairs = [&](Order order, bool subjects) -> absl::Status {
    auto it = kv.NewIterator(KeyspaceOf(order), snapshot);
    std::string previous;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const std::string_view key = it->key();
      if (key.size() != kQuadKeySize) return absl::DataLossError("corrupt index key");
      const IdQuad q = DecodeQuadKey(order, key);
      const bool new_pair = previous.empty() || key.substr(0, 16) != previous;
      if (new_pair) previous.assign(key.substr(0, 16));
      PredicateCounts& c = counts[q.predicate];
      if (subjects) {
        c.distinct_subjects += new_pair ? 1 : 0;
      } else {
        c.distinct_objects += new_pair ? 1 : 0;
        ++c.quads;
        ++statistics.quads;
      }
    }
    return it->status();
  };
  PARLEY_RETURN_IF_ERROR(count_pairs(Order::kSpog, /*subjects=*/true));
  PARLEY_RETURN_IF_ERROR(count_pairs(Order::kPosg, /*subjects=*/false));
  for (const auto& [predicate, c] : counts) statistics.predicates.push_back({predicate, c});
  return statistics;
}

}  // namespace parley::engine
