// The last phase of a bulk load: the SST files it ingests. Each
// permutation's spilled runs are merged (dropping quads that several runs
// hold) into one SST file (engine/bulk/permutation_writer.h), unless the sorter
// wrote it directly; term2id is the k-way merge of the id batches'
// term lists (each in ascending stretches: sorted, or a dump's order), cut
// into files of a bounded size;
// the last id2term file is finished here too. All of these run as tasks on
// `threads` threads. The statistics and the counters
// (kMetaNextId, kMetaQuadCount) follow from the merged streams:
//
//   quads of p            stored + the new quads with predicate p
//   distinct subjects     stored + the new (s, p) pairs the store lacks
//   distinct objects      stored + the new (p, o) pairs the store lacks
//
// A new pair is adjacent-distinct in the SPOG (POSG) stream; whether the
// store already has it is a prefix probe in its SPOG (POSG) index, skipped
// when the store holds no quads or an id of the pair is new in this load.
// Probes come in key order, so one iterator serves them all and seeks only
// forward.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/bulk/bulk_encoder.h"
#include "engine/bulk/bulk_scratch.h"
#include "engine/bulk/permutation_writer.h"
#include "engine/kv/kv_store.h"

namespace parley::engine {

struct BulkWriteInput {
  KvStore* kv = nullptr;
  // The state the load applies to (the loader holds the writer lease).
  std::shared_ptr<const KvSnapshot> snapshot;
  const ScratchDir* scratch = nullptr;
  // The spill files of each run, indexed like kAllOrders; empty for a
  // permutation that does not spill that run.
  std::vector<std::array<std::string, kOrderCount>> runs;
  // Permutations written while the runs were sorted (engine/bulk/sort_run.h's
  // RunKeySink), not finished yet; their `runs` entries are empty.
  std::array<PermutationWriter*, kOrderCount> direct{};
  const std::vector<NewTermBatch>* term_batches = nullptr;
  // id2term of the new terms: finished files (in id order, not
  // overlapping), then the last one, written but not finished (one of the
  // parallel tasks), or null.
  std::vector<std::string> id2term_files;
  KvSstWriter* id2term = nullptr;
  TermId first_new_id = 1;  // the counter before the load
  TermId next_id = 1;       // the counter after it
  bool store_has_quads = false;
  uint64_t stored_quads = 0;
  // term2id is cut into files of about this many bytes of entries.
  uint64_t dictionary_file_bytes = uint64_t{64} << 20;
  // Read buffer of each spill file during merges.
  size_t merge_buffer_bytes = size_t{1} << 20;
  // Cores to use; 0: std::thread::hardware_concurrency(), at least 2. The
  // permutation merges are the long tasks: while there are no more of them
  // than cores, each gets a thread and one more thread takes the short
  // tasks (term2id, finishing the direct writers and id2term), so that the
  // merges finish together. With more merges than cores, one thread per
  // core takes the tasks longest first: an extra thread would leave the last
  // merge running alone at the end (docs/measurements.md).
  int cores = 0;
};

struct BulkWriteOutput {
  // At most one entry per keyspace; empty when the load changes nothing.
  std::vector<KvIngestFiles> files;
  uint64_t quads_added = 0;
  uint64_t terms_added = 0;
};

absl::StatusOr<BulkWriteOutput> WriteLoadFiles(const BulkWriteInput& input);

}  // namespace parley::engine
