// parley::Database: a DatabaseImpl behind the Close() contract of
// parley/database.h.
#include <mutex>
#include <utility>

#include "absl/strings/str_cat.h"
#include "api/database_impl.h"
#include "engine/bulk/bulk_scratch.h"
#include "engine/layout/key_layout.h"
#include "engine/status_macros.h"

namespace parley {

static_assert(kFormatVersion == engine::kFormatVersion,
              "parley/database.h must publish the engine's format version");

namespace api {
namespace {

// Counts the calls that use the store beyond what they return (Load,
// Export, Query), so Close can refuse while one runs, and refuses them once
// closed. BeginWrite and Snapshot need no count: engine::Store makes their
// own check, and what they return holds the store.
class OpenDatabase final : public Database {
 public:
  OpenDatabase(std::string path, std::unique_ptr<engine::Store> store)
      : impl_(std::move(path), std::move(store)) {}

  absl::StatusOr<std::unique_ptr<WriteTransaction>> BeginWrite() override {
    return impl_.BeginWrite();
  }
  std::unique_ptr<ReadView> Snapshot() override { return impl_.Snapshot(); }

  absl::StatusOr<LoadSummary> Load(const std::vector<std::string>& files,
                                   const LoadOptions& options) override {
    PARLEY_ASSIGN_OR_RETURN(Call call, Enter());
    return impl_.Load(files, options);
  }
  absl::StatusOr<ExportSummary> Export(const std::string& path,
                                       const ExportOptions& options) override {
    PARLEY_ASSIGN_OR_RETURN(Call call, Enter());
    return impl_.Export(path, options);
  }
  absl::StatusOr<ExportSummary> ExportDumpToFd(int fd, const ExportOptions& options) override {
    PARLEY_ASSIGN_OR_RETURN(Call call, Enter());
    return impl_.ExportDumpToFd(fd, options);
  }
  absl::Status Backup(const std::string& directory) override {
    PARLEY_ASSIGN_OR_RETURN(Call call, Enter());
    return impl_.Backup(directory);
  }
  absl::StatusOr<IntegrityReport> CheckIntegrity() override {
    PARLEY_ASSIGN_OR_RETURN(Call call, Enter());
    return impl_.CheckIntegrity();
  }
  void SetStrictShapes(std::optional<Shapes> shapes) override {
    impl_.SetStrictShapes(std::move(shapes));
  }
  absl::StatusOr<ValidationReport> Validate(const Shapes& shapes,
                                            const ValidationOptions& options) override {
    PARLEY_ASSIGN_OR_RETURN(Call call, Enter());
    return impl_.Validate(shapes, options);
  }
  absl::StatusOr<std::unique_ptr<QueryResult>> Query(std::string_view text,
                                                     const QueryOptions& options) override {
    PARLEY_ASSIGN_OR_RETURN(Call call, Enter());
    return impl_.Query(text, options);
  }
  absl::StatusOr<UpdateSummary> Update(std::string_view text,
                                       const UpdateOptions& options) override {
    PARLEY_ASSIGN_OR_RETURN(Call call, Enter());
    return impl_.Update(text, options);
  }

  absl::Status Close() override {
    std::lock_guard<std::mutex> lock(mu_);
    if (calls_ > 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot close database ", impl_.path(), ": ", calls_,
                       " call(s) (Load, Export, Query, Update, Validate) are still running"));
    }
    // Under mu_, so no counted call starts while the store closes.
    return impl_.store().Close();
  }

  const std::string& path() const override { return impl_.path(); }

 private:
  // A running call; ends (uncounts itself) when destroyed.
  class Call {
   public:
    explicit Call(OpenDatabase* db) : db_(db) {}
    Call(Call&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
    Call& operator=(Call&&) = delete;
    ~Call() {
      if (db_ == nullptr) return;
      std::lock_guard<std::mutex> lock(db_->mu_);
      --db_->calls_;
    }

   private:
    OpenDatabase* db_;
  };

  absl::StatusOr<Call> Enter() {
    std::lock_guard<std::mutex> lock(mu_);
    if (impl_.store().closed()) {
      return absl::FailedPreconditionError(absl::StrCat("database ", impl_.path(), " is closed"));
    }
    ++calls_;
    return Call(this);
  }

  DatabaseImpl impl_;
  std::mutex mu_;
  int calls_ = 0;  // guarded by mu_
};

}  // namespace
}  // namespace api

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path,
                                                         const Options& options) {
  PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<engine::Store> store, engine::Store::Open(path, options));
  // A bulk load killed mid-way leaves its scratch folder behind (the
  // database itself is as before the load). Safe now: the store holds the
  // directory lock, so no load runs.
  PARLEY_RETURN_IF_ERROR(engine::RemoveStaleLoadFiles(path));
  return std::make_unique<api::OpenDatabase>(path, std::move(store));
}

}  // namespace parley
