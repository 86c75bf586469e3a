// parley::Database: wires the storage engine, the RDF text formats and the
// dump format together behind the public API.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/store.h"
#include "parley/database.h"

namespace parley::api {

class DatabaseImpl final : public Database {
 public:
  DatabaseImpl(std::string path, std::unique_ptr<engine::Store> store)
      : path_(std::move(path)), store_(std::move(store)) {}

  absl::StatusOr<std::unique_ptr<WriteTransaction>> BeginWrite() override {
    return store_->BeginWrite();
  }
  std::unique_ptr<ReadView> Snapshot() override { return store_->Snapshot(); }
  absl::StatusOr<LoadSummary> Load(const std::vector<std::string>& files,
                                   const LoadOptions& options) override;
  absl::StatusOr<ExportSummary> Export(const std::string& path,
                                       const ExportOptions& options) override;
  absl::StatusOr<ExportSummary> ExportDumpToFd(int fd, const ExportOptions& options) override {
    return ExportDump("", fd, options);
  }
  const std::string& path() const override { return path_; }

 private:
  // Dumps (api/dump_export.cc): to `path`, or to `fd` when fd >= 0.
  absl::StatusOr<ExportSummary> ExportDump(const std::string& path, int fd,
                                           const ExportOptions& options);

  const std::string path_;
  const std::unique_ptr<engine::Store> store_;
};

}  // namespace parley::api
