// Sorting one run of a bulk load: a buffer of encoded quads becomes one
// spill file per permutation, the run's distinct quads in the key order of
// each (engine/layout/key_layout.h).
//
// Two full sorts per run, not five: SPOG and OSPG are sorted, and each other
// order is one of those re-bucketed with a stable counting sort on one word
// (a stable sort by a word of keys in some order puts that word first and
// keeps the order of the rest):
//   GSPO  SPOG by graph       (s,p,o,g) -> (g,s,p,o)
//   PSOG  SPOG by predicate   (s,p,o,g) -> (p,s,o,g)
//   POSG  OSPG by predicate   (o,s,p,g) -> (p,o,s,g)
// That is linear while a run has few distinct graphs or predicates (past
// kMaxBuckets of them the order is sorted too), and free when it has one. A
// sort packs each key into 128 bits when its ids fit (the bits each position
// needs above its minimum in the run), which halves the bytes moved and the
// compare cost of the 32-byte keys. Keys already in order (a dump written in
// index order, loaded into an empty store, arrives in SPOG order for one
// graph) skip their sort after one checking pass.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "engine/kv/kv_store.h"
#include "engine/layout/sort_key.h"
#include "parley/quad.h"

namespace parley::engine {

// Drops from a run the quads a non-empty store already holds. A quad with
// an id >= first_new_id (issued by this load) cannot be stored; the others
// are looked up in SPOG (whose bloom filter answers most misses).
struct StoredQuadFilter {
  const KvStore* kv = nullptr;
  const KvSnapshot* snapshot = nullptr;
  TermId first_new_id = 0;
};

struct RunStats {
  uint64_t quads_in = 0;  // keys passed in
  uint64_t distinct = 0;  // after dropping duplicates
  uint64_t spilled = 0;   // after dropping stored quads
};

// Takes a permutation's share of runs in place of their spill files (the
// bulk loader's PermutationWriter, engine/bulk/permutation_writer.h).
class RunKeySink {
 public:
  virtual ~RunKeySink() = default;
  // Whether a run whose smallest key in the sink's order is `first_spog`
  // (SPOG layout) follows everything the sink took so far.
  virtual bool CanTake(const Key4& first_spog) const = 0;
  // The run's distinct keys, SPOG layout, sorted in the sink's order.
  virtual absl::Status TakeRun(const Key4* keys, size_t n) = 0;
};

// Reuses its scratch buffers from run to run. Not thread-safe: one thread
// calls it (threads it starts are its own business).
class RunSorter {
 public:
  // How SortAndSpill uses threads. A run is four parts: SPOG, GSPO and
  // PSOG (all three from the SPOG-sorted run), and the OSPG/POSG half (a
  // sort and a re-bucketing of a copy of the keys, the longest part).
  enum class Threads {
    kCaller,    // every part on the calling thread
    kParallel,  // GSPO, PSOG and the OSPG/POSG half on threads of their own
    // As kParallel, except that the OSPG/POSG half may still be running
    // when the call returns (on its own copy; `run` is free): the next call
    // writes its SPOG, GSPO and PSOG parts before waiting for it, so one
    // run's long half overlaps the next run's short parts. Finish() waits
    // for the last one.
    kOverlapped,
  };

  RunSorter();
  ~RunSorter();  // waits for a running half

  // Sorts `run` (SPOG-layout keys; left sorted in SPOG order, without
  // duplicates) and writes paths[order] for each Order (indexed as
  // kAllOrders). `filter` may be null (an empty store). An order whose
  // `sinks` entry is set hands its keys to that sink instead of writing
  // paths[order] (which is then not created). With kOverlapped, the
  // OSPG/POSG paths and sinks are used after the call returns, until the
  // next call or Finish(); an error of that half is returned by whichever
  // of them waits for it.
  absl::Status SortAndSpill(std::vector<Key4>* run,
                            const std::array<std::string, kOrderCount>& paths,
                            const StoredQuadFilter* filter, Threads threads, RunStats* stats,
                            const std::array<RunKeySink*, kOrderCount>& sinks = {});

  // Waits for an overlapped half still running and returns its status.
  absl::Status Finish();

  // Bytes of the spill files written by finished parts (all of them, once
  // Finish() returned).
  uint64_t spill_bytes() const { return spill_bytes_; }

  // At most the bytes of scratch buffers it keeps per key of the largest run
  // so far (for the loader's memory budget): for GSPO, PSOG and the
  // OSPG/POSG half each, a sorted copy, a bucketed copy, 128-bit packed keys
  // and bucket numbers.
  static constexpr size_t kScratchBytesPerKey = 3 * (2 * sizeof(Key4) + 16 + 4);

 private:
  struct Scratch;
  // Re-buckets the SPOG-sorted run into from_spog_[i]'s order and writes it.
  absl::Status SpogDerivedPart(size_t i, const Key4* spog, size_t n,
                               const std::array<std::string, kOrderCount>& paths,
                               const std::array<RunKeySink*, kOrderCount>& sinks, uint64_t* bytes);
  // Copies the run's keys to the half's scratch and sorts and writes them,
  // on a thread of its own unless `threads` is kCaller.
  void StartHalf(const Key4* spog, size_t n, const std::array<std::string, kOrderCount>& paths,
                 const std::array<RunKeySink*, kOrderCount>& sinks, Threads threads);
  absl::Status SortHalf(std::string ospg_path, std::string posg_path, RunKeySink* ospg_sink,
                        RunKeySink* posg_sink);

  // Scratch of the GSPO and PSOG parts (GSPO's also sorts the run in SPOG
  // order first), and of the OSPG/POSG half.
  std::array<std::unique_ptr<Scratch>, 2> from_spog_;
  std::unique_ptr<Scratch> ospg_side_;
  std::thread half_thread_;
  absl::Status half_status_;  // written by the half, read after joining it
  uint64_t half_bytes_ = 0;   // likewise
  uint64_t spill_bytes_ = 0;
};

// Whether SPOG-layout `keys` are in the key order of `order` (duplicates
// allowed).
bool IsSortedIn(const Key4* keys, size_t n, Order order);

// Sorts SPOG-layout `keys` in the key order of `order` (exposed for tests).
void SortKeys(Key4* keys, size_t n, Order order);

}  // namespace parley::engine
