#include "engine/access/kv_storage_reader.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/graph_set.h"
#include "engine/kv/keyspaces.h"
#include "engine/layout/key_layout.h"
#include "engine/layout/term_codec.h"
#include "engine/layout/term_id.h"
#include "engine/quad_scan.h"
#include "engine/status_macros.h"
#include "engine/values/inline_value.h"

namespace parley::engine {
namespace {

// How often a scan that filters many keys away checks its limits.
constexpr int kKeysBetweenLimitChecks = 4096;

// Estimate counts a range exactly when it holds at most this many keys: a
// few hundred Next() calls stay well under a millisecond.
constexpr int kExactEstimateKeys = 256;

// The key range [lower, upper) that holds every row of `scan`: its leading
// constants, then the first non-constant position's range. Empty upper:
// to the end of the keyspace.
void KeyRange(const IdScan& scan, std::string* lower, std::string* upper) {
  const int constants = ConstantPrefix(scan);
  std::string prefix;
  for (int i = 0; i < constants; ++i) {
    AppendBigEndian64(scan.ranges[KeyPositions(scan.order)[i]].lo, &prefix);
  }
  if (constants == 4) {
    PrefixRange(std::move(prefix), lower, upper);
    return;
  }
  const IdRange& next = scan.ranges[KeyPositions(scan.order)[constants]];
  if (next.hi == kAnyId) {
    PrefixRange(prefix, lower, upper);
  } else {
    *upper = prefix;
    AppendBigEndian64(next.hi, upper);
  }
  *lower = std::move(prefix);
  if (next.lo > 0) AppendBigEndian64(next.lo, lower);
}

class KvQuadCursor final : public QuadCursor {
 public:
  KvQuadCursor(std::unique_ptr<KvIterator> it, const IdScan& scan, const ScanLimits& limits)
      : it_(std::move(it)), scan_(scan), limits_(limits) {
    it_->SeekToFirst();
  }

  absl::StatusOr<size_t> NextBatch(std::span<IdQuad> out) override {
    PARLEY_RETURN_IF_ERROR(limits_.Check());
    size_t filled = 0;
    int skipped = 0;
    for (; filled < out.size() && it_->Valid(); it_->Next()) {
      const std::string_view key = it_->key();
      if (key.size() != kQuadKeySize) {
        return absl::DataLossError(absl::StrCat("index ", std::string(FamilyName(scan_.order)),
                                                " holds a key of ", key.size(), " bytes"));
      }
      const IdQuad quad = DecodeQuadKey(scan_.order, key);
      if (scan_.Matches(quad)) {
        out[filled++] = quad;
      } else if (++skipped == kKeysBetweenLimitChecks) {
        skipped = 0;
        PARLEY_RETURN_IF_ERROR(limits_.Check());
      }
    }
    PARLEY_RETURN_IF_ERROR(it_->status());
    return filled;
  }

  void Seek(const IdQuad& target) override {
    char key[kQuadKeySize];
    EncodeQuadKey(scan_.order, target, key);
    it_->Seek(std::string_view(key, kQuadKeySize));
  }

 private:
  std::unique_ptr<KvIterator> it_;
  const IdScan scan_;
  const ScanLimits limits_;
};

class EmptyCursor final : public QuadCursor {
 public:
  absl::StatusOr<size_t> NextBatch(std::span<IdQuad>) override { return 0; }
  void Seek(const IdQuad&) override {}
};

std::string IdKey(TermId id) {
  std::string key;
  AppendBigEndian64(id, &key);
  return key;
}

}  // namespace

absl::StatusOr<std::unique_ptr<QuadCursor>> KvStorageReader::Open(const IdScan& scan,
                                                                  const ScanLimits& limits) const {
  if (scan.Empty()) return std::make_unique<EmptyCursor>();
  std::string lower, upper;
  KeyRange(scan, &lower, &upper);
  auto it = kv_->NewIterator(KeyspaceOf(scan.order), snapshot_, lower, upper);
  return std::make_unique<KvQuadCursor>(std::move(it), scan, limits);
}

absl::StatusOr<uint64_t> KvStorageReader::Estimate(const IdScan& scan) const {
  if (scan.Empty()) return 0;
  std::string lower, upper;
  KeyRange(scan, &lower, &upper);
  auto it = kv_->NewIterator(KeyspaceOf(scan.order), snapshot_, lower, upper);
  uint64_t matching = 0;
  int keys = 0;
  for (it->SeekToFirst(); it->Valid() && keys < kExactEstimateKeys; it->Next(), ++keys) {
    if (it->key().size() == kQuadKeySize && scan.Matches(DecodeQuadKey(scan.order, it->key()))) {
      ++matching;
    }
  }
  PARLEY_RETURN_IF_ERROR(it->status());
  if (!it->Valid()) return matching;  // the whole range was counted

  // A large range: its share of the keyspace's bytes, in quads, scaled by
  // the share of the sample that matched the residual positions.
  PARLEY_ASSIGN_OR_RETURN(uint64_t quads, ReadQuadCount(*kv_, snapshot_.get()));
  PARLEY_ASSIGN_OR_RETURN(uint64_t range_bytes,
                          kv_->ApproximateBytes(KeyspaceOf(scan.order), lower, upper));
  PARLEY_ASSIGN_OR_RETURN(uint64_t all_bytes,
                          kv_->ApproximateBytes(KeyspaceOf(scan.order), {}, {}));
  uint64_t in_range = all_bytes == 0 ? quads
                                     : static_cast<uint64_t>(static_cast<double>(quads) *
                                                             static_cast<double>(range_bytes) /
                                                             static_cast<double>(all_bytes));
  in_range = std::clamp<uint64_t>(in_range, kExactEstimateKeys, std::max<uint64_t>(quads, 1));
  const double matched_share = static_cast<double>(matching) / kExactEstimateKeys;
  return std::max<uint64_t>(
      1, static_cast<uint64_t>(static_cast<double>(in_range) * std::max(matched_share, 0.01)));
}

absl::Status KvStorageReader::DecodeMany(std::span<const TermId> ids,
                                         std::vector<Term>* terms) const {
  terms->assign(ids.size(), Term());
  std::vector<std::string> keys;
  std::vector<size_t> slots;
  for (size_t i = 0; i < ids.size(); ++i) {
    const TermId id = ids[i];
    if (id == kDefaultGraphId) continue;
    if (IsInline(id)) {
      PARLEY_ASSIGN_OR_RETURN((*terms)[i], DecodeInline(id));
    } else if (TagOf(id) == IdTag::kDictionary) {
      keys.push_back(IdKey(id));
      slots.push_back(i);
    } else {
      return absl::NotFoundError(absl::StrCat("no term has id ", id));
    }
  }
  if (keys.empty()) return absl::OkStatus();
  std::vector<std::optional<std::string>> values;
  PARLEY_RETURN_IF_ERROR(
      kv_->MultiGet(KeyspaceOf(Family::kId2Term), keys, snapshot_.get(), &values));
  for (size_t k = 0; k < keys.size(); ++k) {
    if (!values[k].has_value()) {
      return absl::NotFoundError(absl::StrCat("no term has id ", ids[slots[k]]));
    }
    PARLEY_ASSIGN_OR_RETURN((*terms)[slots[k]], DecodeTermKey(*values[k]));
  }
  return absl::OkStatus();
}

absl::Status KvStorageReader::LookupMany(std::span<const Term> terms,
                                         std::vector<std::optional<TermId>>* ids) const {
  ids->assign(terms.size(), std::nullopt);
  std::vector<std::string> keys;
  std::vector<size_t> slots;
  for (size_t i = 0; i < terms.size(); ++i) {
    const Term& term = terms[i];
    if (term.is_default_graph()) {
      (*ids)[i] = kDefaultGraphId;
      continue;
    }
    if (term.is_literal()) {
      if (std::optional<TermId> id = TryEncodeInline(term.value(), term.datatype())) {
        (*ids)[i] = id;
        continue;
      }
    }
    keys.push_back(EncodeTermKey(term));
    slots.push_back(i);
  }
  if (keys.empty()) return absl::OkStatus();
  std::vector<std::optional<std::string>> values;
  PARLEY_RETURN_IF_ERROR(
      kv_->MultiGet(KeyspaceOf(Family::kTerm2Id), keys, snapshot_.get(), &values));
  for (size_t k = 0; k < keys.size(); ++k) {
    if (!values[k].has_value()) continue;
    if (values[k]->size() != 8) return absl::DataLossError("corrupt term2id entry");
    (*ids)[slots[k]] = ReadBigEndian64(values[k]->data());
  }
  return absl::OkStatus();
}

absl::Status KvStorageReader::ContainsMany(std::span<const IdQuad> quads,
                                           std::vector<bool>* found) const {
  std::vector<std::string> keys;
  keys.reserve(quads.size());
  for (const IdQuad& quad : quads) keys.push_back(EncodeQuadKey(Order::kSpog, quad));
  std::vector<std::optional<std::string>> values;
  PARLEY_RETURN_IF_ERROR(kv_->MultiGet(KeyspaceOf(Order::kSpog), keys, snapshot_.get(), &values));
  found->assign(quads.size(), false);
  for (size_t i = 0; i < quads.size(); ++i) (*found)[i] = values[i].has_value();
  return absl::OkStatus();
}

absl::StatusOr<std::vector<TermId>> KvStorageReader::NamedGraphs() const {
  PARLEY_ASSIGN_OR_RETURN(std::vector<GraphEntry> entries, ReadGraphs(*kv_, snapshot_));
  std::vector<TermId> graphs;
  graphs.reserve(entries.size());
  for (const GraphEntry& entry : entries) graphs.push_back(entry.graph);
  return graphs;
}

absl::StatusOr<IdStatistics> KvStorageReader::GetStatistics() const {
  return ReadStatistics(*kv_, snapshot_);
}

}  // namespace parley::engine
