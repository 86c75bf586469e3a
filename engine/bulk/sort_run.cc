#include "engine/bulk/sort_run.h"

#include <algorithm>
#include <bit>
#include <optional>
#include <thread>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "engine/bulk/spill_file.h"
#include "engine/kv/keyspaces.h"
#include "engine/layout/term_id.h"
#include "engine/status_macros.h"

namespace parley::engine {
namespace {

__extension__ typedef unsigned __int128 U128;

// Beyond this many distinct values of the word an order is re-bucketed by
// (graphs for GSPO, predicates for PSOG and POSG) in a run, the order is
// sorted instead: the bucket index would stop fitting in cache.
constexpr size_t kMaxBuckets = size_t{1} << 16;
constexpr size_t kFilterChunk = 4096;

// An order made from another by a stable counting sort on one word of the
// keys (SPOG layout: 0 = s, 1 = p, 2 = o, 3 = g).
struct Rebucketed {
  Order order;
  int word;
};
// The orders made from the SPOG-sorted run, by RunSorter::from_spog_ index.
constexpr std::array<Rebucketed, 2> kFromSpog = {{{Order::kGspo, 3}, {Order::kPsog, 1}}};
// The one made from the OSPG-sorted half.
constexpr Rebucketed kFromOspg = {Order::kPosg, 1};

template <int A, int B, int C, int D>
struct OrderLess {
  bool operator()(const Key4& x, const Key4& y) const {
    if (x.w[A] != y.w[A]) return x.w[A] < y.w[A];
    if (x.w[B] != y.w[B]) return x.w[B] < y.w[B];
    if (x.w[C] != y.w[C]) return x.w[C] < y.w[C];
    return x.w[D] < y.w[D];
  }
};

}  // namespace

bool IsSortedIn(const Key4* keys, size_t n, Order order) {
  switch (order) {
    case Order::kSpog:
      return std::is_sorted(keys, keys + n, OrderLess<0, 1, 2, 3>());
    case Order::kPosg:
      return std::is_sorted(keys, keys + n, OrderLess<1, 2, 0, 3>());
    case Order::kOspg:
      return std::is_sorted(keys, keys + n, OrderLess<2, 0, 1, 3>());
    case Order::kGspo:
      return std::is_sorted(keys, keys + n, OrderLess<3, 0, 1, 2>());
    case Order::kPsog:
      return std::is_sorted(keys, keys + n, OrderLess<1, 0, 2, 3>());
  }
  return false;
}

namespace {

void ComparisonSort(Key4* keys, size_t n, Order order) {
  switch (order) {
    case Order::kSpog:
      std::sort(keys, keys + n, OrderLess<0, 1, 2, 3>());
      return;
    case Order::kPosg:
      std::sort(keys, keys + n, OrderLess<1, 2, 0, 3>());
      return;
    case Order::kOspg:
      std::sort(keys, keys + n, OrderLess<2, 0, 1, 3>());
      return;
    case Order::kGspo:
      std::sort(keys, keys + n, OrderLess<3, 0, 1, 2>());
      return;
    case Order::kPsog:
      std::sort(keys, keys + n, OrderLess<1, 0, 2, 3>());
      return;
  }
}

// Packs each key into 128 bits: for the positions in key order, the id minus
// the run's minimum at that position, in as many bits as the run's range
// there needs. Concatenating order-preserving fields preserves the order,
// and unpacking restores the ids exactly. False when the fields need more
// than 128 bits.
bool PackedSort(Key4* keys, size_t n, Order order, std::vector<U128>* packed) {
  const std::array<int, 4>& pos = KeyPositions(order);
  uint64_t lo[4], hi[4];
  for (int i = 0; i < 4; ++i) lo[i] = hi[i] = keys[0].w[i];
  for (size_t k = 1; k < n; ++k) {
    for (int i = 0; i < 4; ++i) {
      lo[i] = std::min(lo[i], keys[k].w[i]);
      hi[i] = std::max(hi[i], keys[k].w[i]);
    }
  }
  int width[4];
  int total = 0;
  for (int i = 0; i < 4; ++i) {
    width[i] = std::bit_width(hi[pos[i]] - lo[pos[i]]);
    total += width[i];
  }
  if (total > 128) return false;
  packed->resize(n);
  U128* out = packed->data();
  for (size_t k = 0; k < n; ++k) {
    U128 v = 0;
    for (int i = 0; i < 4; ++i) v = (v << width[i]) | (keys[k].w[pos[i]] - lo[pos[i]]);
    out[k] = v;
  }
  std::sort(out, out + n);
  for (size_t k = 0; k < n; ++k) {
    U128 v = out[k];
    for (int i = 3; i >= 0; --i) {
      const uint64_t mask = width[i] == 64 ? ~uint64_t{0} : (uint64_t{1} << width[i]) - 1;
      keys[k].w[pos[i]] = (static_cast<uint64_t>(v) & mask) + lo[pos[i]];
      v >>= width[i];
    }
  }
  return true;
}

bool IsNew(TermId id, TermId first_new_id) {
  return TagOf(id) == IdTag::kDictionary && id >= first_new_id;
}

absl::Status DropStored(std::vector<Key4>* run, const StoredQuadFilter& filter) {
  std::vector<std::string> keys;
  std::vector<size_t> at;
  std::vector<std::optional<std::string>> values;
  std::vector<bool> stored(run->size(), false);
  bool any = false;
  auto flush = [&]() -> absl::Status {
    if (keys.empty()) return absl::OkStatus();
    PARLEY_RETURN_IF_ERROR(
        filter.kv->MultiGet(KeyspaceOf(Order::kSpog), keys, filter.snapshot, &values));
    for (size_t i = 0; i < keys.size(); ++i) {
      if (values[i].has_value()) stored[at[i]] = any = true;
    }
    keys.clear();
    at.clear();
    return absl::OkStatus();
  };
  for (size_t k = 0; k < run->size(); ++k) {
    const Key4& q = (*run)[k];
    bool candidate = true;
    for (uint64_t id : q.w) candidate = candidate && !IsNew(id, filter.first_new_id);
    if (!candidate) continue;
    std::string key(kQuadKeySize, '\0');
    WriteIndexKey(q, key.data());
    keys.push_back(std::move(key));
    at.push_back(k);
    if (keys.size() == kFilterChunk) PARLEY_RETURN_IF_ERROR(flush());
  }
  PARLEY_RETURN_IF_ERROR(flush());
  if (!any) return absl::OkStatus();
  size_t kept = 0;
  for (size_t k = 0; k < run->size(); ++k) {
    if (!stored[k]) (*run)[kept++] = (*run)[k];
  }
  run->resize(kept);
  return absl::OkStatus();
}

// Hands the sorted keys to `sink` if there is one, else writes them to the
// spill file `path`, adding its size to *bytes.
absl::Status WriteRun(const Key4* keys, size_t n, Order order, RunKeySink* sink,
                      const std::string& path, uint64_t* bytes) {
  if (sink != nullptr) return sink->TakeRun(keys, n);
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<SpillWriter> writer, SpillWriter::Create(path));
  const std::array<int, 4>& pos = KeyPositions(order);
  for (size_t k = 0; k < n; ++k) {
    const Key4& q = keys[k];
    PARLEY_RETURN_IF_ERROR(writer->Add(Key4{{q.w[pos[0]], q.w[pos[1]], q.w[pos[2]], q.w[pos[3]]}}));
  }
  PARLEY_RETURN_IF_ERROR(writer->Finish());
  *bytes += writer->bytes();
  return absl::OkStatus();
}

}  // namespace

struct RunSorter::Scratch {
  std::vector<Key4> keys;
  std::vector<Key4> bucketed;
  std::vector<U128> packed;
  std::vector<uint32_t> buckets;
  absl::flat_hash_map<uint64_t, uint32_t> index;

  // Input already in order (a dump written in index order) costs one pass.
  void Sort(Key4* data, size_t n, Order order) {
    if (n < 2 || IsSortedIn(data, n, order)) return;
    if (!PackedSort(data, n, order, &packed)) ComparisonSort(data, n, order);
  }

  // `sorted` (n keys in some order) in the order `to` that a stable
  // counting sort of them by `to.word` gives: `sorted` itself when they
  // share that word, else `bucketed`, or past kMaxBuckets distinct values a
  // sorted copy in `keys` (sorted in place when `sorted` is keys.data()).
  const Key4* Rebucket(const Key4* sorted, size_t n, const Rebucketed& to) {
    bool one_value = true;
    for (size_t k = 1; k < n && one_value; ++k) {
      one_value = sorted[k].w[to.word] == sorted[0].w[to.word];
    }
    if (one_value) return sorted;
    if (BucketSort(sorted, n, to.word)) return bucketed.data();
    if (sorted != keys.data()) keys.assign(sorted, sorted + n);
    Sort(keys.data(), n, to.order);
    return keys.data();
  }

  // A stable counting sort of `in` by word `word` into `bucketed`; false
  // (and nothing done) past kMaxBuckets distinct values.
  bool BucketSort(const Key4* in, size_t n, int word) {
    index.clear();
    buckets.resize(n);
    uint64_t last_value = 0;
    uint32_t last_bucket = 0;
    for (size_t k = 0; k < n; ++k) {
      const uint64_t v = in[k].w[word];
      if (k == 0 || v != last_value) {
        auto [it, inserted] = index.try_emplace(v, static_cast<uint32_t>(index.size()));
        if (inserted && index.size() > kMaxBuckets) return false;
        last_value = v;
        last_bucket = it->second;
      }
      buckets[k] = last_bucket;
    }
    std::vector<std::pair<uint64_t, uint32_t>> values(index.begin(), index.end());
    std::sort(values.begin(), values.end());
    std::vector<size_t> offset(values.size() + 1, 0);
    std::vector<uint32_t> rank(values.size());
    for (size_t r = 0; r < values.size(); ++r) rank[values[r].second] = static_cast<uint32_t>(r);
    for (size_t k = 0; k < n; ++k) ++offset[rank[buckets[k]] + 1];
    for (size_t r = 0; r < values.size(); ++r) offset[r + 1] += offset[r];
    bucketed.resize(n);
    for (size_t k = 0; k < n; ++k) bucketed[offset[rank[buckets[k]]]++] = in[k];
    return true;
  }
};

RunSorter::RunSorter()
    : from_spog_{std::make_unique<Scratch>(), std::make_unique<Scratch>()},
      ospg_side_(std::make_unique<Scratch>()) {}

RunSorter::~RunSorter() { Finish().IgnoreError(); }

void SortKeys(Key4* keys, size_t n, Order order) {
  if (n < 2 || IsSortedIn(keys, n, order)) return;
  std::vector<U128> packed;
  if (!PackedSort(keys, n, order, &packed)) ComparisonSort(keys, n, order);
}

absl::Status RunSorter::Finish() {
  if (half_thread_.joinable()) half_thread_.join();
  spill_bytes_ += half_bytes_;
  half_bytes_ = 0;
  return std::exchange(half_status_, absl::OkStatus());
}

absl::Status RunSorter::SortAndSpill(std::vector<Key4>* run,
                                     const std::array<std::string, kOrderCount>& paths,
                                     const StoredQuadFilter* filter, Threads threads,
                                     RunStats* stats,
                                     const std::array<RunKeySink*, kOrderCount>& sinks) {
  *stats = RunStats();
  stats->quads_in = run->size();
  from_spog_[0]->Sort(run->data(), run->size(), Order::kSpog);
  run->erase(std::unique(run->begin(), run->end()), run->end());
  stats->distinct = run->size();
  if (filter != nullptr) PARLEY_RETURN_IF_ERROR(DropStored(run, *filter));
  stats->spilled = run->size();
  const Key4* spog = run->data();
  const size_t n = run->size();

  if (threads != Threads::kOverlapped) {
    PARLEY_RETURN_IF_ERROR(Finish());
    StartHalf(spog, n, paths, sinks, threads);
  }
  std::array<absl::Status, kFromSpog.size()> derived_status;
  std::array<uint64_t, kFromSpog.size()> derived_bytes{};
  std::vector<std::thread> derived_threads;
  for (size_t i = 0; i < kFromSpog.size(); ++i) {
    auto part = [&, i] {
      derived_status[i] = SpogDerivedPart(i, spog, n, paths, sinks, &derived_bytes[i]);
    };
    if (threads == Threads::kCaller) {
      part();
    } else {
      derived_threads.emplace_back(part);
    }
  }
  uint64_t spog_bytes = 0;
  const int spog_index = static_cast<int>(Order::kSpog);
  absl::Status spog_status =
      WriteRun(spog, n, Order::kSpog, sinks[spog_index], paths[spog_index], &spog_bytes);
  for (std::thread& thread : derived_threads) thread.join();
  spill_bytes_ += spog_bytes;
  for (uint64_t bytes : derived_bytes) spill_bytes_ += bytes;
  absl::Status status = spog_status;
  for (const absl::Status& part_status : derived_status) status.Update(part_status);
  // The previous run's half is waited for even after an error here, so
  // that no thread outlives the call but the one just started.
  absl::Status half_status = Finish();
  if (threads == Threads::kOverlapped && status.ok() && half_status.ok()) {
    StartHalf(spog, n, paths, sinks, threads);
  }
  PARLEY_RETURN_IF_ERROR(status);
  return half_status;
}

absl::Status RunSorter::SpogDerivedPart(size_t i, const Key4* spog, size_t n,
                                        const std::array<std::string, kOrderCount>& paths,
                                        const std::array<RunKeySink*, kOrderCount>& sinks,
                                        uint64_t* bytes) {
  const Rebucketed& to = kFromSpog[i];
  const Key4* keys = from_spog_[i]->Rebucket(spog, n, to);
  const int index = static_cast<int>(to.order);
  return WriteRun(keys, n, to.order, sinks[index], paths[index], bytes);
}

void RunSorter::StartHalf(const Key4* spog, size_t n,
                          const std::array<std::string, kOrderCount>& paths,
                          const std::array<RunKeySink*, kOrderCount>& sinks, Threads threads) {
  ospg_side_->keys.assign(spog, spog + n);
  auto half = [this, ospg_path = paths[static_cast<int>(Order::kOspg)],
               posg_path = paths[static_cast<int>(Order::kPosg)],
               ospg_sink = sinks[static_cast<int>(Order::kOspg)],
               posg_sink = sinks[static_cast<int>(Order::kPosg)]]() mutable {
    half_status_ = SortHalf(std::move(ospg_path), std::move(posg_path), ospg_sink, posg_sink);
  };
  if (threads == Threads::kCaller) {
    half();
  } else {
    half_thread_ = std::thread(std::move(half));
  }
}

absl::Status RunSorter::SortHalf(std::string ospg_path, std::string posg_path,
                                 RunKeySink* ospg_sink, RunKeySink* posg_sink) {
  Scratch& s = *ospg_side_;
  const size_t n = s.keys.size();
  s.Sort(s.keys.data(), n, Order::kOspg);
  PARLEY_RETURN_IF_ERROR(
      WriteRun(s.keys.data(), n, Order::kOspg, ospg_sink, ospg_path, &half_bytes_));
  const Key4* posg = s.Rebucket(s.keys.data(), n, kFromOspg);
  return WriteRun(posg, n, kFromOspg.order, posg_sink, posg_path, &half_bytes_);
}

}  // namespace parley::engine
