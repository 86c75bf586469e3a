// The loader's three threads share one mutex and condition variable (mu_,
// cv_): the caller hands record batches to the encoder through to_encode_
// (at most kMaxQueuedBatches wait; empty ones come back through
// free_batches_), the encoder hands sealed runs to the sorter through the
// one slot to_sort_ (and gets the sorter's previous buffer back as
// spare_run_), and any thread that fails records the first error and sets
// cancel_, which every wait also wakes on. Everything else is owned by one
// thread; Commit reads the encoder's and sorter's state after joining them.
#include "engine/bulk/bulk_loader.h"

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/bulk/bulk_encoder.h"
#include "engine/bulk/bulk_records.h"
#include "engine/bulk/bulk_writer.h"
#include "engine/bulk/permutation_writer.h"
#include "engine/bulk/record_writer.h"
#include "engine/bulk/sort_run.h"
#include "engine/kv/keyspaces.h"
#include "engine/layout/key_layout.h"
#include "engine/layout/term_id.h"
#include "engine/statistics.h"
#include "engine/status_macros.h"

namespace parley::engine {
namespace {

// Record batches are handed to the encoder at this size; a few wait in line
// so that the parser rarely blocks on a busy encoder.
constexpr size_t kBatchBytes = size_t{1} << 20;
constexpr size_t kMaxQueuedBatches = 4;
constexpr uint64_t kProgressInterval = uint64_t{1} << 20;
constexpr uint64_t kCancelInterval = uint64_t{1} << 16;
// A run is also an id batch: ~1M quads keeps the new terms of a batch
// numbered together (DESIGN.md) and lets the sorter keep pace with the
// parser, so that little sorting is left for Commit.
constexpr size_t kMaxRunQuads = size_t{1} << 20;
constexpr size_t kMinRunQuads = 16;
// A run being encoded, one being sorted, and the sorter's scratch.
constexpr size_t kBudgetBytesPerRunQuad = 2 * sizeof(Key4) + RunSorter::kScratchBytesPerKey;
constexpr size_t kMergeFanIn = 64;
// The dictionary keyspaces (id2term, term2id) are cut into files of about
// budget/16 bytes of entries, in these bounds: files of bounded size keep
// later compactions of those keyspaces fine-grained, and the sorter finishes
// each id2term file during the parse, off Commit's path.
constexpr uint64_t kMinDictionaryFileBytes = uint64_t{16} << 10;
constexpr uint64_t kMaxDictionaryFileBytes = uint64_t{32} << 20;

uint64_t DefaultBudget() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGESIZE);
  const uint64_t gib = uint64_t{1} << 30;
  if (pages <= 0 || page_size <= 0) return gib;
  return std::min(gib, static_cast<uint64_t>(pages) * static_cast<uint64_t>(page_size) / 4);
}

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double ThreadCpuSeconds() {
  timespec ts;
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// A run of quads on its way from the encoder to the sorter, with the terms
// its Resolve() numbered.
struct SealedRun {
  std::vector<Key4> quads;
  NewTermBatch terms;
  bool last = false;
};

}  // namespace

class BulkLoader::Impl {
 public:
  Impl(Store& store, WriterLease lease, const BulkLoadOptions& options)
      : kv_(store.kv()),
        lease_(std::move(lease)),
        options_(options),
        nonce_(RandomNonce()),
        records_(nonce_, options.keep_blank_labels) {}

  ~Impl() { Finish(); }

  absl::Status Start(const std::string& db_path) {
    snapshot_ = kv_.GetSnapshot();
    PARLEY_ASSIGN_OR_RETURN(std::optional<std::string> counter,
                            kv_.Get(KeyspaceOf(Family::kDefault), kMetaNextId, snapshot_.get()));
    if (!counter.has_value() || counter->size() != 8) {
      return absl::DataLossError("the dictionary's id counter (parley.next_id) is missing");
    }
    first_new_id_ = ReadBigEndian64(counter->data());
    if (first_new_id_ == kDefaultGraphId || first_new_id_ > kMaxDictionaryId + 1) {
      return absl::DataLossError(absl::StrCat("the dictionary's id counter holds ", first_new_id_));
    }
    PARLEY_ASSIGN_OR_RETURN(stored_quads_, ReadQuadCount(kv_, snapshot_.get()));

    PARLEY_ASSIGN_OR_RETURN(scratch_, ScratchDir::Create(db_path, nonce_));
    const uint64_t budget =
        options_.memory_budget_bytes != 0 ? options_.memory_budget_bytes : DefaultBudget();
    run_capacity_ = static_cast<size_t>(
        std::clamp<uint64_t>(budget / kBudgetBytesPerRunQuad, kMinRunQuads, kMaxRunQuads));
    merge_buffer_ =
        static_cast<size_t>(std::clamp<uint64_t>(budget / (2 * kMergeFanIn), 16 << 10, 1 << 20));
    dictionary_file_bytes_ =
        std::clamp<uint64_t>(budget / 16, kMinDictionaryFileBytes, kMaxDictionaryFileBytes);

    BulkEncoder::Options encoder;
    encoder.kv = &kv_;
    encoder.snapshot = snapshot_.get();
    encoder.next_id = first_new_id_;
    encoder.lookup_store = first_new_id_ > kDefaultGraphId + 1;
    encoder.distinct_definitions = options_.distinct_definitions;
    encoder_ = std::make_unique<BulkEncoder>(encoder);
    filling_ = std::make_unique<RecordBatch>();
    filling_->bytes.resize(kBatchBytes + (64 << 10));
    begin_time_ = Now();
    encoder_thread_ = std::thread([this] { EncoderMain(); });
    sorter_thread_ = std::thread([this] { SorterMain(); });
    return absl::OkStatus();
  }

  void NewBlankNodeScope() { records_.NewBlankNodeScope(); }

  absl::Status Add(const QuadView& q) {
    PARLEY_RETURN_IF_ERROR(CheckUsable());
    PARLEY_RETURN_IF_ERROR(Sticky(records_.AddQuad(q, filling_.get())));
    return Counted();
  }

  absl::Status DefineLocalTerm(uint64_t local_id, const TermView& term) {
    PARLEY_RETURN_IF_ERROR(CheckUsable());
    PARLEY_RETURN_IF_ERROR(Sticky(records_.AddDefinition(local_id, term, filling_.get())));
    if (filling_->size >= kBatchBytes) Ship();
    return absl::OkStatus();
  }

  absl::Status AddLocal(std::span<const IdQuad> quads) {
    PARLEY_RETURN_IF_ERROR(CheckUsable());
    constexpr size_t kRecordSize = RecordWriter::kLocalQuadRecordSize;
    while (!quads.empty()) {
      // Up to a batch's worth at a time, so that batches keep their size.
      const size_t room = filling_->size < kBatchBytes ? kBatchBytes - filling_->size : 0;
      const size_t n = std::min(quads.size(), room / kRecordSize + 1);
      RecordWriter::AddLocalQuads(quads.first(n), filling_.get());
      quads = quads.subspan(n);
      PARLEY_RETURN_IF_ERROR(Counted(n));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<BulkLoadResult> Commit() {
    if (finished_) return absl::FailedPreconditionError("the bulk load has finished");
    absl::StatusOr<BulkLoadResult> result = CommitSteps();
    Finish();
    return result;
  }

 private:
  // An error ends the load: later calls and Commit return it.
  absl::Status Sticky(absl::Status status) {
    if (!status.ok()) Fail(status);
    return status;
  }

  absl::Status CheckUsable() {
    if (finished_) return absl::FailedPreconditionError("the bulk load has finished");
    if (failed_.load(std::memory_order_relaxed)) return Error();
    return absl::OkStatus();
  }

  absl::Status Error() {
    std::lock_guard<std::mutex> lock(mu_);
    return error_;
  }

  void Fail(absl::Status status) {
    std::lock_guard<std::mutex> lock(mu_);
    if (error_.ok()) error_ = std::move(status);
    failed_ = true;
    cancel_ = true;
    cv_.notify_all();
  }

  absl::Status Counted(uint64_t n = 1) {
    filling_->statements += n;
    const uint64_t before = statements_;
    statements_ += n;
    if (filling_->size >= kBatchBytes) Ship();
    if (before / kProgressInterval != statements_ / kProgressInterval && options_.progress) {
      options_.progress(BulkLoadPhase::kParse, statements_);
    }
    if (before / kCancelInterval != statements_ / kCancelInterval) return CheckCancelled();
    return absl::OkStatus();
  }

  absl::Status CheckCancelled() const {
    if (options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed)) {
      return absl::CancelledError("load cancelled");
    }
    return absl::OkStatus();
  }

  // Hands the filling batch to the encoder (waiting while enough are in
  // line) and takes an empty one.
  void Ship() {
    if (filling_->size == 0) return;
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return cancel_ || to_encode_.size() < kMaxQueuedBatches; });
    if (cancel_) {
      filling_->Clear();  // the load failed; the error reaches the caller
      return;
    }
    to_encode_.push_back(std::move(filling_));
    if (!free_batches_.empty()) {
      filling_ = std::move(free_batches_.back());
      free_batches_.pop_back();
    } else {
      filling_ = std::make_unique<RecordBatch>();
      filling_->bytes.resize(kBatchBytes + (64 << 10));
    }
    cv_.notify_all();
  }

  // --- encoder thread ------------------------------------------------------

  void EncoderMain() {
    absl::Status status = EncodeAll();
    encoder_cpu_ = ThreadCpuSeconds();
    if (!status.ok()) Fail(std::move(status));
    std::lock_guard<std::mutex> lock(mu_);
    encoder_done_ = true;
    cv_.notify_all();
  }

  absl::Status EncodeAll() {
    run_.reserve(run_capacity_);
    while (true) {
      std::unique_ptr<RecordBatch> batch;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return cancel_ || !to_encode_.empty() || input_done_; });
        if (cancel_) return absl::CancelledError("bulk load cancelled");
        if (to_encode_.empty()) break;
        batch = std::move(to_encode_.front());
        to_encode_.pop_front();
        cv_.notify_all();
      }
      size_t offset = 0;
      while (offset < batch->size) {
        PARLEY_RETURN_IF_ERROR(
            encoder_->Encode(batch->bytes.data(), batch->size, &offset, run_capacity_, &run_));
        // A run also ends at as many new terms as it may hold quads: a
        // dump's dictionary, which comes before its quads, then goes to
        // id2term while the rest is read.
        if (run_.size() >= run_capacity_ || encoder_->batch_terms() >= run_capacity_) {
          PARLEY_RETURN_IF_ERROR(SealRun(/*last=*/false));
        }
      }
      batch->Clear();
      std::lock_guard<std::mutex> lock(mu_);
      free_batches_.push_back(std::move(batch));
      cv_.notify_all();
    }
    return SealRun(/*last=*/true);
  }

  // Numbers the run's new terms and hands it to the sorter once the sorter
  // is idle (so at most two runs are held: one encoded, one sorted).
  absl::Status SealRun(bool last) {
    SealedRun sealed;
    PARLEY_RETURN_IF_ERROR(encoder_->Resolve(&run_, 0, &sealed.terms));
    sealed.quads = std::move(run_);
    sealed.last = last;
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return cancel_ || (!to_sort_.has_value() && !sorter_busy_); });
    if (cancel_) return absl::CancelledError("bulk load cancelled");
    to_sort_ = std::move(sealed);
    run_ = std::move(spare_run_);
    run_.clear();
    cv_.notify_all();
    lock.unlock();
    run_.reserve(run_capacity_);
    return absl::OkStatus();
  }

  // --- sorter thread -------------------------------------------------------

  void SorterMain() {
    absl::Status status = SortAll();
    // Also after an error: no half of a run may outlive this thread, which
    // Finish() joins before deleting the files and writers halves use.
    absl::Status last_half = sorter_.Finish();
    if (status.ok()) status = last_half;
    spill_bytes_ = sorter_.spill_bytes();
    sorter_cpu_ = ThreadCpuSeconds();
    if (!status.ok()) Fail(std::move(status));
  }

  absl::Status SortAll() {
    while (true) {
      SealedRun run;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return cancel_ || to_sort_.has_value() || encoder_done_; });
        if (cancel_) return absl::CancelledError("bulk load cancelled");
        if (!to_sort_.has_value()) return absl::OkStatus();
        run = std::move(*to_sort_);
        to_sort_.reset();
        sorter_busy_ = true;
      }
      absl::Status status = SortRun(run);
      std::lock_guard<std::mutex> lock(mu_);
      sorter_busy_ = false;
      run.quads.clear();
      spare_run_ = std::move(run.quads);
      cv_.notify_all();
      PARLEY_RETURN_IF_ERROR(status);
    }
  }

  absl::Status SortRun(SealedRun& run) {
    if (!run.quads.empty()) {
      std::array<RunKeySink*, kOrderCount> sinks;
      PARLEY_RETURN_IF_ERROR(ChooseDirectWriters(run.quads, &sinks));
      std::array<std::string, kOrderCount> paths;
      bool any_direct = false;
      for (Order order : kAllOrders) {
        if (sinks[static_cast<int>(order)] != nullptr) {
          any_direct = true;
          continue;
        }
        paths[static_cast<int>(order)] =
            scratch_->File(absl::StrCat("run-", runs_.size(), ".", std::string(FamilyName(order))));
      }
      StoredQuadFilter filter{&kv_, snapshot_.get(), first_new_id_};
      RunStats stats;
      // Writing SST files directly makes a run's share of work big enough
      // to split over threads for every run, not only the last; and the
      // reader, with no parsing to do, leaves the cores to the sorter.
      // Parsing text, the sorter keeps to its thread.
      const RunSorter::Threads threads = any_direct ? RunSorter::Threads::kOverlapped
                                         : run.last ? RunSorter::Threads::kParallel
                                                    : RunSorter::Threads::kCaller;
      PARLEY_RETURN_IF_ERROR(sorter_.SortAndSpill(
          &run.quads, paths, stored_quads_ > 0 ? &filter : nullptr, threads, &stats, sinks));
      runs_.push_back(std::move(paths));
    }
    if (run.terms.keys.empty()) return absl::OkStatus();
    if (id2term_ == nullptr) {
      PARLEY_ASSIGN_OR_RETURN(
          id2term_, kv_.NewSstWriter(
                        KeyspaceOf(Family::kId2Term),
                        scratch_->File(absl::StrCat("id2term-", id2term_files_.size(), ".sst"))));
      id2term_bytes_ = 0;
    }
    // Ids ascend across batches, so files cut between batches do not
    // overlap: each is finished here, off Commit's path, once big enough.
    char id[8];
    for (size_t i = 0; i < run.terms.keys.size(); ++i) {
      StoreBigEndian64(run.terms.first_id + i, id);
      PARLEY_RETURN_IF_ERROR(id2term_->Put(std::string_view(id, 8), run.terms.keys[i]));
      id2term_bytes_ += 8 + run.terms.keys[i].size();
    }
    if (id2term_bytes_ >= dictionary_file_bytes_) {
      PARLEY_ASSIGN_OR_RETURN(uint64_t entries, id2term_->Finish());
      if (entries > 0) id2term_files_.push_back(id2term_->path());
      id2term_.reset();
    }
    term_batches_.push_back(std::move(run.terms));
    return absl::OkStatus();
  }

  // Into a store without quads, a permutation whose runs arrive in its
  // order (a dump written in GSPO order, and in SPOG order when it has one
  // graph) is written straight into its SST file as the runs are sorted,
  // neither spilled nor merged. Decided per run: a run that does not come
  // in order, or overlaps what the writer took, turns the permutation back
  // to spilling, its direct part rewritten as the first run's spill file.
  absl::Status ChooseDirectWriters(const std::vector<Key4>& run,
                                   std::array<RunKeySink*, kOrderCount>* sinks) {
    sinks->fill(nullptr);
    for (Order order : {Order::kSpog, Order::kGspo}) {
      const int i = static_cast<int>(order);
      if (stored_quads_ > 0 || direct_closed_[i]) continue;
      std::unique_ptr<PermutationWriter>& writer = direct_[i];
      const bool in_order = IsSortedIn(run.data(), run.size(), order) &&
                            (writer == nullptr || writer->CanTake(run.front()));
      if (!in_order) {
        direct_closed_[i] = true;
        if (writer != nullptr) {
          const std::string spill =
              scratch_->File(absl::StrCat("direct.", std::string(FamilyName(order))));
          PARLEY_RETURN_IF_ERROR(writer->FinishAsSpill(spill));
          runs_.front()[i] = spill;
          writer.reset();
        }
        continue;
      }
      if (writer == nullptr) {
        PermutationWriter::Options options;
        options.kv = &kv_;
        options.order = order;
        options.path = scratch_->File(absl::StrCat(std::string(FamilyName(order)), ".direct.sst"));
        options.first_new_id = first_new_id_;
        PARLEY_ASSIGN_OR_RETURN(writer, PermutationWriter::Open(std::move(options)));
      }
      (*sinks)[i] = writer.get();
    }
    return absl::OkStatus();
  }

  // --- Commit --------------------------------------------------------------

  absl::StatusOr<BulkLoadResult> CommitSteps() {
    BulkLoadResult result;
    result.statements = statements_;
    const double parse_end = Now();
    result.timings.parse = parse_end - begin_time_;
    PARLEY_RETURN_IF_ERROR(CheckUsable());
    Ship();
    {
      std::lock_guard<std::mutex> lock(mu_);
      input_done_ = true;
      cv_.notify_all();
    }
    Progress(BulkLoadPhase::kSort);
    Join();
    if (failed_) return Error();
    const double sort_end = Now();
    result.timings.sort = sort_end - parse_end;
    result.timings.encoder_cpu = encoder_cpu_;
    result.timings.sorter_cpu = sorter_cpu_;
    result.runs = runs_.size();
    result.spill_bytes = spill_bytes_;

    Progress(BulkLoadPhase::kWrite);
    PARLEY_RETURN_IF_ERROR(CheckCancelled());
    BulkWriteInput input;
    input.kv = &kv_;
    input.snapshot = snapshot_;
    input.scratch = scratch_.get();
    input.runs = runs_;
    for (size_t i = 0; i < kOrderCount; ++i) {
      input.direct[i] = direct_[i].get();
      if (direct_[i] != nullptr) ++result.direct_permutations;
    }
    input.term_batches = &term_batches_;
    input.id2term_files = id2term_files_;
    input.id2term = id2term_.get();
    input.first_new_id = first_new_id_;
    input.next_id = encoder_->next_id();
    input.store_has_quads = stored_quads_ > 0;
    input.stored_quads = stored_quads_;
    input.merge_buffer_bytes = merge_buffer_;
    input.dictionary_file_bytes = dictionary_file_bytes_;
    PARLEY_ASSIGN_OR_RETURN(BulkWriteOutput output, WriteLoadFiles(input));
    const double write_end = Now();
    result.timings.write = write_end - sort_end;

    Progress(BulkLoadPhase::kIngest);
    PARLEY_RETURN_IF_ERROR(CheckCancelled());
    if (!output.files.empty()) PARLEY_RETURN_IF_ERROR(kv_.IngestAtomically(output.files));
    result.timings.ingest = Now() - write_end;
    result.quads_added = output.quads_added;
    result.terms_added = output.terms_added;
    return result;
  }

  void Progress(BulkLoadPhase phase) {
    if (options_.progress) options_.progress(phase, statements_);
  }

  void Join() {
    if (encoder_thread_.joinable()) encoder_thread_.join();
    if (sorter_thread_.joinable()) sorter_thread_.join();
  }

  // Stops the threads and releases everything: the load's files and lease.
  void Finish() {
    finished_ = true;
    {
      std::lock_guard<std::mutex> lock(mu_);
      cancel_ = true;
      cv_.notify_all();
    }
    Join();
    id2term_.reset();
    for (std::unique_ptr<PermutationWriter>& writer : direct_) writer.reset();
    scratch_.reset();
    snapshot_.reset();
    lease_.Release();
  }

  KvStore& kv_;
  WriterLease lease_;
  const BulkLoadOptions options_;
  const uint64_t nonce_;  // names the scratch folder and the load's blank nodes
  std::shared_ptr<const KvSnapshot> snapshot_;
  TermId first_new_id_ = 1;
  uint64_t stored_quads_ = 0;
  std::unique_ptr<ScratchDir> scratch_;
  size_t run_capacity_ = kMinRunQuads;
  size_t merge_buffer_ = 1 << 20;
  uint64_t dictionary_file_bytes_ = kMaxDictionaryFileBytes;
  double begin_time_ = 0;

  // Caller thread.
  RecordWriter records_;
  std::unique_ptr<RecordBatch> filling_;
  uint64_t statements_ = 0;
  bool finished_ = false;
  std::atomic<bool> failed_{false};

  // Shared, under mu_.
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<RecordBatch>> to_encode_;
  std::vector<std::unique_ptr<RecordBatch>> free_batches_;
  bool input_done_ = false;
  bool cancel_ = false;
  absl::Status error_;
  std::optional<SealedRun> to_sort_;
  bool sorter_busy_ = false;
  bool encoder_done_ = false;
  std::vector<Key4> spare_run_;

  // Encoder thread (the encoder's views are read by the sorter and Commit
  // after the handoffs under mu_).
  std::unique_ptr<BulkEncoder> encoder_;
  std::vector<Key4> run_;
  double encoder_cpu_ = 0;
  std::thread encoder_thread_;

  // Sorter thread; read by Commit after Join().
  RunSorter sorter_;
  std::vector<std::array<std::string, kOrderCount>> runs_;
  std::array<std::unique_ptr<PermutationWriter>, kOrderCount> direct_;  // by Order
  std::array<bool, kOrderCount> direct_closed_{};
  std::vector<NewTermBatch> term_batches_;
  std::unique_ptr<KvSstWriter> id2term_;  // the open id2term file, if any
  uint64_t id2term_bytes_ = 0;
  std::vector<std::string> id2term_files_;  // finished ones
  uint64_t spill_bytes_ = 0;
  double sorter_cpu_ = 0;
  std::thread sorter_thread_;
};

std::string_view BulkLoadPhaseName(BulkLoadPhase phase) {
  switch (phase) {
    case BulkLoadPhase::kParse:
      return "parse";
    case BulkLoadPhase::kSort:
      return "sort";
    case BulkLoadPhase::kWrite:
      return "write";
    case BulkLoadPhase::kIngest:
      return "ingest";
  }
  return "?";
}

absl::StatusOr<std::unique_ptr<BulkLoader>> BulkLoader::Begin(Store& store,
                                                              const BulkLoadOptions& options) {
  if (options.db_path.empty()) {
    return absl::InvalidArgumentError("BulkLoadOptions::db_path (the database directory) is empty");
  }
  // FailedPrecondition at once when this thread already holds the lease
  // (a Load inside a transaction) or the store is closed.
  PARLEY_ASSIGN_OR_RETURN(WriterLease lease, store.AcquireWriter());
  return Begin(store, options, std::move(lease));
}

absl::StatusOr<std::unique_ptr<BulkLoader>> BulkLoader::Begin(Store& store,
                                                              const BulkLoadOptions& options,
                                                              WriterLease lease) {
  if (options.db_path.empty()) {
    return absl::InvalidArgumentError("BulkLoadOptions::db_path (the database directory) is empty");
  }
  if (!lease.held()) return absl::FailedPreconditionError("a bulk load needs the writer lease");
  auto impl = std::make_unique<Impl>(store, std::move(lease), options);
  PARLEY_RETURN_IF_ERROR(impl->Start(options.db_path));
  return std::unique_ptr<BulkLoader>(new BulkLoader(std::move(impl)));
}

BulkLoader::BulkLoader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BulkLoader::~BulkLoader() = default;

void BulkLoader::NewBlankNodeScope() { impl_->NewBlankNodeScope(); }
absl::Status BulkLoader::Add(const QuadView& quad) { return impl_->Add(quad); }
absl::Status BulkLoader::DefineLocalTerm(uint64_t local_id, const TermView& term) {
  return impl_->DefineLocalTerm(local_id, term);
}
absl::Status BulkLoader::AddLocal(const IdQuad& local_ids) {
  return impl_->AddLocal(std::span<const IdQuad>(&local_ids, 1));
}
absl::Status BulkLoader::AddLocal(std::span<const IdQuad> local_ids) {
  return impl_->AddLocal(local_ids);
}
absl::StatusOr<BulkLoadResult> BulkLoader::Commit() { return impl_->Commit(); }

}  // namespace parley::engine
