// Database export as a Parley dump (parley/dump.h), in *database id order*.
//
// The dump is canonical: export -> load into an empty database -> export
// gives the same bytes. It holds, within one snapshot:
//  1. the dictionary terms, in id order, as the first dump-local ids
//     1, 2, 3, ...: for a whole-database export every entry of the id2term
//     keyspace, used by a quad or not (Parley never garbage-collects
//     terms); with ExportOptions::graph only the dictionary terms that
//     graph's quads use. Blank nodes are relabelled b<ordinal, 12 hex
//     digits>, their ordinal among the blank nodes of this sequence, because
//     labels are database-specific (the loader renames them per load);
//  2. the quads in GSPO order of database ids, as the index holds them,
//     chunk by chunk. Inline literals (engine/values/inline_value.h) carry their
//     value in their id and have no dictionary entry: each is introduced in
//     the chunk of its first use, after all dictionary terms.
// Why this is canonical: the bulk loader gives the dictionary terms of a
// dump loaded into an empty database ids in the order the dump introduces
// them, and inline ids are the same in every database. So the reloaded
// database's dictionary ids are those of the source with the gaps closed
// (an order-preserving renumbering), its GSPO order is the source's, and
// the export repeats every call to the writer, hence every byte.
//
// Cost: one pass over id2term and one over GSPO, streaming; memory is a
// table of the dictionary ids (none when they are dense, 1..T) plus a map
// of the inline ids seen. A graph export first scans the graph's quads to
// collect the ids it uses (8 bytes per distinct id) and fetches their keys.
//
// Two threads: one reads RocksDB (id2term, then GSPO) into batches of terms
// and of one chunk of quads; the calling thread maps the quads to dump-local
// ids and feeds the writer (Cap'n Proto, zstd). The writer sees the same
// calls whatever the timing, hence the same bytes. The writer compresses
// inline (docs/measurements.md has the timings behind both choices).
//
// The engine does the reading (Dictionary::ScanInIdOrder / TermKeys,
// engine::ScanIndex); this file knows no key layout.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "api/database_impl.h"
#include "engine/dictionary.h"
#include "engine/layout/term_codec.h"
#include "engine/layout/term_id.h"
#include "engine/quad_scan.h"
#include "engine/status_macros.h"
#include "engine/values/inline_value.h"
#include "formats/dump/dump_writer.h"
#include "parley/dump.h"

namespace parley::api {
namespace {

constexpr size_t kMultiGetBatch = size_t{1} << 14;

bool IsBlankKey(std::string_view key) { return !key.empty() && key[0] == 'B'; }

// Relabels blank nodes "b%012x" of their ordinal, in the order they are seen.
class BlankLabels {
 public:
  // The key of the next blank node.
  std::string_view Next() {
    uint64_t n = next_++;
    int digits = 12;
    while (digits < 16 && (n >> (4 * digits)) != 0) ++digits;
    key_.assign("Bb");
    key_.resize(2 + static_cast<size_t>(digits));
    for (int i = digits - 1; i >= 0; --i, n >>= 4) {
      key_[2 + static_cast<size_t>(i)] = "0123456789abcdef"[n & 0xF];
    }
    return key_;
  }

 private:
  uint64_t next_ = 0;
  std::string key_;
};

// Dictionary ids -> dump-local ids: the k-th (0-based) id of an ascending
// list gets k + 1. Dense lists (1..T) map as they are; others through a
// table indexed by id when it stays within a few times the list, else by
// binary search.
class LocalIds {
 public:
  explicit LocalIds(std::vector<TermId> ids) : ids_(std::move(ids)) {
    count_ = ids_.size();
    if (ids_.empty() || ids_.back() == ids_.size()) {
      ids_.clear();
      ids_.shrink_to_fit();
      return;  // identity
    }
    if (ids_.back() < (uint64_t{1} << 32) && ids_.back() <= 4 * ids_.size() + (1 << 20)) {
      table_.assign(ids_.back() + 1, 0);
      for (size_t k = 0; k < ids_.size(); ++k) table_[ids_[k]] = static_cast<uint32_t>(k + 1);
      ids_.clear();
      ids_.shrink_to_fit();
      mode_ = Mode::kTable;
      return;
    }
    mode_ = Mode::kSearch;
  }

  // 0 when `id` is not in the list. REQUIRES: !IsInline(id).
  uint64_t Map(TermId id) const {
    switch (mode_) {
      case Mode::kIdentity:
        return id - 1 < count_ ? id : 0;
      case Mode::kTable:
        return id < table_.size() ? table_[id] : 0;
      case Mode::kSearch: {
        auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
        return it != ids_.end() && *it == id ? static_cast<uint64_t>(it - ids_.begin()) + 1 : 0;
      }
    }
    return 0;
  }
  uint64_t count() const { return count_; }

 private:
  enum class Mode { kIdentity, kTable, kSearch };
  Mode mode_ = Mode::kIdentity;
  uint64_t count_ = 0;
  std::vector<TermId> ids_;
  std::vector<uint32_t> table_;
};

// Up to one chunk's worth of work for the writer: terms to introduce, then
// quads in database ids (QuadMapper turns them into dump-local ids and
// appends the inline literals they introduce to new_terms).
struct Batch {
  schema::TermKeyBatch new_terms;
  std::vector<IdQuad> quads;
};

// Maps GSPO quads to dump-local ids; numbers inline ids on first use.
class QuadMapper {
 public:
  explicit QuadMapper(const LocalIds* dictionary) : dictionary_(dictionary) {
    next_local_ = dictionary->count() + 1;
  }

  // Maps the quads of *batch in place; the inline literals they introduce
  // go to batch->new_terms.
  absl::Status Map(Batch* batch) {
    for (IdQuad& q : batch->quads) {
      const IdQuad in = q;
      bool ok = Local(in.subject, batch, &q.subject) && Local(in.predicate, batch, &q.predicate) &&
                Local(in.object, batch, &q.object) &&
                (in.graph == kDefaultGraphId || Local(in.graph, batch, &q.graph));
      if (!ok) {
        return absl::DataLossError(
            absl::StrCat("the database has no term (or a damaged one) for an id used by the quad (",
                         in.subject, " ", in.predicate, " ", in.object, " ", in.graph, ")"));
      }
    }
    return absl::OkStatus();
  }

  // The dump-local id the next new term gets.
  uint64_t next_local() const { return next_local_; }

 private:
  bool Local(TermId id, Batch* batch, uint64_t* out) {
    if (!engine::IsInline(id)) {
      *out = dictionary_->Map(id);
      return *out != 0;
    }
    // A direct-mapped cache in front of the map: inline values repeat in
    // runs (dates, amounts), and the map's probes miss the CPU caches.
    CacheEntry& entry = cache_[(id * 0x9E3779B97F4A7C15u) >> (64 - kCacheBits)];
    if (entry.id != id) entry = CacheEntry{id, InlineLocal(id, batch)};
    *out = entry.local;
    return *out != 0;
  }

  // 0 for a damaged id (dump-local ids start at 1).
  uint64_t InlineLocal(TermId id, Batch* batch) {
    auto found = inline_ids_.find(id);
    if (found != inline_ids_.end()) return found->second;
    absl::StatusOr<Term> term = engine::DecodeInline(id);
    if (!term.ok()) return 0;
    inline_ids_.emplace(id, next_local_);
    scratch_.clear();
    engine::AppendTermKey(*term, &scratch_);
    batch->new_terms.Add(scratch_);
    return next_local_++;
  }

  static constexpr int kCacheBits = 14;
  struct CacheEntry {
    TermId id = kDefaultGraphId;  // never inline: an empty entry
    uint64_t local = 0;
  };
  std::vector<CacheEntry> cache_ = std::vector<CacheEntry>(size_t{1} << kCacheBits);
  const LocalIds* dictionary_;
  uint64_t next_local_;
  absl::flat_hash_map<TermId, uint64_t> inline_ids_;
  std::string scratch_;
};

// Calls fn(q) for each quad of GSPO whose key starts with `prefix` (the
// graph, or nothing for the whole index), in order.
absl::Status ScanGspo(const engine::KvStore& kv, std::shared_ptr<const engine::KvSnapshot> snapshot,
                      std::span<const TermId> prefix,
                      absl::FunctionRef<absl::Status(const IdQuad&)> fn) {
  return engine::ScanIndex(kv, std::move(snapshot), engine::Order::kGspo, prefix, fn);
}

// The dictionary ids the quads under `prefix` use, ascending.
absl::Status CollectIds(const engine::KvStore& kv,
                        std::shared_ptr<const engine::KvSnapshot> snapshot,
                        std::span<const TermId> prefix, std::vector<TermId>* ids, uint64_t* quads) {
  size_t compacted = 0;
  auto compact = [&] {
    std::sort(ids->begin(), ids->end());
    ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
    compacted = ids->size();
  };
  absl::Status status = ScanGspo(kv, std::move(snapshot), prefix, [&](const IdQuad& q) {
    ++*quads;
    for (TermId id : {q.subject, q.predicate, q.object, q.graph}) {
      if (id != kDefaultGraphId && !engine::IsInline(id)) ids->push_back(id);
    }
    if (ids->size() > 2 * compacted + (size_t{1} << 20)) compact();
    return absl::OkStatus();
  });
  PARLEY_RETURN_IF_ERROR(status);
  compact();
  return absl::OkStatus();
}

// Hands batches from the scan thread to the writer thread: a bounded queue,
// used batches come back for reuse.
class BatchQueue {
 public:
  // Scan side: an empty batch to fill; blocks while kDepth batches wait
  // for (or are with) the writer, unless the writer stopped.
  std::unique_ptr<Batch> Empty() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return queued_ < kDepth || stopped_; });
    if (free_.empty()) return std::make_unique<Batch>();
    std::unique_ptr<Batch> b = std::move(free_.back());
    free_.pop_back();
    return b;
  }
  // Scan side: false when the writer stopped (the scan should end).
  bool Push(std::unique_ptr<Batch> b) {
    std::lock_guard<std::mutex> lock(mu_);
    full_.push_back(std::move(b));
    ++queued_;
    cv_.notify_all();
    return !stopped_;
  }
  // Scan side: no more batches.
  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    cv_.notify_all();
  }
  // Writer side: the next full batch, or null once closed and drained.
  std::unique_ptr<Batch> Next() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !full_.empty() || closed_; });
    if (full_.empty()) return nullptr;
    std::unique_ptr<Batch> b = std::move(full_.front());
    full_.pop_front();
    return b;
  }
  void Recycle(std::unique_ptr<Batch> b) {
    b->new_terms.Clear();
    b->quads.clear();
    std::lock_guard<std::mutex> lock(mu_);
    --queued_;
    free_.push_back(std::move(b));
    cv_.notify_all();
  }
  // Writer side, after a failure: the scan stops at its next batch.
  void Stop() {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    cv_.notify_all();
  }

 private:
  static constexpr size_t kDepth = 4;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Batch>> full_;
  std::vector<std::unique_ptr<Batch>> free_;
  size_t queued_ = 0;  // pushed and not recycled yet
  bool closed_ = false;
  bool stopped_ = false;
};

// Where the scan hands a batch over; leaves *batch empty and ready to fill.
using ShipFn = std::function<absl::Status(std::unique_ptr<Batch>* batch)>;

// Reads what the dump holds, in dump order, as batches: the scan side.
class DumpScan {
 public:
  // Whole database when `graph_ids` is null; else the quads under `prefix`
  // (one graph), which use the dictionary ids *graph_ids (ascending).
  DumpScan(const engine::KvStore& kv, std::shared_ptr<const engine::KvSnapshot> snapshot,
           std::vector<TermId> prefix, std::vector<TermId>* graph_ids, size_t batch_quads)
      : kv_(kv),
        snapshot_(std::move(snapshot)),
        prefix_(std::move(prefix)),
        graph_ids_(graph_ids),
        batch_quads_(batch_quads) {}

  absl::Status Run(const ShipFn& ship) {
    std::unique_ptr<Batch> batch = std::make_unique<Batch>();
    std::vector<TermId> ids;
    if (graph_ids_ == nullptr) {
      PARLEY_RETURN_IF_ERROR(Dictionary(ship, &batch, &ids));
    } else {
      PARLEY_RETURN_IF_ERROR(TermsOf(*graph_ids_, ship, &batch));
      ids = std::move(*graph_ids_);
    }
    dictionary_.emplace(std::move(ids));
    absl::Status status = ScanGspo(kv_, snapshot_, prefix_, [&](const IdQuad& q) {
      batch->quads.push_back(q);
      if (batch->quads.size() < batch_quads_) return absl::OkStatus();
      return ship(&batch);
    });
    PARLEY_RETURN_IF_ERROR(status);
    if (batch->quads.empty() && batch->new_terms.size() == 0) return absl::OkStatus();
    return ship(&batch);
  }

  // The dictionary ids of the dump. Set by Run before it ships quads.
  const LocalIds& dictionary() const { return *dictionary_; }

 private:
  static constexpr size_t kTermBatch = size_t{1} << 16;

  // Every id2term entry in id order; *ids gets their ids.
  absl::Status Dictionary(const ShipFn& ship, std::unique_ptr<Batch>* batch,
                          std::vector<TermId>* ids) {
    BlankLabels blanks;
    return engine::Dictionary(&kv_).ScanInIdOrder(
        snapshot_, [&](TermId id, std::string_view key) -> absl::Status {
          ids->push_back(id);
          (*batch)->new_terms.Add(IsBlankKey(key) ? blanks.Next() : key);
          if ((*batch)->new_terms.size() >= kTermBatch) return ship(batch);
          return absl::OkStatus();
        });
  }

  // The terms of `ids` (dictionary ids, ascending), by MultiGet in batches.
  absl::Status TermsOf(std::span<const TermId> ids, const ShipFn& ship,
                       std::unique_ptr<Batch>* batch) {
    const engine::Dictionary dictionary(&kv_);
    std::vector<std::string> keys;
    BlankLabels blanks;
    for (size_t begin = 0; begin < ids.size(); begin += kMultiGetBatch) {
      const size_t count = std::min(ids.size() - begin, kMultiGetBatch);
      PARLEY_RETURN_IF_ERROR(
          dictionary.TermKeys(ids.subspan(begin, count), snapshot_.get(), &keys));
      for (const std::string& key : keys) {
        (*batch)->new_terms.Add(IsBlankKey(key) ? blanks.Next() : key);
      }
      PARLEY_RETURN_IF_ERROR(ship(batch));
    }
    return absl::OkStatus();
  }

  const engine::KvStore& kv_;
  std::shared_ptr<const engine::KvSnapshot> snapshot_;
  const std::vector<TermId> prefix_;
  std::vector<TermId>* graph_ids_;
  const size_t batch_quads_;
  std::optional<LocalIds> dictionary_;
};

// The writer side: maps each batch's quads and writes its terms and quads.
class BatchWriter {
 public:
  BatchWriter(const DumpScan* scan, schema::DumpWriter* writer) : scan_(scan), writer_(writer) {}

  absl::Status Write(Batch* batch) {
    if (!batch->quads.empty()) {
      if (!mapper_) mapper_.emplace(&scan_->dictionary());
      PARLEY_RETURN_IF_ERROR(mapper_->Map(batch));
    }
    PARLEY_RETURN_IF_ERROR(writer_->AddTermKeys(batch->new_terms));
    return writer_->AddLocalQuads(batch->quads);
  }

  // After the last batch: whether the writer numbered terms as the mapper.
  absl::Status Check() const {
    const uint64_t next = mapper_ ? mapper_->next_local() : scan_->dictionary().count() + 1;
    if (writer_->terms_introduced() + 1 == next) return absl::OkStatus();
    return absl::InternalError("dump export: the writer and the mapper disagree on term ids");
  }

 private:
  const DumpScan* scan_;
  schema::DumpWriter* writer_;
  std::optional<QuadMapper> mapper_;
};

// Runs `scan` on a second thread and writes its batches on this one.
absl::Status ScanAndWrite(DumpScan& scan, schema::DumpWriter* writer) {
  BatchWriter batch_writer(&scan, writer);
  BatchQueue queue;
  absl::Status scan_status;
  std::thread scanner([&] {
    scan_status = scan.Run([&](std::unique_ptr<Batch>* batch) {
      bool go_on = queue.Push(std::move(*batch));
      *batch = queue.Empty();
      return go_on ? absl::OkStatus() : absl::CancelledError("the dump writer failed");
    });
    queue.Close();
  });
  absl::Status status;
  while (std::unique_ptr<Batch> batch = queue.Next()) {
    if (status.ok()) {
      status = batch_writer.Write(batch.get());
      if (!status.ok()) queue.Stop();
    }
    queue.Recycle(std::move(batch));
  }
  scanner.join();
  PARLEY_RETURN_IF_ERROR(status);  // the cause when the scan was cancelled
  PARLEY_RETURN_IF_ERROR(scan_status);
  return batch_writer.Check();
}

}  // namespace

absl::StatusOr<ExportSummary> DatabaseImpl::ExportDump(const std::string& path, int fd,
                                                       const ExportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const engine::KvStore& kv = store_->kv();
  std::shared_ptr<const engine::KvSnapshot> snapshot = kv.GetSnapshot();

  // A graph export needs its ids before the writer starts (the header
  // carries the quad count).
  std::vector<TermId> prefix;
  std::vector<TermId> graph_ids;
  std::optional<uint64_t> graph_quads;
  if (options.graph) {
    PARLEY_ASSIGN_OR_RETURN(std::optional<TermId> id,
                            engine::Dictionary(&kv).Lookup(*options.graph, snapshot.get()));
    graph_quads = 0;
    if (id) {
      prefix.push_back(*id);
      PARLEY_RETURN_IF_ERROR(CollectIds(kv, snapshot, prefix, &graph_ids, &*graph_quads));
    }
  }

  schema::DumpWriterOptions writer_options;
  writer_options.zstd = options.zstd;
  writer_options.zstd_level = options.zstd_level;
  writer_options.packed = options.packed;
  writer_options.producer = "parley";
  writer_options.quad_count = graph_quads;
  writer_options.validate_terms = false;  // validated when they were stored
  // Files are written by Export() (api/exporter.cc), through a temporary
  // file it renames once this returned OK; here they are descriptors.
  if (fd < 0 && path != "-") {
    return absl::InternalError(absl::StrCat("dump export to ", path, " without a descriptor"));
  }
  absl::StatusOr<std::unique_ptr<schema::DumpWriter>> opened =
      schema::DumpWriter::CreateForFd(fd >= 0 ? fd : STDOUT_FILENO, writer_options);
  PARLEY_RETURN_IF_ERROR(opened.status());
  std::unique_ptr<schema::DumpWriter> writer = std::move(*opened);

  if (!options.graph || *graph_quads > 0) {
    DumpScan scan(kv, snapshot, std::move(prefix), options.graph ? &graph_ids : nullptr,
                  writer_options.chunk_quads);
    PARLEY_RETURN_IF_ERROR(ScanAndWrite(scan, writer.get()));
  }
  PARLEY_ASSIGN_OR_RETURN(schema::DumpFooter footer, writer->Finish());
  ExportSummary summary;
  summary.quads = footer.quad_count;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace parley::api

namespace parley {

absl::StatusOr<ExportSummary> ExportDump(Database& db, const std::string& path,
                                         const ExportOptions& options) {
  ExportOptions dump_options = options;
  dump_options.format = DataFormat::kDump;
  return db.Export(path, dump_options);
}

absl::StatusOr<ExportSummary> ExportDumpToFd(Database& db, int fd, const ExportOptions& options) {
  if (fd < 0) return absl::InvalidArgumentError(absl::StrCat("ExportDumpToFd: bad fd ", fd));
  return db.ExportDumpToFd(fd, options);
}

}  // namespace parley