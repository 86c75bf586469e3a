#include "engine/bulk/bulk_eraser.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "absl/container/btree_map.h"
#include "absl/strings/str_cat.h"
#include "engine/bulk/bulk_scratch.h"
#include "engine/bulk/spill_file.h"
#include "engine/bulk/spill_merge.h"
#include "engine/graph_set.h"
#include "engine/kv/keyspaces.h"
#include "engine/layout/big_endian.h"
#include "engine/layout/sort_key.h"
#include "engine/statistics.h"
#include "engine/status_macros.h"

namespace parley::engine {
namespace {

constexpr uint64_t kMinBudget = uint64_t{1} << 20;
constexpr size_t kMaxFanIn = 64;
constexpr size_t kMergeBufferBytes = size_t{1} << 20;
constexpr uint64_t kProgressEvery = uint64_t{1} << 20;
constexpr uint64_t kCancelEvery = uint64_t{1} << 16;

// The permutations whose files Commit's second phase writes (SPOG's is
// written while the stored quads are found).
constexpr std::array<Order, 4> kOtherOrders = {Order::kPosg, Order::kOspg, Order::kGspo,
                                               Order::kPsog};

Key4 FromIndexKey(std::string_view key) {
  Key4 k;
  for (int i = 0; i < 4; ++i) k.w[i] = ReadBigEndian64(key.data() + 8 * i);
  return k;
}

// Walks one permutation's stored keys beside a strictly increasing stream of
// keys to erase, in that permutation's word order. For each key it says
// whether it is stored; for each pair of leading words (w0, w1) it decides
// whether a stored key of the pair is left once the erase is done, and
// counts the pairs that lose every key by the pair's word `counted_word`
// (the predicate: 1 in SPOG, 0 in POSG).
class PairWalk {
 public:
  PairWalk(const KvStore& kv, std::shared_ptr<const KvSnapshot> snapshot, Order order,
           int counted_word, absl::flat_hash_map<TermId, uint64_t>* lost_pairs)
      : iterator_(kv.NewIterator(KeyspaceOf(order), std::move(snapshot))),
        counted_word_(counted_word),
        lost_pairs_(lost_pairs) {}

  absl::StatusOr<bool> Visit(const Key4& key) {
    if (!open_ || key.w[0] != pair_.w[0] || key.w[1] != pair_.w[1]) {
      ClosePair();
      open_ = true;
      pair_ = Key4{{key.w[0], key.w[1], 0, 0}};
      erased_in_pair_ = 0;
      survivor_ = false;
      if (!valid_ || current_ < pair_) Seek(pair_);
    }
    if (valid_ && current_ < key) {
      // Stored keys of the pair before `key` are not erased: they survive.
      if (InPair(current_)) survivor_ = true;
      Seek(key);
    }
    PARLEY_RETURN_IF_ERROR(iterator_->status());
    if (!valid_ || !(current_ == key)) return false;
    ++erased_in_pair_;
    Step();
    PARLEY_RETURN_IF_ERROR(iterator_->status());
    return true;
  }

  // Closes the last pair. Call once, after the last Visit.
  absl::Status Finish() {
    ClosePair();
    return iterator_->status();
  }

 private:
  bool InPair(const Key4& k) const { return k.w[0] == pair_.w[0] && k.w[1] == pair_.w[1]; }

  void ClosePair() {
    if (!open_) return;
    open_ = false;
    if (erased_in_pair_ == 0 || survivor_ || (valid_ && InPair(current_))) return;
    ++(*lost_pairs_)[pair_.w[counted_word_]];
  }

  void Seek(const Key4& target) {
    char key[kQuadKeySize];
    WriteIndexKey(target, key);
    iterator_->Seek(std::string_view(key, kQuadKeySize));
    Load();
  }
  void Step() {
    iterator_->Next();
    Load();
  }
  void Load() {
    valid_ = iterator_->Valid();
    if (valid_) current_ = FromIndexKey(iterator_->key());
  }

  std::unique_ptr<KvIterator> iterator_;
  const int counted_word_;
  absl::flat_hash_map<TermId, uint64_t>* const lost_pairs_;
  bool valid_ = false;
  Key4 current_{};
  bool open_ = false;
  Key4 pair_{};
  uint64_t erased_in_pair_ = 0;
  bool survivor_ = false;
};

}  // namespace

class BulkEraser::Impl {
 public:
  Impl(KvStore& kv, std::shared_ptr<const KvSnapshot> snapshot, BulkEraseOptions options,
       std::unique_ptr<ScratchDir> scratch)
      : kv_(kv),
        snapshot_(std::move(snapshot)),
        options_(std::move(options)),
        scratch_(std::move(scratch)),
        run_capacity_(std::max(options_.memory_budget_bytes, kMinBudget) / (2 * sizeof(Key4))) {
    buffer_.reserve(run_capacity_);
  }

  absl::Status Erase(const IdQuad& quad) {
    if (!status_.ok()) return status_;
    if (committed_) return absl::FailedPreconditionError("the bulk erase has finished");
    buffer_.push_back(Key4{{quad.subject, quad.predicate, quad.object, quad.graph}});
    ++handed_in_;
    if (handed_in_ % kCancelEvery == 0) status_ = CheckCancelled();
    if (status_.ok() && handed_in_ % kProgressEvery == 0) {
      Progress(BulkErasePhase::kCollect, handed_in_);
    }
    if (status_.ok() && buffer_.size() >= run_capacity_) status_ = SpillErased();
    return status_;
  }

  absl::StatusOr<uint64_t> Commit() {
    if (!status_.ok()) return status_;
    if (committed_) return absl::FailedPreconditionError("the bulk erase has finished");
    committed_ = true;
    status_ = CommitFiles();
    if (!status_.ok()) return status_;
    return erased_;
  }

 private:
  absl::Status CheckCancelled() const {
    if (options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed)) {
      return absl::CancelledError("the erase was cancelled; nothing was changed");
    }
    return absl::OkStatus();
  }

  void Progress(BulkErasePhase phase, uint64_t quads) const {
    if (options_.progress) options_.progress(phase, quads);
  }

  // The buffer, sorted in `order` (the buffer holds SPOG keys), as one more
  // run of that order.
  absl::Status SpillRun(const std::vector<Key4>& spog, Order order,
                        std::vector<std::string>* runs) {
    sort_buffer_.resize(spog.size());
    for (size_t i = 0; i < spog.size(); ++i) sort_buffer_[i] = PermuteKey(spog[i], order);
    std::sort(sort_buffer_.begin(), sort_buffer_.end());
    const std::string path =
        scratch_->File(absl::StrCat("erase-", runs->size(), ".", std::string(FamilyName(order))));
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<SpillWriter> writer, SpillWriter::Create(path));
    for (size_t i = 0; i < sort_buffer_.size(); ++i) {
      if (i > 0 && sort_buffer_[i] == sort_buffer_[i - 1]) continue;
      PARLEY_RETURN_IF_ERROR(writer->Add(sort_buffer_[i]));
    }
    PARLEY_RETURN_IF_ERROR(writer->Finish());
    runs->push_back(path);
    return absl::OkStatus();
  }

  // The quads handed in, as a run.
  absl::Status SpillErased() {
    if (buffer_.empty()) return absl::OkStatus();
    PARLEY_RETURN_IF_ERROR(SpillRun(buffer_, Order::kSpog, &handed_in_runs_));
    buffer_.clear();
    return absl::OkStatus();
  }

  // The stored quads found so far, as a run of each other permutation.
  absl::Status SpillStored() {
    if (buffer_.empty()) return absl::OkStatus();
    for (Order order : kOtherOrders) {
      PARLEY_RETURN_IF_ERROR(SpillRun(buffer_, order, &stored_runs_[static_cast<int>(order)]));
    }
    buffer_.clear();
    return absl::OkStatus();
  }

  absl::StatusOr<std::unique_ptr<SpillMerger>> Merge(std::vector<std::string> paths,
                                                     std::string_view name) {
    int merges = 0;
    PARLEY_RETURN_IF_ERROR(ReduceSpillFiles(&paths, kMaxFanIn, kMergeBufferBytes, [&] {
      return scratch_->File(absl::StrCat(std::string(name), "-merge-", merges++));
    }));
    return SpillMerger::Open(paths, kMergeBufferBytes);
  }

  absl::StatusOr<std::unique_ptr<KvSstWriter>> NewSst(Keyspace keyspace, std::string_view name) {
    return kv_.NewSstWriter(keyspace, scratch_->File(absl::StrCat(std::string(name), ".sst")));
  }

  // Finishes `writer` and lists its file for the ingest (unless empty).
  absl::Status AddFile(KvSstWriter& writer, Keyspace keyspace) {
    PARLEY_ASSIGN_OR_RETURN(uint64_t entries, writer.Finish());
    if (entries > 0) files_.push_back(KvIngestFiles{keyspace, {writer.path()}});
    return absl::OkStatus();
  }

  absl::Status CommitFiles() {
    Progress(BulkErasePhase::kSort, handed_in_);
    PARLEY_RETURN_IF_ERROR(SpillErased());
    buffer_.shrink_to_fit();
    buffer_.reserve(run_capacity_);
    PARLEY_RETURN_IF_ERROR(FindStored());
    PARLEY_RETURN_IF_ERROR(CheckCancelled());
    if (erased_ == 0) return absl::OkStatus();

    Progress(BulkErasePhase::kWrite, erased_);
    for (Order order : kOtherOrders) PARLEY_RETURN_IF_ERROR(WritePermutation(order));
    PARLEY_RETURN_IF_ERROR(WriteStatistics());
    PARLEY_RETURN_IF_ERROR(WriteGraphs());
    PARLEY_RETURN_IF_ERROR(WriteQuadCount());

    Progress(BulkErasePhase::kIngest, erased_);
    PARLEY_RETURN_IF_ERROR(CheckCancelled());
    return kv_.IngestAtomically(files_);
  }

  // The merged runs of handed-in quads against SPOG: tombstones for the
  // stored ones, their counts per predicate and graph, lost subjects, and
  // the runs of the other permutations.
  absl::Status FindStored() {
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<SpillMerger> merger, Merge(handed_in_runs_, "spog"));
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<KvSstWriter> writer,
                            NewSst(KeyspaceOf(Order::kSpog), "spog"));
    PairWalk walk(kv_, snapshot_, Order::kSpog, /*counted_word=*/1, &lost_subjects_);
    char key[kQuadKeySize];
    Key4 k;
    uint64_t seen = 0;
    while (merger->Next(&k)) {
      if (++seen % kCancelEvery == 0) PARLEY_RETURN_IF_ERROR(CheckCancelled());
      PARLEY_ASSIGN_OR_RETURN(bool stored, walk.Visit(k));
      if (!stored) continue;
      WriteIndexKey(k, key);
      PARLEY_RETURN_IF_ERROR(writer->Delete(std::string_view(key, kQuadKeySize)));
      ++erased_;
      ++predicate_quads_[k.w[1]];
      if (k.w[3] != kDefaultGraphId) ++graph_quads_[k.w[3]];
      buffer_.push_back(k);
      if (buffer_.size() >= run_capacity_) PARLEY_RETURN_IF_ERROR(SpillStored());
    }
    PARLEY_RETURN_IF_ERROR(merger->status());
    PARLEY_RETURN_IF_ERROR(walk.Finish());
    PARLEY_RETURN_IF_ERROR(SpillStored());
    return AddFile(*writer, KeyspaceOf(Order::kSpog));
  }

  absl::Status WritePermutation(Order order) {
    const std::string name(FamilyName(order));
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<SpillMerger> merger,
                            Merge(stored_runs_[static_cast<int>(order)], name));
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<KvSstWriter> writer, NewSst(KeyspaceOf(order), name));
    std::optional<PairWalk> walk;
    if (order == Order::kPosg) {
      walk.emplace(kv_, snapshot_, order, /*counted_word=*/0, &lost_objects_);
    }
    char key[kQuadKeySize];
    Key4 k;
    while (merger->Next(&k)) {
      if (walk.has_value()) {
        PARLEY_ASSIGN_OR_RETURN(bool stored, walk->Visit(k));
        if (!stored) return absl::DataLossError("POSG lacks a quad that SPOG holds");
      }
      WriteIndexKey(k, key);
      PARLEY_RETURN_IF_ERROR(writer->Delete(std::string_view(key, kQuadKeySize)));
    }
    PARLEY_RETURN_IF_ERROR(merger->status());
    if (walk.has_value()) PARLEY_RETURN_IF_ERROR(walk->Finish());
    return AddFile(*writer, KeyspaceOf(order));
  }

  absl::Status WriteStatistics() {
    absl::btree_map<TermId, uint64_t> by_id(predicate_quads_.begin(), predicate_quads_.end());
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<KvSstWriter> writer,
                            NewSst(KeyspaceOf(Family::kStats), "stats"));
    for (const auto& [predicate, erased] : by_id) {
      PARLEY_ASSIGN_OR_RETURN(std::optional<PredicateCounts> stored,
                              ReadPredicateCounts(kv_, snapshot_.get(), predicate));
      const uint64_t subjects = lost_subjects_[predicate];
      const uint64_t objects = lost_objects_[predicate];
      if (!stored.has_value() || stored->quads < erased || stored->distinct_subjects < subjects ||
          stored->distinct_objects < objects) {
        return absl::DataLossError(
            absl::StrCat("the statistics of predicate id ", predicate,
                         " count fewer quads, subjects or objects than the index holds"));
      }
      const std::string key = BigEndian64(predicate);
      if (stored->quads == erased) {
        PARLEY_RETURN_IF_ERROR(writer->Delete(key));
        continue;
      }
      PredicateCounts counts = *stored;
      counts.quads -= erased;
      counts.distinct_subjects -= subjects;
      counts.distinct_objects -= objects;
      PARLEY_RETURN_IF_ERROR(writer->Put(key, EncodePredicateCounts(counts)));
    }
    return AddFile(*writer, KeyspaceOf(Family::kStats));
  }

  absl::Status WriteGraphs() {
    if (graph_quads_.empty()) return absl::OkStatus();
    absl::btree_map<TermId, uint64_t> by_id(graph_quads_.begin(), graph_quads_.end());
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<KvSstWriter> writer,
                            NewSst(KeyspaceOf(Family::kGraphs), "graphs"));
    for (const auto& [graph, erased] : by_id) {
      PARLEY_ASSIGN_OR_RETURN(std::optional<uint64_t> stored,
                              ReadGraphQuads(kv_, snapshot_.get(), graph));
      if (!stored.has_value() || *stored < erased) {
        return absl::DataLossError(absl::StrCat("the graph set counts fewer quads in graph id ",
                                                graph, " than the index holds"));
      }
      PARLEY_RETURN_IF_ERROR(writer->Put(BigEndian64(graph), EncodeGraphQuads(*stored - erased)));
    }
    return AddFile(*writer, KeyspaceOf(Family::kGraphs));
  }

  absl::Status WriteQuadCount() {
    PARLEY_ASSIGN_OR_RETURN(uint64_t stored, ReadQuadCount(kv_, snapshot_.get()));
    if (stored < erased_) {
      return absl::DataLossError("the quad count is lower than the quads the index holds");
    }
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<KvSstWriter> writer,
                            NewSst(KeyspaceOf(Family::kDefault), "meta"));
    PARLEY_RETURN_IF_ERROR(writer->Put(kMetaQuadCount, BigEndian64(stored - erased_)));
    return AddFile(*writer, KeyspaceOf(Family::kDefault));
  }

  KvStore& kv_;
  const std::shared_ptr<const KvSnapshot> snapshot_;
  const BulkEraseOptions options_;
  const std::unique_ptr<ScratchDir> scratch_;
  const size_t run_capacity_;  // keys per run buffer

  absl::Status status_;
  bool committed_ = false;
  uint64_t handed_in_ = 0;
  uint64_t erased_ = 0;
  std::vector<Key4> buffer_;       // SPOG keys: handed in, then (Commit) stored
  std::vector<Key4> sort_buffer_;  // a run in its own order
  std::vector<std::string> handed_in_runs_;
  std::array<std::vector<std::string>, kOrderCount> stored_runs_;  // by Order
  absl::flat_hash_map<TermId, uint64_t> predicate_quads_;
  absl::flat_hash_map<TermId, uint64_t> graph_quads_;
  absl::flat_hash_map<TermId, uint64_t> lost_subjects_;  // by predicate
  absl::flat_hash_map<TermId, uint64_t> lost_objects_;   // by predicate
  std::vector<KvIngestFiles> files_;
};

absl::StatusOr<std::unique_ptr<BulkEraser>> BulkEraser::Begin(
    KvStore& kv, std::shared_ptr<const KvSnapshot> snapshot, BulkEraseOptions options) {
  if (options.db_path.empty()) {
    return absl::InvalidArgumentError("a bulk erase needs the database's directory");
  }
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<ScratchDir> scratch,
                          ScratchDir::Create(options.db_path, RandomNonce()));
  return std::unique_ptr<BulkEraser>(new BulkEraser(
      std::make_unique<Impl>(kv, std::move(snapshot), std::move(options), std::move(scratch))));
}

BulkEraser::BulkEraser(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BulkEraser::~BulkEraser() = default;

absl::Status BulkEraser::Erase(const IdQuad& quad) { return impl_->Erase(quad); }
absl::StatusOr<uint64_t> BulkEraser::Commit() { return impl_->Commit(); }

}  // namespace parley::engine
