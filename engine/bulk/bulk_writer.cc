#include "engine/bulk/bulk_writer.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <functional>
#include <numeric>
#include <optional>
#include <queue>
#include <thread>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "engine/bulk/permutation_writer.h"
#include "engine/bulk/spill_merge.h"
#include "engine/graph_set.h"
#include "engine/kv/keyspaces.h"
#include "engine/layout/key_layout.h"
#include "engine/layout/sort_key.h"
#include "engine/layout/term_id.h"
#include "engine/statistics.h"
#include "engine/status_macros.h"

namespace parley::engine {
namespace {

// Spill files merged at once; more runs are first merged in groups.
constexpr size_t kMaxFanIn = 64;
// An unsorted batch of new terms with more ascending stretches than this is
// sorted rather than merged stretch by stretch.
constexpr size_t kMaxTermStretches = 256;

class Writer {
 public:
  explicit Writer(const BulkWriteInput& input) : in_(input) {}

  absl::StatusOr<BulkWriteOutput> Run() {
    // Longest first: merges, then term2id, then the finishing touches.
    std::vector<std::function<absl::Status()>> tasks;
    for (Order order : kAllOrders) {
      if (in_.direct[static_cast<int>(order)] == nullptr) {
        tasks.push_back([this, order] { return Permutation(order); });
      }
    }
    const int merges = static_cast<int>(tasks.size());
    tasks.push_back([this] { return Term2Id(); });
    for (Order order : kAllOrders) {
      if (in_.direct[static_cast<int>(order)] != nullptr) {
        tasks.push_back([this, order] { return Permutation(order); });
      }
    }
    if (in_.id2term != nullptr) {
      tasks.push_back([this]() -> absl::Status {
        PARLEY_ASSIGN_OR_RETURN(id2term_file_, Finish(*in_.id2term));
        return absl::OkStatus();
      });
    }
    const int cores = in_.cores > 0
                          ? in_.cores
                          : std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
    const int threads = merges <= cores ? merges + 1 : cores;
    std::vector<absl::Status> statuses(tasks.size());
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i = next++; i < tasks.size(); i = next++) statuses[i] = tasks[i]();
    };
    std::vector<std::thread> helpers;
    for (int i = 1; i < threads; ++i) helpers.emplace_back(work);
    work();
    for (std::thread& helper : helpers) helper.join();
    for (const absl::Status& status : statuses) PARLEY_RETURN_IF_ERROR(status);

    BulkWriteOutput output;
    output.quads_added = keys_[0];
    output.terms_added = in_.next_id - in_.first_new_id;
    for (Order order : kAllOrders) {
      const uint64_t keys = keys_[static_cast<int>(order)];
      if (keys != keys_[0]) {
        return absl::InternalError(absl::StrCat("bulk load: ", std::string(FamilyName(order)),
                                                " has ", keys, " keys, spog ", keys_[0]));
      }
    }
    PARLEY_RETURN_IF_ERROR(Statistics());
    PARLEY_RETURN_IF_ERROR(Graphs());
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
    add(KeyspaceOf(Family::kGraphs), graphs_file_);
    return output;
  }

 private:
  absl::StatusOr<std::string> Finish(KvSstWriter& writer) {
    PARLEY_ASSIGN_OR_RETURN(uint64_t entries, writer.Finish());
    return entries > 0 ? writer.path() : std::string();
  }

  absl::Status Permutation(Order order) {
    const int index = static_cast<int>(order);
    PermutationWriter* writer = in_.direct[index];
    std::unique_ptr<PermutationWriter> merged;
    if (writer == nullptr) {
      PARLEY_ASSIGN_OR_RETURN(merged, Merge(order));
      writer = merged.get();
    }
    PARLEY_RETURN_IF_ERROR(writer->Finish());
    files_[index] = writer->file();
    keys_[index] = writer->count();
    if (order == Order::kSpog) subject_pairs_ = std::move(writer->subject_pairs());
    if (order == Order::kPosg) deltas_ = std::move(writer->deltas());
    if (order == Order::kGspo) graph_quads_ = std::move(writer->graph_quads());
    return absl::OkStatus();
  }

  // The permutation's spilled runs merged into its SST file (not finished).
  absl::StatusOr<std::unique_ptr<PermutationWriter>> Merge(Order order) {
    const int index = static_cast<int>(order);
    const std::string name(FamilyName(order));
    std::vector<std::string> paths;
    for (const auto& run : in_.runs) {
      if (!run[index].empty()) paths.push_back(run[index]);
    }
    int merges = 0;
    PARLEY_RETURN_IF_ERROR(ReduceSpillFiles(&paths, kMaxFanIn, in_.merge_buffer_bytes, [&] {
      return in_.scratch->File(absl::StrCat(name, "-merge-", merges++));
    }));
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<SpillMerger> merger,
                            SpillMerger::Open(paths, in_.merge_buffer_bytes));
    PermutationWriter::Options options;
    options.kv = in_.kv;
    options.order = order;
    options.path = in_.scratch->File(name + ".sst");
    if (in_.store_has_quads) options.probe_snapshot = in_.snapshot;
    options.first_new_id = in_.first_new_id;
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<PermutationWriter> writer,
                            PermutationWriter::Open(std::move(options)));
    Key4 k;
    while (merger->Next(&k)) PARLEY_RETURN_IF_ERROR(writer->Add(k));
    PARLEY_RETURN_IF_ERROR(merger->status());
    return writer;
  }

  // The new terms in key order, as sorted sequences of one batch each: a
  // sorted batch is one; an unsorted one (numbered in a dump's order) is cut
  // into its ascending stretches (a dump exported from a database of
  // several load batches has a few), or, when they are many, sorted.
  struct TermSource {
    const NewTermBatch* batch;
    size_t begin, end;              // positions in batch->keys, or
    std::vector<uint32_t> ordered;  // when not empty, these positions
    size_t Size() const { return ordered.empty() ? end - begin : ordered.size(); }
    size_t Position(size_t i) const { return ordered.empty() ? begin + i : ordered[i]; }
  };

  static void AddTermSources(const NewTermBatch& batch, std::vector<TermSource>* sources) {
    const std::vector<std::string_view>& keys = batch.keys;
    if (keys.empty()) return;
    std::vector<size_t> starts{0};
    if (!batch.sorted) {
      for (size_t i = 1; i < keys.size() && starts.size() <= kMaxTermStretches; ++i) {
        if (!(keys[i - 1] < keys[i])) starts.push_back(i);
      }
    }
    if (starts.size() > kMaxTermStretches) {
      TermSource source{&batch, 0, 0, std::vector<uint32_t>(keys.size())};
      std::iota(source.ordered.begin(), source.ordered.end(), 0);
      std::sort(source.ordered.begin(), source.ordered.end(),
                [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
      sources->push_back(std::move(source));
      return;
    }
    starts.push_back(keys.size());
    for (size_t i = 0; i + 1 < starts.size(); ++i) {
      sources->push_back(TermSource{&batch, starts[i], starts[i + 1], {}});
    }
  }

  absl::Status Term2Id() {
    std::vector<TermSource> sources;
    for (const NewTermBatch& batch : *in_.term_batches) AddTermSources(batch, &sources);
    struct Head {
      std::string_view key;
      size_t source;
      size_t index;
    };
    auto greater = [](const Head& a, const Head& b) { return a.key > b.key; };
    std::priority_queue<Head, std::vector<Head>, decltype(greater)> heap(greater);
    auto key_at = [&](size_t source, size_t index) {
      const TermSource& s = sources[source];
      return s.batch->keys[s.Position(index)];
    };
    for (size_t i = 0; i < sources.size(); ++i) heap.push(Head{key_at(i, 0), i, 0});
    // Cut into files of about dictionary_file_bytes: consecutive pieces of
    // one sorted stream do not overlap.
    std::unique_ptr<KvSstWriter> writer;
    uint64_t bytes = 0;
    std::string id;
    std::string_view previous;
    while (!heap.empty()) {
      Head head = heap.top();
      heap.pop();
      if (!previous.empty() && !(previous < head.key)) return TermDefinedTwiceError(head.key);
      previous = head.key;
      if (writer == nullptr) {
        PARLEY_ASSIGN_OR_RETURN(
            writer, in_.kv->NewSstWriter(KeyspaceOf(Family::kTerm2Id),
                                         in_.scratch->File(absl::StrCat(
                                             "term2id-", term2id_files_.size(), ".sst"))));
        bytes = 0;
      }
      const TermSource& source = sources[head.source];
      id.clear();
      AppendBigEndian64(source.batch->first_id + source.Position(head.index), &id);
      PARLEY_RETURN_IF_ERROR(writer->Put(head.key, id));
      bytes += head.key.size() + id.size();
      if (++head.index < source.Size()) {
        head.key = key_at(head.source, head.index);
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
          writer->Put(BigEndian64(delta.predicate), EncodePredicateCounts(counts)));
    }
    PARLEY_ASSIGN_OR_RETURN(stats_file_, Finish(*writer));
    return absl::OkStatus();
  }

  // The named graphs the load adds quads to, with their new counts.
  absl::Status Graphs() {
    if (graph_quads_.empty()) return absl::OkStatus();
    PARLEY_ASSIGN_OR_RETURN(
        std::unique_ptr<KvSstWriter> writer,
        in_.kv->NewSstWriter(KeyspaceOf(Family::kGraphs), in_.scratch->File("graphs.sst")));
    for (const auto& [graph, added] : graph_quads_) {
      uint64_t quads = added;
      if (in_.store_has_quads) {
        PARLEY_ASSIGN_OR_RETURN(std::optional<uint64_t> stored,
                                ReadGraphQuads(*in_.kv, in_.snapshot.get(), graph));
        quads += stored.value_or(0);
      }
      PARLEY_RETURN_IF_ERROR(writer->Put(BigEndian64(graph), EncodeGraphQuads(quads)));
    }
    PARLEY_ASSIGN_OR_RETURN(graphs_file_, Finish(*writer));
    return absl::OkStatus();
  }

  absl::Status Meta(uint64_t quads_added) {
    if (quads_added == 0 && in_.next_id == in_.first_new_id) return absl::OkStatus();
    PARLEY_ASSIGN_OR_RETURN(
        std::unique_ptr<KvSstWriter> writer,
        in_.kv->NewSstWriter(KeyspaceOf(Family::kDefault), in_.scratch->File("meta.sst")));
    // Keys in increasing order: "parley.next_id" < "parley.quad_count".
    static_assert(kMetaNextId < kMetaQuadCount);
    PARLEY_RETURN_IF_ERROR(writer->Put(kMetaNextId, BigEndian64(in_.next_id)));
    PARLEY_RETURN_IF_ERROR(
        writer->Put(kMetaQuadCount, BigEndian64(in_.stored_quads + quads_added)));
    PARLEY_ASSIGN_OR_RETURN(meta_file_, Finish(*writer));
    return absl::OkStatus();
  }

  const BulkWriteInput& in_;
  std::array<std::string, kOrderCount> files_;  // by Order
  std::array<uint64_t, kOrderCount> keys_{};
  std::vector<std::string> term2id_files_;
  std::string id2term_file_;
  std::string stats_file_;
  std::string graphs_file_;
  std::string meta_file_;
  absl::flat_hash_map<TermId, uint64_t> subject_pairs_;
  std::vector<PredicateDelta> deltas_;
  std::vector<std::pair<TermId, uint64_t>> graph_quads_;
};

}  // namespace

absl::StatusOr<BulkWriteOutput> WriteLoadFiles(const BulkWriteInput& input) {
  Writer writer(input);
  return writer.Run();
}

}  // namespace parley::engine
