#include "engine/kv/fault_injection.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <utility>

#include "absl/strings/str_cat.h"
#include "rocksdb/file_system.h"
#include "rocksdb/io_status.h"

namespace parley::engine {

namespace {

using Fault = FaultInjection::Fault;

// What the power-loss model knows of one file: bytes written, and how many
// of them the last sync covered.
struct FileState {
  uint64_t written = 0;
  uint64_t synced = 0;
};

// The faults armed and the files written; shared by the file system and
// its files.
struct FaultState {
  mutable std::mutex mu;
  uint64_t every_nth = 0;  // 0: no armed fault
  Fault fault = Fault::kNoSpace;
  uint64_t operations = 0;  // write operations since FailEveryNth
  bool power_cut = false;
  uint64_t failures = 0;
  std::map<std::string, FileState> files;  // by path

  // The error for the write operation `what` on `path`, or OK to let it run.
  rocksdb::IOStatus Inject(const char* what, const std::string& path) {
    std::lock_guard<std::mutex> lock(mu);
    if (!power_cut && (every_nth == 0 || ++operations % every_nth != 0)) {
      return rocksdb::IOStatus::OK();
    }
    ++failures;
    const std::string message = absl::StrCat("injected fault: ", what, " ", path);
    if (power_cut) return rocksdb::IOStatus::IOError(message, "power cut");
    if (fault == Fault::kNoSpace) return rocksdb::IOStatus::NoSpace(message, "no space left");
    return rocksdb::IOStatus::IOError(message, "input/output error");
  }

  void Created(const std::string& path, uint64_t size) {
    std::lock_guard<std::mutex> lock(mu);
    files[path] = FileState{size, size};
  }
  void Wrote(const std::string& path, uint64_t end) {
    std::lock_guard<std::mutex> lock(mu);
    FileState& file = files[path];
    file.written = std::max(file.written, end);
  }
  void Appended(const std::string& path, uint64_t bytes) {
    std::lock_guard<std::mutex> lock(mu);
    files[path].written += bytes;
  }
  void Truncated(const std::string& path, uint64_t size) {
    std::lock_guard<std::mutex> lock(mu);
    FileState& file = files[path];
    file.written = size;
    file.synced = std::min(file.synced, size);
  }
  void Synced(const std::string& path) {
    std::lock_guard<std::mutex> lock(mu);
    FileState& file = files[path];
    file.synced = file.written;
  }
  // A file untracked until now was written before the store opened: all of
  // it is on disk.
  void Renamed(const std::string& from, const std::string& to, bool keep_source) {
    std::lock_guard<std::mutex> lock(mu);
    auto it = files.find(from);
    if (it == files.end()) {
      files.erase(to);
      return;
    }
    files[to] = it->second;
    if (!keep_source) files.erase(from);
  }
  void Deleted(const std::string& path) {
    std::lock_guard<std::mutex> lock(mu);
    files.erase(path);
  }
};

using rocksdb::DataVerificationInfo;
using rocksdb::FileOptions;
using rocksdb::FSDirectory;
using rocksdb::FSWritableFile;
using rocksdb::IODebugContext;
using rocksdb::IOOptions;
using rocksdb::IOStatus;
using rocksdb::Slice;

class FaultyWritableFile final : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  FaultyWritableFile(std::unique_ptr<FSWritableFile> file, std::string path, FaultState* faults)
      : FSWritableFileOwnerWrapper(std::move(file)), path_(std::move(path)), faults_(faults) {}

  IOStatus Append(const Slice& data, const IOOptions& options, IODebugContext* dbg) override {
    IOStatus s = faults_->Inject("append to", path_);
    if (s.ok()) s = target()->Append(data, options, dbg);
    if (s.ok()) faults_->Appended(path_, data.size());
    return s;
  }
  IOStatus Append(const Slice& data, const IOOptions& options, const DataVerificationInfo& info,
                  IODebugContext* dbg) override {
    IOStatus s = faults_->Inject("append to", path_);
    if (s.ok()) s = target()->Append(data, options, info, dbg);
    if (s.ok()) faults_->Appended(path_, data.size());
    return s;
  }
  IOStatus PositionedAppend(const Slice& data, uint64_t offset, const IOOptions& options,
                            IODebugContext* dbg) override {
    IOStatus s = faults_->Inject("write to", path_);
    if (s.ok()) s = target()->PositionedAppend(data, offset, options, dbg);
    if (s.ok()) faults_->Wrote(path_, offset + data.size());
    return s;
  }
  IOStatus PositionedAppend(const Slice& data, uint64_t offset, const IOOptions& options,
                            const DataVerificationInfo& info, IODebugContext* dbg) override {
    IOStatus s = faults_->Inject("write to", path_);
    if (s.ok()) s = target()->PositionedAppend(data, offset, options, info, dbg);
    if (s.ok()) faults_->Wrote(path_, offset + data.size());
    return s;
  }
  IOStatus Truncate(uint64_t size, const IOOptions& options, IODebugContext* dbg) override {
    IOStatus s = faults_->Inject("truncate", path_);
    if (s.ok()) s = target()->Truncate(size, options, dbg);
    if (s.ok()) faults_->Truncated(path_, size);
    return s;
  }
  IOStatus Sync(const IOOptions& options, IODebugContext* dbg) override {
    IOStatus s = faults_->Inject("sync", path_);
    if (s.ok()) s = target()->Sync(options, dbg);
    if (s.ok()) faults_->Synced(path_);
    return s;
  }
  IOStatus Fsync(const IOOptions& options, IODebugContext* dbg) override {
    IOStatus s = faults_->Inject("sync", path_);
    if (s.ok()) s = target()->Fsync(options, dbg);
    if (s.ok()) faults_->Synced(path_);
    return s;
  }
  // RangeSync only starts write-back (sync_file_range): nothing it covers
  // is durable until a Sync, so it is neither failed nor counted as one.
  IOStatus Close(const IOOptions& options, IODebugContext* dbg) override {
    IOStatus s = faults_->Inject("close", path_);
    // The descriptor is released even when the close "fails", as close(2)
    // does; only the error is reported.
    IOStatus closed = target()->Close(options, dbg);
    return s.ok() ? closed : s;
  }

 private:
  const std::string path_;
  FaultState* const faults_;
};

class FaultyDirectory final : public rocksdb::FSDirectoryWrapper {
 public:
  FaultyDirectory(std::unique_ptr<FSDirectory> directory, std::string path, FaultState* faults)
      : FSDirectoryWrapper(std::move(directory)), path_(std::move(path)), faults_(faults) {}

  IOStatus Fsync(const IOOptions& options, IODebugContext* dbg) override {
    IOStatus s = faults_->Inject("sync directory", path_);
    return s.ok() ? FSDirectoryWrapper::Fsync(options, dbg) : s;
  }
  IOStatus FsyncWithDirOptions(const IOOptions& options, IODebugContext* dbg,
                               const rocksdb::DirFsyncOptions& dir_options) override {
    IOStatus s = faults_->Inject("sync directory", path_);
    return s.ok() ? FSDirectoryWrapper::FsyncWithDirOptions(options, dbg, dir_options) : s;
  }

 private:
  const std::string path_;
  FaultState* const faults_;
};

class FaultyFileSystem final : public rocksdb::FileSystemWrapper {
 public:
  explicit FaultyFileSystem(FaultState* faults)
      : FileSystemWrapper(rocksdb::FileSystem::Default()), faults_(faults) {}

  const char* Name() const override { return "ParleyFaultyFileSystem"; }

  IOStatus NewWritableFile(const std::string& path, const FileOptions& options,
                           std::unique_ptr<FSWritableFile>* result, IODebugContext* dbg) override {
    IOStatus s = faults_->Inject("create", path);
    if (s.ok()) s = target()->NewWritableFile(path, options, result, dbg);
    if (!s.ok()) return s;
    faults_->Created(path, 0);
    *result = std::make_unique<FaultyWritableFile>(std::move(*result), path, faults_);
    return s;
  }
  IOStatus ReopenWritableFile(const std::string& path, const FileOptions& options,
                              std::unique_ptr<FSWritableFile>* result,
                              IODebugContext* dbg) override {
    IOStatus s = faults_->Inject("reopen", path);
    if (s.ok()) s = target()->ReopenWritableFile(path, options, result, dbg);
    if (!s.ok()) return s;
    std::error_code error;
    const uint64_t size = std::filesystem::file_size(path, error);
    if (!error) faults_->Wrote(path, size);  // what is there stays there
    *result = std::make_unique<FaultyWritableFile>(std::move(*result), path, faults_);
    return s;
  }
  IOStatus ReuseWritableFile(const std::string& path, const std::string& old_path,
                             const FileOptions& options, std::unique_ptr<FSWritableFile>* result,
                             IODebugContext* dbg) override {
    IOStatus s = faults_->Inject("reuse", path);
    if (s.ok()) s = target()->ReuseWritableFile(path, old_path, options, result, dbg);
    if (!s.ok()) return s;
    faults_->Deleted(old_path);
    faults_->Created(path, 0);
    *result = std::make_unique<FaultyWritableFile>(std::move(*result), path, faults_);
    return s;
  }
  IOStatus NewDirectory(const std::string& path, const IOOptions& options,
                        std::unique_ptr<FSDirectory>* result, IODebugContext* dbg) override {
    IOStatus s = target()->NewDirectory(path, options, result, dbg);
    if (s.ok()) *result = std::make_unique<FaultyDirectory>(std::move(*result), path, faults_);
    return s;
  }
  IOStatus RenameFile(const std::string& from, const std::string& to, const IOOptions& options,
                      IODebugContext* dbg) override {
    IOStatus s = faults_->Inject("rename", from);
    if (s.ok()) s = target()->RenameFile(from, to, options, dbg);
    if (s.ok()) faults_->Renamed(from, to, /*keep_source=*/false);
    return s;
  }
  IOStatus LinkFile(const std::string& from, const std::string& to, const IOOptions& options,
                    IODebugContext* dbg) override {
    IOStatus s = faults_->Inject("link", from);
    if (s.ok()) s = target()->LinkFile(from, to, options, dbg);
    if (s.ok()) faults_->Renamed(from, to, /*keep_source=*/true);
    return s;
  }
  IOStatus DeleteFile(const std::string& path, const IOOptions& options,
                      IODebugContext* dbg) override {
    IOStatus s = target()->DeleteFile(path, options, dbg);
    if (s.ok()) faults_->Deleted(path);
    return s;
  }
  IOStatus Truncate(const std::string& path, size_t size, const IOOptions& options,
                    IODebugContext* dbg) override {
    IOStatus s = faults_->Inject("truncate", path);
    if (s.ok()) s = target()->Truncate(path, size, options, dbg);
    if (s.ok()) faults_->Truncated(path, size);
    return s;
  }

 private:
  FaultState* const faults_;
};

}  // namespace

struct FaultInjection::Rep {
  FaultState state;
};

FaultInjection::FaultInjection()
    : rep_(std::make_unique<Rep>()),
      file_system_(std::make_shared<FaultyFileSystem>(&rep_->state)) {}
FaultInjection::~FaultInjection() = default;

std::shared_ptr<FaultInjection> FaultInjection::Create() {
  return std::shared_ptr<FaultInjection>(new FaultInjection());
}

void FaultInjection::FailEveryNth(uint64_t n, Fault fault) {
  std::lock_guard<std::mutex> lock(rep_->state.mu);
  rep_->state.every_nth = n;
  rep_->state.fault = fault;
  rep_->state.operations = 0;
}

void FaultInjection::CutPower() {
  std::lock_guard<std::mutex> lock(rep_->state.mu);
  rep_->state.power_cut = true;
}

absl::Status FaultInjection::DropUnsyncedData() {
  std::lock_guard<std::mutex> lock(rep_->state.mu);
  for (const auto& [path, file] : rep_->state.files) {
    if (file.synced >= file.written) continue;
    std::error_code error;
    if (!std::filesystem::exists(path, error)) continue;
    std::filesystem::resize_file(path, file.synced, error);
    if (error) {
      return absl::InternalError(
          absl::StrCat("cannot cut ", path, " back to its synced length: ", error.message()));
    }
  }
  rep_->state.files.clear();
  rep_->state.power_cut = false;
  rep_->state.every_nth = 0;
  return absl::OkStatus();
}

uint64_t FaultInjection::failures() const {
  std::lock_guard<std::mutex> lock(rep_->state.mu);
  return rep_->state.failures;
}

std::shared_ptr<rocksdb::FileSystem> FaultInjection::file_system() const { return file_system_; }

}  // namespace parley::engine
