// The wiring behind parley::Database: the storage engine, the RDF text
// formats and the dump format. Each operation lives in its own file
// (loader.cc, exporter.cc, dump_export.cc, query.cc, update.cc,
// validate.cc); database.cc wraps a
// DatabaseImpl in the public object, which adds Close() and its checks.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/store.h"
#include "parley/database.h"

namespace parley::api {

// The operations of parley::Database (same contracts), without Close().
// REQUIRES: the store is open while a call runs (database.cc's wrapper
// ensures it).
class DatabaseImpl {
 public:
  DatabaseImpl(std::string path, std::unique_ptr<engine::Store> store)
      : path_(std::move(path)), store_(std::move(store)) {}

  absl::StatusOr<std::unique_ptr<WriteTransaction>> BeginWrite();
  std::unique_ptr<ReadView> Snapshot() { return store_->Snapshot(); }
  absl::StatusOr<LoadSummary> Load(const std::vector<std::string>& files,
                                   const LoadOptions& options);
  absl::StatusOr<ExportSummary> Export(const std::string& path, const ExportOptions& options);
  absl::StatusOr<ExportSummary> ExportDumpToFd(int fd, const ExportOptions& options) {
    return ExportDump("", fd, options);
  }
  absl::StatusOr<std::unique_ptr<QueryResult>> Query(std::string_view text,
                                                     const QueryOptions& options);
  absl::StatusOr<UpdateSummary> Update(std::string_view text, const UpdateOptions& options);
  absl::Status Backup(const std::string& directory);
  absl::StatusOr<ValidationReport> Validate(const Shapes& shapes, const ValidationOptions& options);
  void SetStrictShapes(std::optional<Shapes> shapes);
  absl::StatusOr<IntegrityReport> CheckIntegrity();
  const std::string& path() const { return path_; }
  engine::Store& store() { return *store_; }

 private:
  // Dumps (api/dump_export.cc): to `path`, or to `fd` when fd >= 0.
  absl::StatusOr<ExportSummary> ExportDump(const std::string& path, int fd,
                                           const ExportOptions& options);

  // Load in strict mode: one write transaction, checked before it commits.
  absl::StatusOr<LoadSummary> LoadStrict(const std::vector<std::string>& files,
                                         const LoadOptions& options,
                                         std::shared_ptr<const Shapes> shapes);
  // The strict-mode shapes; null when strict mode is off.
  std::shared_ptr<const Shapes> strict_shapes() const;

  const std::string path_;
  const std::unique_ptr<engine::Store> store_;
  mutable std::mutex strict_mu_;
  std::shared_ptr<const Shapes> strict_shapes_;  // guarded by strict_mu_
};

}  // namespace parley::api
