// The bulk loader: adds a stream of quads to a Store in one atomic step, at
// the speed of the parser that feeds it.
//
//   caller thread    Add / AddLocal: checks term kinds, writes term keys
//                    into record batches (engine/bulk/record_writer.h)
//   encoder thread   term keys -> ids (engine/bulk/bulk_encoder.h); every run of
//                    quads (~1M, fewer under a small memory budget; a run
//                    also ends at as many new terms, e.g. in a dump's
//                    dictionary) gets its new terms numbered and goes to
//                    the sorter
//   sorter thread    each run -> a sorted spill file per permutation
//                    (engine/bulk/sort_run.h), in
//                    <db>/load-tmp-<pid>-<nonce>/; the new terms' id2term
//                    entries -> SST files, finished as they fill. Into a
//                    store without quads, SPOG and GSPO runs that arrive in
//                    order (a dump written in index order) go straight into
//                    their SST files instead (engine/bulk/permutation_writer.h),
//                    and each run's OSPG/POSG half is sorted on a thread of
//                    its own while the sorter goes on with the next run
//   Commit           the runs of each permutation merged into one SST file,
//                    term2id, statistics and counters (engine/bulk/bulk_writer.h)
//                    on a thread per merge plus one (at most one per core);
//                    then one KvStore::IngestAtomically for all keyspaces
//
// Duplicate quads, within the load or already stored, are dropped; the
// statistics are exact afterwards. The loader holds the store's writer lease
// from Begin until it finishes, so transactions wait for it (and it waits for
// a running transaction to finish first).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/bulk/bulk_scratch.h"  // RemoveStaleLoadFiles, for Database::Open
#include "engine/store.h"
#include "engine/term_view.h"
#include "parley/quad.h"

namespace parley::engine {

enum class BulkLoadPhase : uint8_t { kParse, kSort, kWrite, kIngest };

// "parse", "sort", "write", "ingest".
std::string_view BulkLoadPhaseName(BulkLoadPhase phase);

struct BulkLoadOptions {
  // Required: the directory `store` was opened on. The load's scratch folder
  // goes there, on the database's file system, so that the ingest moves its
  // SST files instead of copying them. (engine::Store does not expose its
  // path yet; once it does, this field can go.)
  std::string db_path;
  // Bytes the load may hold for sorting: its run buffers (a run is spilled
  // to a sorted file when full; at most 2^20 quads, ~320 bytes of buffers
  // each) and the dictionary SST files it buffers (each about budget/16, at
  // most 32 MiB). The load's term map comes on top: about 50 bytes plus the
  // term key per distinct term of the load. 0 means the default:
  // min(1 GiB, physical memory / 4).
  uint64_t memory_budget_bytes = 0;
  // The caller promises that DefineLocalTerm never gives one term two local
  // ids (a single dump, whose format introduces each term once, and no
  // other definitions). Into a store without terms, defined terms then
  // skip the loader's hash map; a term defined twice fails Commit with
  // InvalidArgument naming it (the store unchanged).
  bool distinct_definitions = false;
  // Blank node labels are stored as given instead of renamed per scope: the
  // caller's labels already name the nodes it means, stored ones included
  // (SPARQL Update's INSERT, whose solutions bind stored blank nodes and
  // whose template's are fresh). NewBlankNodeScope then does nothing.
  bool keep_blank_labels = false;
  // Called on the thread that calls Add/AddLocal about every 2^20
  // statements with phase kParse, and on the thread that calls Commit at
  // the start of its phases kSort, kWrite and kIngest. Must be cheap and
  // must not call the loader.
  std::function<void(BulkLoadPhase phase, uint64_t statements)> progress;
  // When set and it becomes true, Add/AddLocal fail with Cancelled within
  // about 2^16 statements, and Commit before it writes or ingests; the
  // store is unchanged either way. Must outlive the loader.
  const std::atomic<bool>* cancel = nullptr;
};

// Wall-clock seconds of the phases, and CPU seconds of the loader's threads.
struct BulkLoadTimings {
  double parse = 0;   // Begin to Commit: the caller's parsing, overlapped
                      // with encoding and sorting runs
  double sort = 0;    // Commit: finishing encoding and the last runs
  double write = 0;   // Commit: merging runs into SST files
  double ingest = 0;  // Commit: IngestAtomically
  double encoder_cpu = 0;
  double sorter_cpu = 0;
};

struct BulkLoadResult {
  uint64_t statements = 0;   // Add and AddLocal calls accepted
  uint64_t quads_added = 0;  // distinct quads the store did not hold
  uint64_t terms_added = 0;  // terms new to the dictionary
  uint64_t runs = 0;         // sorted runs (more than one: spilled)
  uint64_t spill_bytes = 0;  // bytes of spill files written
  // Permutations whose runs all arrived in order, written without spilling
  // (into a store without quads: see BulkLoader::Impl::ChooseDirectWriters).
  int direct_permutations = 0;
  BulkLoadTimings timings;
};

// One load. Add, DefineLocalTerm, AddLocal and NewBlankNodeScope are called
// from one thread at a time (any one), then Commit once. Errors are sticky:
// the encoder checks terms on its own thread, so an invalid term may be
// reported by a later call than the one that passed it; after any error,
// every call returns it and the store stays as it was. Destroying the
// loader without a successful Commit abandons the load: the store is
// unchanged and the scratch folder is deleted.
class BulkLoader {
 public:
  // Takes the writer lease of `store` (waiting for a running transaction),
  // reads its counters and creates the scratch folder
  // <options.db_path>/load-tmp-<pid>-<nonce>/. InvalidArgument when
  // options.db_path is empty; FailedPrecondition (at once) when this thread
  // already holds the lease, or the store is closed (Store::AcquireWriter).
  // REQUIRES: `store` outlives the loader.
  static absl::StatusOr<std::unique_ptr<BulkLoader>> Begin(Store& store,
                                                           const BulkLoadOptions& options);
  // Begin with the writer lease of `store` that the caller holds already
  // (StoreWriteTransaction::HandOverLease): the load applies to the state
  // the caller read under it. FailedPrecondition when `lease` is not held.
  static absl::StatusOr<std::unique_ptr<BulkLoader>> Begin(Store& store,
                                                           const BulkLoadOptions& options,
                                                           WriterLease lease);
  ~BulkLoader();
  BulkLoader(const BulkLoader&) = delete;
  BulkLoader& operator=(const BulkLoader&) = delete;

  // Blank node labels are scoped per document: from now on, a label names a
  // node distinct from every node of earlier scopes and of the store. Call
  // it between documents; the first scope starts with Begin. (Labels are
  // renamed b<load nonce, 16 hex>_<scope>_<label>.)
  void NewBlankNodeScope();

  // Adds one quad. Its views need only live during the call. InvalidArgument
  // when a position holds the wrong kind of term (subject: IRI or blank
  // node; predicate: IRI; object: not the default graph; graph: the default
  // graph, an IRI or a blank node) or a term is invalid (Term::Validate()).
  absl::Status Add(const QuadView& quad);

  // The dump path (Parley's own Cap'n Proto dumps): terms are defined once
  // under dense dump-local ids, then quads come as local ids. Local id 0 is
  // the default graph (graph position only) and cannot be defined; defining
  // an id twice or using an undefined one is InvalidArgument. Blank nodes
  // are scoped like Add's. A defined term gets an id (and is stored) even
  // if no quad uses it.
  absl::Status DefineLocalTerm(uint64_t local_id, const TermView& term);
  absl::Status AddLocal(const IdQuad& local_ids);
  // AddLocal of each quad, in order, at a lower cost per quad.
  absl::Status AddLocal(std::span<const IdQuad> local_ids);

  // Everything or nothing: on success the store holds the union of what it
  // held and the quads added, with exact statistics; on error it is
  // unchanged. The loader is finished afterwards (later calls:
  // FailedPrecondition) and its scratch folder deleted either way.
  absl::StatusOr<BulkLoadResult> Commit();

 private:
  class Impl;
  explicit BulkLoader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace parley::engine
