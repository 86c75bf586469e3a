#include "engine/kv/kv_store.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "engine/kv/huge_page_allocator.h"
#include "engine/kv/info_log.h"
#include "engine/status_macros.h"
#include "rocksdb/cache.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/listener.h"
#include "rocksdb/options.h"
#include "rocksdb/sst_file_reader.h"
#include "rocksdb/sst_file_writer.h"
#include "rocksdb/table.h"
#include "rocksdb/transaction_log.h"
#include "rocksdb/utilities/checkpoint.h"
#include "rocksdb/write_buffer_manager.h"

namespace parley::engine {
namespace {

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }
std::string_view ToView(const rocksdb::Slice& s) { return std::string_view(s.data(), s.size()); }

// The one place where a rocksdb::Status becomes an absl::Status. `what`
// names the operation; `path` is the store's directory.
absl::Status FromRocks(const rocksdb::Status& s, std::string_view what, std::string_view path) {
  if (s.ok()) return absl::OkStatus();
  const std::string text = s.ToString();
  const std::string message = absl::StrCat(std::string(what), " (", std::string(path), "): ", text);
  switch (s.code()) {
    case rocksdb::Status::kNotFound:
      return absl::NotFoundError(message);
    case rocksdb::Status::kCorruption:
      return absl::DataLossError(message);
    case rocksdb::Status::kNotSupported:
      return absl::UnimplementedError(message);
    case rocksdb::Status::kInvalidArgument:
      return absl::InvalidArgumentError(message);
    case rocksdb::Status::kIOError:
      // RocksDB locks <path>/LOCK with fcntl; another process holding it gives
      // "While lock file: <path>/LOCK: Resource temporarily unavailable", and
      // another DB object of this process "lock hold by current process".
      if (absl::StrContains(text, "lock hold by")) {
        return absl::UnavailableError(absl::StrCat(
            "database ", std::string(path),
            " is in use by another process, or by this one: another Database, or read views, "
            "iterators or transactions that outlived theirs (",
            text, ")"));
      }
      if (absl::StrContains(text, "/LOCK")) {
        return absl::UnavailableError(absl::StrCat("database ", std::string(path),
                                                   " is in use by another process (", text, ")"));
      }
      if (s.subcode() == rocksdb::Status::kNoSpace) return absl::ResourceExhaustedError(message);
      return absl::InternalError(message);
    case rocksdb::Status::kBusy:
    case rocksdb::Status::kTryAgain:
      return absl::UnavailableError(message);
    case rocksdb::Status::kTimedOut:
    case rocksdb::Status::kExpired:
      return absl::DeadlineExceededError(message);
    case rocksdb::Status::kAborted:
    case rocksdb::Status::kShutdownInProgress:
      return absl::AbortedError(message);
    case rocksdb::Status::kColumnFamilyDropped:
      return absl::FailedPreconditionError(message);
    default:
      return absl::InternalError(message);
  }
}

// Options shared by every keyspace (docs/measurements.md has the figures
// behind each choice):
// - zstd at every level, bottommost too: markedly smaller than snappy or
//   lz4 for somewhat slower writes, and the size wins for a store that is
//   read far more than written. Level 3 (zstd's default): higher levels
//   saved little more and cost much write speed.
// - 16 KiB blocks: fixed-width keys with long shared prefixes compress
//   better in bigger blocks; point reads decompress a bigger block, which
//   the block cache absorbs.
// - One LRU block cache for all keyspaces, so Options::block_cache_bytes is
//   the budget whichever index a workload uses. The memtables of every
//   keyspace share one write buffer manager of a quarter of that budget,
//   charged to the same cache: eight keyspaces at RocksDB's default 64 MiB
//   write buffers each could otherwise hold 1 GiB on their own. Its blocks live in memory
//   that can be backed by huge pages (huge_page_allocator.h): page faults
//   on fresh blocks were most of a cold query's time.
// - level_compaction_dynamic_level_bytes: keeps most of the data in the
//   bottommost level, bounding space amplification.
// - No zstd dictionary, term text included: with 16 KiB blocks one made the
//   files bigger and compressing slower, and training it costs every bulk
//   load CPU time.
rocksdb::ColumnFamilyOptions FamilyOptions(const KeyspaceOptions& keyspace,
                                           const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions options;
  options.compression = rocksdb::kZSTD;
  options.bottommost_compression = rocksdb::kZSTD;
  options.level_compaction_dynamic_level_bytes = true;
  rocksdb::BlockBasedTableOptions table;
  table.block_size = 16 << 10;
  table.block_cache = cache;
  table.format_version = 5;
  // Index and filter blocks are read into the block cache when first used,
  // not all at open: opening a database then costs little, and a query
  // pays only for the files it reads.
  table.cache_index_and_filter_blocks = true;
  if (keyspace.point_lookup_filter) {
    // 10 bits/key (~1% false positives): a Get for an absent key then
    // usually skips every SST file, so misses cost a fraction of hits.
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    table.whole_key_filtering = true;
  }
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return options;
}

// The number of a WAL file name ("000123.log"), or nullopt for any other
// name (LOG, LOG.old.*, MANIFEST-*, *.sst, ...).
std::optional<uint64_t> WalFileNumber(std::string_view name) {
  constexpr std::string_view kSuffix = ".log";
  if (name.size() <= kSuffix.size() || !name.ends_with(kSuffix)) return std::nullopt;
  const std::string_view digits = name.substr(0, name.size() - kSuffix.size());
  uint64_t number = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return number;
}

// Works around facebook/rocksdb#11313 (fixed by #11409 in RocksDB 8.3; Debian
// ships 7.8.3): every DB::Open creates a new WAL, and when the previous one is
// empty no memtable flush happens, so the min log number to keep stays put
// and the empty WAL is never deleted: one more 0-byte NNNNNN.log per open.
// Recovery reads no record from them; they cost an inode each and are listed
// and opened again by every open.
//
// Deletes the WAL files of `path` that are 0 bytes long AND numbered below the
// WAL that `db` writes now. Safe because:
// - the caller holds the database's LOCK (taken by DB::Open), so no other
//   process writes a WAL here, and this process only appends to its current
//   WAL (RocksDB never writes to an older one again): a file seen empty stays
//   empty, and the current WAL, empty right after the open, is never touched;
// - an empty WAL holds no record, so recovery reads the same records (and
//   detects the same corruption and sequence gaps) with or without it; a
//   WAL with any byte in it may hold writes not yet flushed and is kept;
// - the RocksDB maintainer's advice on #11313: safe while
//   track_and_verify_wals_in_manifest is false (with it, a WAL missing from
//   the directory fails the next open). The caller checks that, and that WALs
//   live in `path` (no wal_dir) and are not recycled (a recycled WAL is
//   renamed and rewritten by RocksDB).
// DB::GetSortedWalFiles cannot be used to find them: RocksDB 7.8 leaves empty
// WALs out of that list. Failures are ignored: a file left behind is what
// RocksDB itself does, and must not fail the open.
void DeleteStaleEmptyWals(rocksdb::DB& db, const std::string& path) {
  std::unique_ptr<rocksdb::LogFile> current;
  if (!db.GetCurrentWalFile(&current).ok() || current == nullptr) return;
  const uint64_t current_number = current->LogNumber();
  std::error_code ec;
  for (std::filesystem::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    const std::optional<uint64_t> number = WalFileNumber(it->path().filename().native());
    if (!number.has_value() || *number >= current_number) continue;
    std::error_code file_ec;
    if (it->symlink_status(file_ec).type() != std::filesystem::file_type::regular) continue;
    if (it->file_size(file_ec) != 0) continue;     // also on error: uintmax_t(-1)
    std::filesystem::remove(it->path(), file_ec);  // ignored, see above
  }
}

}  // namespace

// --- KvSnapshot ------------------------------------------------------------

struct KvSnapshot::Rep {
  std::shared_ptr<const KvStore> store;  // keeps `db` open
  rocksdb::DB* db;
  const rocksdb::Snapshot* snapshot;
};

KvSnapshot::KvSnapshot(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
KvSnapshot::~KvSnapshot() { rep_->db->ReleaseSnapshot(rep_->snapshot); }

// --- KvIterator ------------------------------------------------------------

struct KvIterator::Rep {
  // Declared first, so destroyed last: the RocksDB iterator, then the
  // snapshot, then (maybe) the database.
  std::shared_ptr<const KvStore> store;
  std::shared_ptr<const KvSnapshot> snapshot;
  // The bounds and their slices live here because ReadOptions points at them
  // for the iterator's whole life.
  std::string lower;
  std::string upper;
  rocksdb::Slice lower_slice;
  rocksdb::Slice upper_slice;
  std::unique_ptr<rocksdb::Iterator> it;
  std::string_view path;
};

KvIterator::KvIterator(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
KvIterator::~KvIterator() = default;

void KvIterator::Seek(std::string_view target) {
  if (target < rep_->lower) target = rep_->lower;
  rep_->it->Seek(ToSlice(target));
}
void KvIterator::SeekToFirst() { Seek(rep_->lower); }
bool KvIterator::Valid() const { return rep_->it->Valid(); }
void KvIterator::Next() { rep_->it->Next(); }
std::string_view KvIterator::key() const { return ToView(rep_->it->key()); }
std::string_view KvIterator::value() const { return ToView(rep_->it->value()); }
absl::Status KvIterator::status() const {
  return FromRocks(rep_->it->status(), "iterate", rep_->path);
}

// --- KvWriteBatch ----------------------------------------------------------

struct KvWriteBatch::Rep {
  std::shared_ptr<const KvStore> store;  // keeps `handles` alive
  const std::vector<rocksdb::ColumnFamilyHandle*>* handles;
  rocksdb::WriteBatch batch;
  size_t count = 0;
};

KvWriteBatch::KvWriteBatch(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
KvWriteBatch::~KvWriteBatch() = default;
KvWriteBatch::KvWriteBatch(KvWriteBatch&&) noexcept = default;
KvWriteBatch& KvWriteBatch::operator=(KvWriteBatch&&) noexcept = default;

void KvWriteBatch::Put(Keyspace keyspace, std::string_view key, std::string_view value) {
  PARLEY_CHECK(keyspace < rep_->handles->size());
  // WriteBatch only fails past 4 GiB of content, which a caller that builds
  // batches from user data must not reach; it is a bug, not input.
  PARLEY_CHECK(rep_->batch.Put((*rep_->handles)[keyspace], ToSlice(key), ToSlice(value)).ok());
  ++rep_->count;
}

void KvWriteBatch::Delete(Keyspace keyspace, std::string_view key) {
  PARLEY_CHECK(keyspace < rep_->handles->size());
  PARLEY_CHECK(rep_->batch.Delete((*rep_->handles)[keyspace], ToSlice(key)).ok());
  ++rep_->count;
}

size_t KvWriteBatch::Count() const { return rep_->count; }

// --- KvSstWriter -----------------------------------------------------------

struct KvSstWriter::Rep {
  std::shared_ptr<const KvStore> store;  // keeps the column family handle alive
  std::string path;
  std::string_view db_path;
  rocksdb::Options options;
  std::unique_ptr<rocksdb::SstFileWriter> writer;
  uint64_t entries = 0;
  bool finished = false;
};

KvSstWriter::KvSstWriter(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}

KvSstWriter::~KvSstWriter() {
  if (rep_->finished) return;
  rep_->writer.reset();
  std::error_code ignored;
  std::filesystem::remove(rep_->path, ignored);
}

absl::Status KvSstWriter::Put(std::string_view key, std::string_view value) {
  if (rep_->finished) return absl::FailedPreconditionError("SST file already finished");
  // The hot path of a bulk load: build the error message only on error.
  rocksdb::Status status = rep_->writer->Put(ToSlice(key), ToSlice(value));
  if (!status.ok()) {
    return FromRocks(status, absl::StrCat("write SST file ", rep_->path), rep_->db_path);
  }
  ++rep_->entries;
  return absl::OkStatus();
}

absl::Status KvSstWriter::Delete(std::string_view key) {
  if (rep_->finished) return absl::FailedPreconditionError("SST file already finished");
  rocksdb::Status status = rep_->writer->Delete(ToSlice(key));
  if (!status.ok()) {
    return FromRocks(status, absl::StrCat("write SST file ", rep_->path), rep_->db_path);
  }
  ++rep_->entries;
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> KvSstWriter::Finish() {
  if (rep_->finished) return absl::FailedPreconditionError("SST file already finished");
  rep_->finished = true;
  if (rep_->entries == 0) {
    rep_->writer.reset();
    std::error_code ignored;
    std::filesystem::remove(rep_->path, ignored);
    return uint64_t{0};
  }
  absl::Status status = FromRocks(rep_->writer->Finish(),
                                  absl::StrCat("finish SST file ", rep_->path), rep_->db_path);
  if (!status.ok()) {
    rep_->finished = false;  // let the destructor delete the partial file
    return status;
  }
  return rep_->entries;
}

const std::string& KvSstWriter::path() const { return rep_->path; }

// --- KvStore ---------------------------------------------------------------

struct KvStore::Rep {
  std::string path;
  bool read_only = false;  // opened with OpenForReadOnly: no WAL to sync
  rocksdb::DBOptions db_options;
  // With KvOptions::faults: the environment db_options.env points to, and
  // what owns its file system.
  std::shared_ptr<FaultInjection> faults;
  std::unique_ptr<rocksdb::Env> faulty_env;
  std::vector<rocksdb::ColumnFamilyOptions> family_options;  // by Keyspace
  std::vector<std::string> existing;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // by Keyspace
  std::vector<rocksdb::ColumnFamilyHandle*> unlisted;
  rocksdb::DB* db = nullptr;
  bool closed = false;

  // Only the last reference to the KvStore gets here, so nothing else uses
  // the database any more.
  ~Rep() { CloseDb().PermitUncheckedError(); }

  rocksdb::Status CloseDb() {
    if (db == nullptr) return rocksdb::Status::OK();
    for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
    for (auto* handle : unlisted) db->DestroyColumnFamilyHandle(handle);
    handles.clear();
    unlisted.clear();
    rocksdb::Status status = db->Close();
    delete std::exchange(db, nullptr);
    return status;
  }

  // The open database; closing it first is a bug of the caller.
  rocksdb::DB* Db() const {
    PARLEY_CHECK(db != nullptr);
    return db;
  }

  absl::Status Check(const rocksdb::Status& s, std::string_view what) const {
    return FromRocks(s, what, path);
  }
  rocksdb::ReadOptions ReadOptionsAt(const KvSnapshot* snapshot) const {
    rocksdb::ReadOptions read;
    if (snapshot != nullptr) read.snapshot = snapshot->rep_->snapshot;
    return read;
  }
  absl::Status CheckKeyspace(Keyspace keyspace) const {
    if (keyspace >= handles.size()) {
      return absl::InvalidArgumentError(absl::StrCat("no keyspace ", keyspace));
    }
    return absl::OkStatus();
  }
};

namespace {

// A writable open writes a new MANIFEST, OPTIONS file, write-ahead log and
// info LOG before it can fail cleanly, and Debian's RocksDB aborts (an
// assertion in WritableFileWriter) when one of those writes hits a full
// disk. So a writable open first checks that there is room for them.
constexpr uint64_t kMinFreeBytesToOpen = uint64_t{1} << 20;

absl::Status CheckFreeSpace(const std::string& path) {
  std::error_code error;
  std::filesystem::path probe = std::filesystem::absolute(path, error);
  while (!probe.empty() && !std::filesystem::exists(probe, error)) {
    if (probe == probe.parent_path()) break;
    probe = probe.parent_path();
  }
  const std::filesystem::space_info space = std::filesystem::space(probe, error);
  if (error || space.available >= kMinFreeBytesToOpen) return absl::OkStatus();
  return absl::ResourceExhaustedError(
      absl::StrCat("the file system holding ", path, " is full (", space.available / 1024,
                   " KiB free; opening a database for writing needs ", kMinFreeBytesToOpen >> 10,
                   " KiB): free some space, or open it read-only to read it"));
}

// After a write to the store's files fails (a full disk, an I/O error),
// RocksDB refuses writes with that error and, for a full disk, keeps
// retrying in the background until one succeeds; closing then waits for
// the retries. Parley turns the retries off: the handle keeps refusing
// writes (reads go on) and closes without waiting for retries, and the
// next open, once there is room again, starts clean from the synced state.
class NoAutomaticRecovery final : public rocksdb::EventListener {
 public:
  const char* Name() const override { return "ParleyNoAutomaticRecovery"; }
  void OnErrorRecoveryBegin(rocksdb::BackgroundErrorReason /*reason*/, rocksdb::Status /*error*/,
                            bool* auto_recovery) override {
    *auto_recovery = false;
  }
};

}  // namespace

KvStore::KvStore(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
KvStore::~KvStore() = default;

absl::StatusOr<std::shared_ptr<KvStore>> KvStore::Open(const std::string& path,
                                                       const KvOptions& options) {
  if (options.keyspaces.empty() || options.keyspaces[0].name != rocksdb::kDefaultColumnFamilyName) {
    return absl::InvalidArgumentError("the first keyspace must be \"default\"");
  }
  auto rep = std::make_unique<Rep>();
  rep->path = path;
  rep->read_only = options.read_only;
  const bool create = options.create_if_missing && !options.read_only;
  const bool create_keyspaces = options.create_missing_keyspaces && !options.read_only;
  rep->db_options.create_if_missing = create;
  // Each open starts a new LOG file; keep a few for diagnosis, not hundreds.
  rep->db_options.keep_log_file_num = 4;
  // RocksDB opens the table files of each keyspace on up to 16 threads of
  // their own, started afresh for every open: over a hundred thread starts
  // for eight keyspaces that hold a few files each (bulk loads write one
  // file per keyspace). One thread per keyspace opens faster.
  rep->db_options.max_file_opening_threads = 1;
  rep->db_options.listeners.push_back(std::make_shared<NoAutomaticRecovery>());
  if (options.faults != nullptr) {
    rep->faults = options.faults;
    rep->faulty_env = rocksdb::NewCompositeEnv(options.faults->file_system());
    rep->db_options.env = rep->faulty_env.get();
  }

  if (!options.read_only) PARLEY_RETURN_IF_ERROR(CheckFreeSpace(path));
  std::error_code ec;
  const bool exists = std::filesystem::exists(std::filesystem::path(path) / "CURRENT", ec);
  if (!exists) {
    if (!create) return absl::NotFoundError(absl::StrCat("no database in ", path));
    rep->existing = {std::string(rocksdb::kDefaultColumnFamilyName)};
  } else {
    PARLEY_RETURN_IF_ERROR(
        rep->Check(rocksdb::DB::ListColumnFamilies(rep->db_options, path, &rep->existing), "open"));
  }

  rocksdb::LRUCacheOptions cache_options;
  cache_options.capacity = options.block_cache_bytes;
  cache_options.memory_allocator = std::make_shared<HugePageAllocator>();
  auto cache = rocksdb::NewLRUCache(cache_options);
  rep->db_options.write_buffer_manager =
      std::make_shared<rocksdb::WriteBufferManager>(options.block_cache_bytes / 4, cache);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const KeyspaceOptions& keyspace : options.keyspaces) {
    const bool present =
        std::find(rep->existing.begin(), rep->existing.end(), keyspace.name) != rep->existing.end();
    if (!present && !create_keyspaces) {
      return absl::FailedPreconditionError(
          absl::StrCat("database ", path, " has no keyspace \"", keyspace.name, "\""));
    }
    rep->family_options.push_back(FamilyOptions(keyspace, cache));
    descriptors.emplace_back(keyspace.name, rep->family_options.back());
  }
  for (const std::string& name : rep->existing) {
    const bool listed =
        std::any_of(options.keyspaces.begin(), options.keyspaces.end(),
                    [&](const KeyspaceOptions& keyspace) { return keyspace.name == name; });
    if (!listed) descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  rep->db_options.create_missing_column_families = create_keyspaces;

  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  if (options.read_only) {
    // Reading changes nothing in the directory (RocksDB would rotate LOG).
    rep->db_options.info_log = DiscardingInfoLog();
    PARLEY_RETURN_IF_ERROR(rep->Check(
        rocksdb::DB::OpenForReadOnly(rep->db_options, path, descriptors, &handles, &rep->db),
        "open"));
    rep->handles.assign(handles.begin(), handles.begin() + options.keyspaces.size());
    rep->unlisted.assign(handles.begin() + options.keyspaces.size(), handles.end());
    return std::shared_ptr<KvStore>(new KvStore(std::move(rep)));
  }
  rep->db_options.info_log = OpenInfoLog(path);
  PARLEY_RETURN_IF_ERROR(rep->Check(
      rocksdb::DB::Open(rep->db_options, path, descriptors, &handles, &rep->db), "open"));
  rep->handles.assign(handles.begin(), handles.begin() + options.keyspaces.size());
  rep->unlisted.assign(handles.begin() + options.keyspaces.size(), handles.end());
  // Here, after DB::Open and before any write: this process holds the LOCK.
  // Only RocksDB < 8.3 needs it (facebook/rocksdb#11313); the conditions are
  // those under which deleting an empty WAL is safe (see the function).
  if (!rep->db_options.track_and_verify_wals_in_manifest && rep->db_options.wal_dir.empty() &&
      rep->db_options.recycle_log_file_num == 0) {
    DeleteStaleEmptyWals(*rep->db, path);
  }
  return std::shared_ptr<KvStore>(new KvStore(std::move(rep)));
}

const std::vector<std::string>& KvStore::existing_keyspaces() const { return rep_->existing; }

std::shared_ptr<const KvSnapshot> KvStore::GetSnapshot() const {
  auto rep = std::make_unique<KvSnapshot::Rep>();
  rep->store = shared_from_this();
  rep->db = rep_->Db();
  rep->snapshot = rep->db->GetSnapshot();
  return std::shared_ptr<const KvSnapshot>(new KvSnapshot(std::move(rep)));
}

absl::StatusOr<std::optional<std::string>> KvStore::Get(Keyspace keyspace, std::string_view key,
                                                        const KvSnapshot* snapshot) const {
  PARLEY_RETURN_IF_ERROR(rep_->CheckKeyspace(keyspace));
  std::string value;
  rocksdb::Status s =
      rep_->Db()->Get(rep_->ReadOptionsAt(snapshot), rep_->handles[keyspace], ToSlice(key), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  PARLEY_RETURN_IF_ERROR(rep_->Check(s, "get"));
  return std::optional<std::string>(std::move(value));
}

absl::Status KvStore::MultiGet(Keyspace keyspace, const std::vector<std::string>& keys,
                               const KvSnapshot* snapshot,
                               std::vector<std::optional<std::string>>* values) const {
  PARLEY_RETURN_IF_ERROR(rep_->CheckKeyspace(keyspace));
  values->assign(keys.size(), std::nullopt);
  if (keys.empty()) return absl::OkStatus();
  std::vector<rocksdb::Slice> slices;
  slices.reserve(keys.size());
  for (const std::string& key : keys) slices.push_back(ToSlice(key));
  std::vector<rocksdb::PinnableSlice> found(keys.size());
  std::vector<rocksdb::Status> statuses(keys.size());
  rep_->Db()->MultiGet(rep_->ReadOptionsAt(snapshot), rep_->handles[keyspace], keys.size(),
                       slices.data(), found.data(), statuses.data());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (statuses[i].IsNotFound()) continue;
    PARLEY_RETURN_IF_ERROR(rep_->Check(statuses[i], "multiget"));
    (*values)[i] = found[i].ToString();
  }
  return absl::OkStatus();
}

std::unique_ptr<KvIterator> KvStore::NewIterator(Keyspace keyspace,
                                                 std::shared_ptr<const KvSnapshot> snapshot,
                                                 std::string_view lower,
                                                 std::string_view upper) const {
  PARLEY_CHECK(keyspace < rep_->handles.size());
  auto rep = std::make_unique<KvIterator::Rep>();
  rep->store = shared_from_this();
  rep->snapshot = std::move(snapshot);
  rep->lower = std::string(lower);
  rep->upper = std::string(upper);
  rep->path = rep_->path;
  rocksdb::ReadOptions read = rep_->ReadOptionsAt(rep->snapshot.get());
  if (!rep->lower.empty()) {
    rep->lower_slice = ToSlice(rep->lower);
    read.iterate_lower_bound = &rep->lower_slice;
  }
  if (!rep->upper.empty()) {
    rep->upper_slice = ToSlice(rep->upper);
    read.iterate_upper_bound = &rep->upper_slice;
  }
  rep->it.reset(rep_->Db()->NewIterator(read, rep_->handles[keyspace]));
  return std::unique_ptr<KvIterator>(new KvIterator(std::move(rep)));
}

KvWriteBatch KvStore::NewWriteBatch() const {
  auto rep = std::make_unique<KvWriteBatch::Rep>();
  rep->store = shared_from_this();
  rep->handles = &rep_->handles;
  return KvWriteBatch(std::move(rep));
}

absl::Status KvStore::Write(KvWriteBatch& batch, bool sync) {
  PARLEY_CHECK(batch.rep_->handles == &rep_->handles);
  rocksdb::WriteOptions write;
  write.sync = sync;
  return rep_->Check(rep_->Db()->Write(write, &batch.rep_->batch), "write");
}

absl::StatusOr<std::unique_ptr<KvSstWriter>> KvStore::NewSstWriter(
    Keyspace keyspace, const std::string& file_path) const {
  PARLEY_RETURN_IF_ERROR(rep_->CheckKeyspace(keyspace));
  auto rep = std::make_unique<KvSstWriter::Rep>();
  rep->store = shared_from_this();
  rep->path = file_path;
  rep->db_path = rep_->path;
  rep->options = rocksdb::Options(rep_->db_options, rep_->family_options[keyspace]);
  // Keeps the file in the page cache (RocksDB's default drops it every MiB
  // written, one fadvise per MiB and a check per key): what a load just
  // wrote is what is read next, and the kernel reclaims it when it must.
  rep->writer = std::make_unique<rocksdb::SstFileWriter>(rocksdb::EnvOptions(), rep->options,
                                                         rep_->handles[keyspace],
                                                         /*invalidate_page_cache=*/false);
  PARLEY_RETURN_IF_ERROR(
      rep_->Check(rep->writer->Open(file_path), absl::StrCat("create SST file ", file_path)));
  return std::unique_ptr<KvSstWriter>(new KvSstWriter(std::move(rep)));
}

absl::Status KvStore::ScanSstFile(Keyspace keyspace, const std::string& file_path,
                                  absl::FunctionRef<absl::Status(std::string_view key)> fn) const {
  PARLEY_RETURN_IF_ERROR(rep_->CheckKeyspace(keyspace));
  rocksdb::SstFileReader reader(rocksdb::Options(rep_->db_options, rep_->family_options[keyspace]));
  PARLEY_RETURN_IF_ERROR(
      rep_->Check(reader.Open(file_path), absl::StrCat("open SST file ", file_path)));
  rocksdb::ReadOptions read;
  read.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(reader.NewIterator(read));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    PARLEY_RETURN_IF_ERROR(fn(std::string_view(it->key().data(), it->key().size())));
  }
  return rep_->Check(it->status(), absl::StrCat("read SST file ", file_path));
}

absl::Status KvStore::IngestAtomically(const std::vector<KvIngestFiles>& files) {
  std::vector<rocksdb::IngestExternalFileArg> args;
  std::vector<bool> seen(rep_->handles.size(), false);
  for (const KvIngestFiles& entry : files) {
    PARLEY_RETURN_IF_ERROR(rep_->CheckKeyspace(entry.keyspace));
    if (seen[entry.keyspace]) {
      return absl::InvalidArgumentError(
          absl::StrCat("keyspace ", entry.keyspace, " listed twice for one ingestion"));
    }
    seen[entry.keyspace] = true;
    if (entry.paths.empty()) continue;
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = rep_->handles[entry.keyspace];
    arg.external_files = entry.paths;
    arg.options.move_files = true;
    // Old snapshots must keep not seeing the new entries (read views).
    arg.options.snapshot_consistency = true;
    // Ingested keys may replace existing ones (e.g. statistics, counters):
    // they then get a sequence number above everything stored.
    arg.options.allow_global_seqno = true;
    arg.options.allow_blocking_flush = true;
    // Only RocksDB older than 5.16 needs the seqno written into the file;
    // skipping it saves a random write per file and keeps its checksum.
    arg.options.write_global_seqno = false;
    args.push_back(std::move(arg));
  }
  if (args.empty()) return absl::OkStatus();
  return rep_->Check(rep_->Db()->IngestExternalFiles(args), "ingest SST files");
}

absl::StatusOr<uint64_t> KvStore::ApproximateBytes(Keyspace keyspace, std::string_view lower,
                                                   std::string_view upper) const {
  // RocksDB wants both bounds: the empty key is the smallest, and a key of
  // 0xff bytes longer than any key (quad keys are 32 bytes, term keys are
  // bounded by the term) stands in for "the end".
  const std::string end_of_keyspace(4096, '\xff');
  const rocksdb::Slice start(lower.data(), lower.size());
  const rocksdb::Slice limit =
      upper.empty() ? rocksdb::Slice(end_of_keyspace) : rocksdb::Slice(upper.data(), upper.size());
  const rocksdb::Range range(start, limit);
  rocksdb::SizeApproximationOptions options;
  options.include_memtables = true;
  options.include_files = true;
  uint64_t bytes = 0;
  PARLEY_RETURN_IF_ERROR(rep_->Check(
      rep_->Db()->GetApproximateSizes(options, rep_->handles.at(keyspace), &range, 1, &bytes),
      "estimate"));
  return bytes;
}

absl::Status KvStore::Close() {
  if (rep_->closed) return absl::OkStatus();
  // The caller's own reference is one; any other is a live snapshot,
  // iterator, batch, SST writer or owner.
  const long others = weak_from_this().use_count() - 1;
  if (others > 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot close database ", rep_->path, ": ", others,
                     " snapshot(s), iterator(s) or other reference(s) to it are still alive"));
  }
  rep_->closed = true;
  absl::Status synced = rep_->read_only
                            ? absl::OkStatus()
                            : rep_->Check(rep_->Db()->FlushWAL(/*sync=*/true), "sync WAL on close");
  absl::Status closed = rep_->Check(rep_->CloseDb(), "close");
  return synced.ok() ? closed : synced;
}

bool KvStore::closed() const { return rep_->closed; }

absl::Status KvStore::Checkpoint(const std::string& directory) const {
  if (rep_->read_only) {
    return absl::FailedPreconditionError("a database opened read-only cannot be backed up");
  }
  rocksdb::Checkpoint* raw = nullptr;
  PARLEY_RETURN_IF_ERROR(rep_->Check(rocksdb::Checkpoint::Create(rep_->Db(), &raw), "checkpoint"));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  return rep_->Check(checkpoint->CreateCheckpoint(directory), "checkpoint");
}

absl::Status KvStore::CompactAll() {
  rocksdb::CompactRangeOptions options;
  options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForceOptimized;
  for (auto* handle : rep_->handles) {
    PARLEY_RETURN_IF_ERROR(
        rep_->Check(rep_->Db()->CompactRange(options, handle, nullptr, nullptr), "compact"));
  }
  return absl::OkStatus();
}

}  // namespace parley::engine
