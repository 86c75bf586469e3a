// One permutation's SST file of a bulk load, written from a stream of keys
// in increasing order, and what that stream says about the statistics
// (engine/bulk/bulk_writer.h explains the rules):
//   SPOG  the new (subject, predicate) pairs, by predicate;
//   POSG  per predicate, in order: the new quads and new (predicate, object)
//         pairs.
// A new pair is adjacent-distinct in the stream; whether a store that holds
// quads already has it is a prefix probe of its index, skipped when an id of
// the pair is new in this load.
//
// The bulk loader feeds one either from the merge of its spilled runs
// (Commit) or, for a permutation whose runs arrive in order into an empty
// store, run by run as they are sorted (engine/bulk/sort_run.h's RunKeySink),
// which skips spilling and merging that permutation.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/bulk/sort_run.h"
#include "engine/kv/kv_store.h"
#include "engine/layout/sort_key.h"

namespace parley::engine {

struct PredicateDelta {
  TermId predicate = 0;
  uint64_t quads = 0;
  uint64_t objects = 0;  // new (predicate, object) pairs
};

class PermutationWriter final : public RunKeySink {
 public:
  struct Options {
    const KvStore* kv = nullptr;
    Order order = Order::kSpog;
    std::string path;  // of the SST file
    // Set when the store holds quads: new pairs are probed in it.
    std::shared_ptr<const KvSnapshot> probe_snapshot;
    TermId first_new_id = 1;  // ids from here on are new in this load
  };
  static absl::StatusOr<std::unique_ptr<PermutationWriter>> Open(Options options);
  ~PermutationWriter() override;

  // REQUIRES: `key` is in the order's word layout (PermuteKey) and greater
  // than every key added before (else Internal).
  absl::Status Add(const Key4& key);

  // RunKeySink: a run's keys, SPOG layout, sorted in this writer's order.
  // Internal unless they follow every key added before (CanTake).
  bool CanTake(const Key4& first_spog) const override;
  absl::Status TakeRun(const Key4* keys, size_t n) override;

  // Completes the SST file. Call once; then file() is its path, or empty
  // when no key was added (there is nothing to ingest).
  absl::Status Finish();
  // Instead of Finish: rewrites the keys added so far as a spill file at
  // `spill_path` (engine/bulk/spill_file.h) and deletes the SST file, for a
  // permutation that has to be merged after all.
  absl::Status FinishAsSpill(const std::string& spill_path);

  Order order() const { return options_.order; }
  uint64_t count() const { return count_; }
  const std::string& file() const { return file_; }
  // SPOG only: new (subject, predicate) pairs per predicate.
  absl::flat_hash_map<TermId, uint64_t>& subject_pairs() { return subject_pairs_; }
  // POSG only: per predicate, in predicate order.
  std::vector<PredicateDelta>& deltas() { return deltas_; }
  // GSPO only: the quads added per named graph, in graph order.
  std::vector<std::pair<TermId, uint64_t>>& graph_quads() { return graph_quads_; }

 private:
  class Probe;
  PermutationWriter(Options options, std::unique_ptr<KvSstWriter> writer);
  absl::StatusOr<bool> IsNewPair(const Key4& key, const char* index_key);

  const Options options_;
  std::unique_ptr<KvSstWriter> writer_;
  std::unique_ptr<Probe> probe_;
  uint64_t count_ = 0;
  Key4 last_{};
  std::string file_;
  absl::flat_hash_map<TermId, uint64_t> subject_pairs_;
  TermId last_predicate_ = 0;
  uint64_t* last_count_ = nullptr;
  std::vector<PredicateDelta> deltas_;
  std::vector<std::pair<TermId, uint64_t>> graph_quads_;
};

}  // namespace parley::engine
