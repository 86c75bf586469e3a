// Opening a Store: telling a Parley database from anything else in the
// directory, creating one crash-safely, checking the format version.
//
// Directory states on open:
//   missing or empty            create (create_if_missing) or NotFound
//   holds PARLEY-CREATING       an interrupted creation: finish it
//   holds CURRENT               a RocksDB: ours iff it has our column
//                               families and kMetaFormatVersion; one of
//                               another format version is refused, naming
//                               it (also when it lacks column families)
//   anything else               FailedPrecondition "not a Parley database"
//
// Creation writes the marker file PARLEY-CREATING first and removes it only
// after kMetaFormatVersion, kMetaNextId and kMetaQuadCount are synced, so a
// crash in between is recognized as an unfinished creation rather than as a
// foreign RocksDB.
#include "engine/store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "engine/kv/keyspaces.h"
#include "engine/layout/key_layout.h"
#include "engine/read_view_impl.h"
#include "engine/status_macros.h"
#include "engine/write_transaction.h"

namespace parley::engine {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kCreatingMarker = "PARLEY-CREATING";

absl::Status FileError(std::string_view what, const std::string& path, int error) {
  const std::string message =
      absl::StrCat(std::string(what), " ", path, ": ", std::strerror(error));
  if (error == EACCES || error == EPERM) return absl::PermissionDeniedError(message);
  if (error == ENOSPC) return absl::ResourceExhaustedError(message);
  return absl::InternalError(message);
}

// Makes a directory entry change (create/remove) durable.
absl::Status SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return FileError("open directory", dir, errno);
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) return FileError("sync directory", dir, error);
  return absl::OkStatus();
}

absl::Status CreateMarker(const std::string& dir) {
  const std::string path = (fs::path(dir) / kCreatingMarker).string();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return FileError("create", path, errno);
  ::close(fd);
  return SyncDirectory(dir);
}

absl::Status RemoveMarker(const std::string& dir) {
  const std::string path = (fs::path(dir) / kCreatingMarker).string();
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return FileError("remove", path, errno);
  return SyncDirectory(dir);
}

enum class DirState { kMissing, kEmpty, kCreating, kDatabase, kForeign };

absl::StatusOr<DirState> Inspect(const std::string& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found) return DirState::kMissing;
  if (ec) return FileError("inspect", path, ec.value());
  if (status.type() != fs::file_type::directory) return DirState::kForeign;
  if (fs::exists(fs::path(path) / kCreatingMarker, ec)) return DirState::kCreating;
  if (fs::exists(fs::path(path) / "CURRENT", ec)) return DirState::kDatabase;
  const bool empty = fs::is_empty(path, ec);
  if (ec) return FileError("list", path, ec.value());
  return empty ? DirState::kEmpty : DirState::kForeign;
}

absl::Status NotParley(const std::string& path, std::string_view why) {
  return absl::FailedPreconditionError(
      absl::StrCat(path, " is not a Parley database (", std::string(why), ")"));
}

KvOptions MakeKvOptions(const Options& options, bool create,
                        std::shared_ptr<FaultInjection> faults) {
  KvOptions kv;
  kv.faults = std::move(faults);
  kv.create_if_missing = create;
  kv.create_missing_keyspaces = create;
  kv.block_cache_bytes = options.block_cache_bytes;
  kv.keyspaces = StoreKeyspaces();
  kv.read_only = options.read_only;
  return kv;
}

// A build reads its own format version only. An older database is not
// migrated: the Parley that wrote it can export it, and this one load that.
absl::Status CheckFormatVersion(const std::string& path, const std::string& version) {
  int number = 0;
  if (!absl::SimpleAtoi(version, &number) || number < 1) {
    return absl::FailedPreconditionError(
        absl::StrCat("database ", path, " has an unreadable format version \"", version, "\""));
  }
  if (number > kFormatVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        "database ", path, " has format version ", number,
        ", newer than the format version this build of Parley reads (", kFormatVersion, ")"));
  }
  if (number < kFormatVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        "database ", path, " has format version ", number,
        ", older than the format version this build of Parley reads (", kFormatVersion,
        "), and there is no upgrade in place: export it with the Parley version that wrote it "
        "(parley export ",
        path,
        " -o FILE.pdump) and load that file into a new database with this one (parley load "
        "NEW_DB FILE.pdump)"));
  }
  return absl::OkStatus();
}

// Why a database that lacks keyspaces of this layout cannot be opened: a
// format version other than this build's, when it has one (read without
// changing anything); else `missing`, the open's own error.
absl::Status ExplainMissingKeyspaces(const std::string& path, const absl::Status& missing) {
  KvOptions probe;
  probe.read_only = true;
  probe.block_cache_bytes = 1 << 20;
  probe.keyspaces = {KeyspaceOptions{std::string(kDefaultFamily)}};
  absl::StatusOr<std::shared_ptr<KvStore>> kv = KvStore::Open(path, probe);
  if (kv.ok()) {
    absl::StatusOr<std::optional<std::string>> version =
        (*kv)->Get(KeyspaceOf(Family::kDefault), kMetaFormatVersion, nullptr);
    if (version.ok() && version->has_value()) {
      PARLEY_RETURN_IF_ERROR(CheckFormatVersion(path, **version));
    }
  }
  return NotParley(path, std::string(missing.message()));
}

absl::StatusOr<std::shared_ptr<KvStore>> Create(const std::string& path, const Options& options,
                                                const std::shared_ptr<FaultInjection>& faults) {
  PARLEY_ASSIGN_OR_RETURN(std::shared_ptr<KvStore> kv,
                          KvStore::Open(path, MakeKvOptions(options, /*create=*/true, faults)));
  const Keyspace meta = KeyspaceOf(Family::kDefault);
  PARLEY_ASSIGN_OR_RETURN(std::optional<std::string> version,
                          kv->Get(meta, kMetaFormatVersion, nullptr));
  if (!version.has_value()) {
    KvWriteBatch batch = kv->NewWriteBatch();
    batch.Put(meta, kMetaFormatVersion, absl::StrCat(kFormatVersion));
    batch.Put(meta, kMetaNextId, BigEndian64(kDefaultGraphId + 1));
    batch.Put(meta, kMetaQuadCount, BigEndian64(0));
    PARLEY_RETURN_IF_ERROR(kv->Write(batch, /*sync=*/true));
  } else {
    // A creation by another build, interrupted after its meta keys.
    PARLEY_RETURN_IF_ERROR(CheckFormatVersion(path, *version));
  }
  PARLEY_RETURN_IF_ERROR(RemoveMarker(path));
  return kv;
}

absl::StatusOr<std::shared_ptr<KvStore>> OpenExisting(
    const std::string& path, const Options& options,
    const std::shared_ptr<FaultInjection>& faults) {
  absl::StatusOr<std::shared_ptr<KvStore>> opened =
      KvStore::Open(path, MakeKvOptions(options, /*create=*/false, faults));
  if (absl::IsFailedPrecondition(opened.status())) {
    // A database of another format version may lack keyspaces of this one.
    return ExplainMissingKeyspaces(path, opened.status());
  }
  PARLEY_RETURN_IF_ERROR(opened.status());
  std::shared_ptr<KvStore> kv = *std::move(opened);
  PARLEY_ASSIGN_OR_RETURN(std::optional<std::string> version,
                          kv->Get(KeyspaceOf(Family::kDefault), kMetaFormatVersion, nullptr));
  if (!version.has_value()) return NotParley(path, "a RocksDB without a Parley format version");
  PARLEY_RETURN_IF_ERROR(CheckFormatVersion(path, *version));
  return kv;
}

class StoreImpl final : public Store {
 public:
  StoreImpl(std::string path, std::shared_ptr<KvStore> kv, const Options& options)
      : path_(std::move(path)),
        kv_(std::move(kv)),
        options_(options),
        gate_(WriterGate::Create(path_)) {}

  // Views, iterators and transactions may still hold kv_: the database
  // closes when the last of them goes.
  ~StoreImpl() override { gate_->Shut(); }

  absl::StatusOr<std::unique_ptr<WriteTransaction>> BeginWrite() override {
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<StoreWriteTransaction> transaction, BeginStoreWrite());
    return std::unique_ptr<WriteTransaction>(std::move(transaction));
  }

  absl::StatusOr<std::unique_ptr<StoreWriteTransaction>> BeginStoreWrite() override {
    PARLEY_RETURN_IF_ERROR(CheckWritable());
    PARLEY_ASSIGN_OR_RETURN(WriterLease lease, gate_->Acquire());
    std::shared_ptr<KvStore> kv = Shared();
    if (kv == nullptr) return Closed();
    return std::make_unique<StoreWriteTransaction>(
        std::move(kv), std::move(lease), options_.sync_on_commit, options_.max_transaction_bytes);
  }

  std::unique_ptr<ReadView> Snapshot() override {
    std::shared_ptr<KvStore> kv = Shared();
    if (kv == nullptr) return std::make_unique<ClosedReadView>(Closed());
    std::shared_ptr<const KvSnapshot> snapshot = kv->GetSnapshot();
    return std::make_unique<StoreReadView>(std::move(kv), std::move(snapshot));
  }

  absl::Status Close() override {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_) return absl::OkStatus();
    absl::StatusOr<WriterLease> lease = gate_->TryAcquire();
    if (!lease.ok()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "cannot close database ", path_,
          ": a write transaction or load is still open; commit or roll it back first"));
    }
    // Every other reference is a live view, iterator, query result or
    // transaction; new ones are only made under mu_ (Shared()).
    if (kv_.use_count() > 1) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot close database ", path_,
                       ": read views, iterators or query results still use it; destroy them "
                       "first"));
    }
    closed_ = true;
    gate_->Shut();
    return kv_->Close();
  }

  bool closed() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return closed_;
  }

  KvStore& kv() override {
    std::lock_guard<std::mutex> lock(mu_);
    PARLEY_CHECK(!closed_);
    return *kv_;
  }
  std::shared_ptr<const KvStore> kv_shared() const override {
    std::lock_guard<std::mutex> lock(mu_);
    PARLEY_CHECK(!closed_);
    return kv_;
  }
  absl::StatusOr<WriterLease> AcquireWriter() override {
    PARLEY_RETURN_IF_ERROR(CheckWritable());
    return gate_->Acquire();
  }
  const Options& options() const override { return options_; }

 private:
  // A new reference to the KvStore, or null once closed. Under mu_, so
  // Close's count of references cannot miss one being made.
  std::shared_ptr<KvStore> Shared() const {
    std::lock_guard<std::mutex> lock(mu_);
    return closed_ ? nullptr : kv_;
  }
  absl::Status CheckWritable() const {
    if (!options_.read_only) return absl::OkStatus();
    return absl::FailedPreconditionError(
        absl::StrCat("database ", path_, " is open read-only: it cannot be changed"));
  }
  absl::Status Closed() const {
    return absl::FailedPreconditionError(absl::StrCat("database ", path_, " is closed"));
  }

  const std::string path_;
  const std::shared_ptr<KvStore> kv_;
  const Options options_;
  const std::shared_ptr<WriterGate> gate_;
  mutable std::mutex mu_;
  bool closed_ = false;  // guarded by mu_
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& path,
                                                   const Options& options) {
  return OpenWithFaults(path, options, nullptr);
}

absl::StatusOr<std::unique_ptr<Store>> Store::OpenWithFaults(
    const std::string& path, const Options& options, std::shared_ptr<FaultInjection> faults) {
  PARLEY_ASSIGN_OR_RETURN(DirState state, Inspect(path));
  std::shared_ptr<KvStore> kv;
  switch (state) {
    case DirState::kForeign:
      return NotParley(path, "it holds other files");
    case DirState::kDatabase: {
      if (options.error_if_exists) {
        return absl::AlreadyExistsError(absl::StrCat("database ", path, " already exists"));
      }
      PARLEY_ASSIGN_OR_RETURN(kv, OpenExisting(path, options, faults));
      break;
    }
    case DirState::kMissing:
    case DirState::kEmpty:
    case DirState::kCreating: {
      if (!options.create_if_missing || options.read_only) {
        return absl::NotFoundError(absl::StrCat("no database in ", path));
      }
      if (state != DirState::kCreating) {
        std::error_code ec;
        fs::create_directories(path, ec);
        if (ec) return FileError("create directory", path, ec.value());
        PARLEY_RETURN_IF_ERROR(CreateMarker(path));
      }
      PARLEY_ASSIGN_OR_RETURN(kv, Create(path, options, faults));
      break;
    }
  }
  return std::unique_ptr<Store>(new StoreImpl(path, std::move(kv), options));
}

}  // namespace parley::engine
