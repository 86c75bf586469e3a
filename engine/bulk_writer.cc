#include "engine/bulk_writer.h"

#include <atomic>
#include <functional>
#include <optional>
#include <queue>
#include <thread>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "engine/key_layout.h"
#include "engine/keyspaces.h"
#include "engine/sort_key.h"
#include "engine/spill_merge.h"
#include "engine/statistics.h"
#include "engine/status_macros.h"
#include "engine/term_id.h"

namespace parley::engine {
namespace {

// Spill files merged at once; more runs are first merged in groups.
constexpr size_t kMaxFanIn = 64;

std::string BigEndian(uint64_t value) {
  std::string out;
  AppendBigEndian64(value, &out);
  return out;
}

bool IsNew(TermId id, TermId first_new_id) {
  return TagOf(id) == IdTag::kDictionary && id >= first_new_id;
}

// Whether the store holds a key starting with a given 16-byte prefix, for
// prefixes asked in increasing order. Only ever seeks, so the iterator sits
// on the first key >= the last prefix asked; a later prefix at or below that
// key needs no seek.
class PrefixProbe {
 public:
  PrefixProbe(const KvStore& kv, Order order, std::shared_ptr<const KvSnapshot> snapshot)
      : it_(kv.NewIterator(KeyspaceOf(order), std::move(snapshot))) {}

  absl::StatusOr<bool> Has(std::string_view prefix) {
    if (!positioned_ || (it_->Valid() && it_->key() < prefix)) {
      it_->Seek(prefix);
      positioned_ = true;
    }
    PARLEY_RETURN_IF_ERROR(it_->status());
    return it_->Valid() && it_->key().substr(0, prefix.size()) == prefix;
  }

 private:
  std::unique_ptr<KvIterator> it_;
  bool positioned_ = false;
};

struct PredicateDelta {
  TermId predicate = 0;
  uint64_t quads = 0;
  uint64_t objects = 0;
};

class Writer {
 public:
  explicit Writer(const BulkWriteInput& input) : in_(input) {}

  absl::StatusOr<BulkWriteOutput> Run() {
    std::vector<std::function<absl::Status()>> tasks;
    for (Order order : kAllOrders) tasks.push_back([this, order] { return Permutation(order); });
    tasks.push_back([this] { return Term2Id(); });
    if (in_.id2term != nullptr) {
      tasks.push_back([this]() -> absl::Status {
        PARLEY_ASSIGN_OR_RETURN(id2term_file_, Finish(*in_.id2term));
        return absl::OkStatus();
      });
    }
    std::vector<absl::Status> statuses(tasks.size());
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i = next++; i < tasks.size(); i = next++) statuses[i] = tasks[i]();
    };
    std::vector<std::thread> helpers;
    for (int i = 1; i < in_.threads; ++i) helpers.emplace_back(work);
    work();
    for (std::thread& helper : helpers) helper.join();
    for (const absl::Status& status : statuses) PARLEY_RETURN_IF_ERROR(status);

    BulkWriteOutput output;
    output.quads_added = keys_[0];
    output.terms_added = in_.next_id - in_.first_new_id;
    for (int i = 1; i < 4; ++i) {
      if (keys_[i] != keys_[0]) {
        return absl::InternalError(absl::StrCat("bulk load: permutation ", i, " has ", keys_[i],
                                                " keys, SPOG ", keys_[0]));
      }
    }
    PARLEY_RETURN_IF_ERROR(Statistics());
    PARLEY_RETURN_IF_ERROR(Meta(output.quads_added));
    auto add = [&](Keyspace keyspace, const std::string& path) {
      if (!path.empty()) output.files.push_back(KvIngestFiles{keyspace, {path}});
    };
    add(KeyspaceOf(Family::kDefault), meta_file_);
    for (Order order : kAllOrders) add(KeyspaceOf(order), files_[static_cast<int>(order)]);
    std::vector<std::string> id2term = in_.id2term_files;
    if (!id2term_file_.empty()) id2term.push_back(id2term_file_);
    if (!id2term.empty()) {
      output.files.push_back(KvIngestFiles{KeyspaceOf(Family::kId2Term), id2term});
    }
    if (!term2id_files_.empty()) {
      output.files.push_back(KvIngestFiles{KeyspaceOf(Family::kTerm2Id), term2id_files_});
    }
    add(KeyspaceOf(Family::kStats), stats_file_);
    return output;
  }

 private:
  absl::StatusOr<std::string> Finish(KvSstWriter& writer) {
    PARLEY_ASSIGN_OR_RETURN(uint64_t entries, writer.Finish());
    return entries > 0 ? writer.path() : std::string();
  }

  absl::Status Permutation(Order order) {
    const int index = static_cast<int>(order);
    const std::string name(FamilyName(order));
    std::vector<std::string> paths;
    for (const auto& run : in_.runs) paths.push_back(run[index]);
    int merges = 0;
    PARLEY_RETURN_IF_ERROR(ReduceSpillFiles(&paths, kMaxFanIn, in_.merge_buffer_bytes, [&] {
      return in_.scratch->File(absl::StrCat(name, "-merge-", merges++));
    }));
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<SpillMerger> merger,
                            SpillMerger::Open(paths, in_.merge_buffer_bytes));
    PARLEY_ASSIGN_OR_RETURN(
        std::unique_ptr<KvSstWriter> writer,
        in_.kv->NewSstWriter(KeyspaceOf(order), in_.scratch->File(name + ".sst")));

    const bool spog = order == Order::kSpog;
    const bool posg = order == Order::kPosg;
    std::optional<PrefixProbe> probe;
    if (in_.store_has_quads && (spog || posg)) probe.emplace(*in_.kv, order, in_.snapshot);
    // SPOG: new (s, p) pairs by predicate; POSG: per predicate, in order.
    absl::flat_hash_map<TermId, uint64_t> subject_pairs;
    TermId last_predicate = 0;
    uint64_t* last_count = nullptr;

    char key[kQuadKeySize];
    Key4 k;
    Key4 previous{};
    bool first = true;
    uint64_t count = 0;
    while (merger->Next(&k)) {
      WriteIndexKey(k, key);
      PARLEY_RETURN_IF_ERROR(writer->Put(std::string_view(key, kQuadKeySize), {}));
      ++count;
      if (spog || posg) {
        const bool new_pair = first || k.w[0] != previous.w[0] || k.w[1] != previous.w[1];
        bool counted = new_pair;
        if (new_pair && probe.has_value() && !IsNew(k.w[0], in_.first_new_id) &&
            !IsNew(k.w[1], in_.first_new_id)) {
          PARLEY_ASSIGN_OR_RETURN(bool stored, probe->Has(std::string_view(key, 16)));
          counted = !stored;
        }
        if (spog && counted) {
          if (last_count == nullptr || k.w[1] != last_predicate) {
            last_predicate = k.w[1];
            last_count = &subject_pairs[last_predicate];
          }
          ++*last_count;
        }
        if (posg) {
          if (deltas_.empty() || deltas_.back().predicate != k.w[0]) {
            deltas_.push_back(PredicateDelta{k.w[0], 0, 0});
          }
          ++deltas_.back().quads;
          if (counted) ++deltas_.back().objects;
        }
        previous = k;
        first = false;
      }
    }
    PARLEY_RETURN_IF_ERROR(merger->status());
    PARLEY_ASSIGN_OR_RETURN(files_[index], Finish(*writer));
    keys_[index] = count;
    if (spog) subject_pairs_ = std::move(subject_pairs);
    return absl::OkStatus();
  }

  absl::Status Term2Id() {
    struct Head {
      std::string_view key;
      size_t batch;
      size_t position;
    };
    auto greater = [](const Head& a, const Head& b) { return a.key > b.key; };
    std::priority_queue<Head, std::vector<Head>, decltype(greater)> heap(greater);
    const std::vector<NewTermBatch>& batches = *in_.term_batches;
    for (size_t b = 0; b < batches.size(); ++b) {
      if (!batches[b].keys.empty()) heap.push(Head{batches[b].keys[0], b, 0});
    }
    // Cut into files of about dictionary_file_bytes: consecutive pieces of
    // one sorted stream do not overlap, and each file's zstd dictionary
    // buffers only that file.
    std::unique_ptr<KvSstWriter> writer;
    uint64_t bytes = 0;
    std::string id;
    while (!heap.empty()) {
      Head head = heap.top();
      heap.pop();
      if (writer == nullptr) {
        PARLEY_ASSIGN_OR_RETURN(
            writer, in_.kv->NewSstWriter(KeyspaceOf(Family::kTerm2Id),
                                         in_.scratch->File(absl::StrCat(
                                             "term2id-", term2id_files_.size(), ".sst"))));
        bytes = 0;
      }
      const NewTermBatch& batch = batches[head.batch];
      id.clear();
      AppendBigEndian64(batch.first_id + head.position, &id);
      PARLEY_RETURN_IF_ERROR(writer->Put(head.key, id));
      bytes += head.key.size() + id.size();
      if (++head.position < batch.keys.size()) {
        head.key = batch.keys[head.position];
        heap.push(head);
      }
      if (bytes >= in_.dictionary_file_bytes || heap.empty()) {
        PARLEY_ASSIGN_OR_RETURN(std::string file, Finish(*writer));
        if (!file.empty()) term2id_files_.push_back(std::move(file));
        writer.reset();
      }
    }
    return absl::OkStatus();
  }

  absl::Status Statistics() {
    if (deltas_.empty()) return absl::OkStatus();
    PARLEY_ASSIGN_OR_RETURN(
        std::unique_ptr<KvSstWriter> writer,
        in_.kv->NewSstWriter(KeyspaceOf(Family::kStats), in_.scratch->File("stats.sst")));
    for (const PredicateDelta& delta : deltas_) {
      PredicateCounts counts;
      if (in_.store_has_quads) {
        PARLEY_ASSIGN_OR_RETURN(std::optional<PredicateCounts> stored,
                                ReadPredicateCounts(*in_.kv, in_.snapshot.get(), delta.predicate));
        counts = stored.value_or(PredicateCounts());
      }
      auto subjects = subject_pairs_.find(delta.predicate);
      counts.quads += delta.quads;
      counts.distinct_objects += delta.objects;
      counts.distinct_subjects += subjects != subject_pairs_.end() ? subjects->second : 0;
      PARLEY_RETURN_IF_ERROR(
          writer->Put(BigEndian(delta.predicate), EncodePredicateCounts(counts)));
    }
    PARLEY_ASSIGN_OR_RETURN(stats_file_, Finish(*writer));
    return absl::OkStatus();
  }

  absl::Status Meta(uint64_t quads_added) {
    if (quads_added == 0 && in_.next_id == in_.first_new_id) return absl::OkStatus();
    PARLEY_ASSIGN_OR_RETURN(
        std::unique_ptr<KvSstWriter> writer,
        in_.kv->NewSstWriter(KeyspaceOf(Family::kDefault), in_.scratch->File("meta.sst")));
    // Keys in increasing order: "parley.next_id" < "parley.quad_count".
    static_assert(kMetaNextId < kMetaQuadCount);
    PARLEY_RETURN_IF_ERROR(writer->Put(kMetaNextId, BigEndian(in_.next_id)));
    PARLEY_RETURN_IF_ERROR(writer->Put(kMetaQuadCount, BigEndian(in_.stored_quads + quads_added)));
    PARLEY_ASSIGN_OR_RETURN(meta_file_, Finish(*writer));
    return absl::OkStatus();
  }

  const BulkWriteInput& in_;
  std::string files_[4];
  uint64_t keys_[4] = {0, 0, 0, 0};
  std::vector<std::string> term2id_files_;
  std::string id2term_file_;
  std::string stats_file_;
  std::string meta_file_;
  absl::flat_hash_map<TermId, uint64_t> subject_pairs_;
  std::vector<PredicateDelta> deltas_;
};

}  // namespace

absl::StatusOr<BulkWriteOutput> WriteLoadFiles(const BulkWriteInput& input) {
  Writer writer(input);
  return writer.Run();
}

}  // namespace parley::engine
