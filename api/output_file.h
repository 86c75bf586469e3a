// The output file of an export to a path: written under a temporary name
// beside the target, synced, and renamed over the target (then the
// directory is synced), so that a killed or failed export leaves any
// previous file as it was and never a partial one under the final name
// (after a kill, only a ".NAME.tmp-*" file beside it). Targets inside the
// database directory are refused: `export -o DB/CURRENT` would make the
// database unopenable. A target that exists and is not a regular file (a
// device, a FIFO) cannot be renamed over, so it is written directly.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace parley::api {

class OutputFile {
 public:
  // Errors name `path`. InvalidArgument for a directory or a target inside
  // `db_dir`; NotFound when the target's directory does not exist.
  static absl::StatusOr<std::unique_ptr<OutputFile>> Create(const std::string& path,
                                                            const std::string& db_dir);
  // Without a successful Commit(), removes the temporary file.
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Where to write, until Commit().
  int fd() const { return fd_; }
  // Writes all of `data` to fd(); errors name the path.
  absl::Status Write(std::string_view data);

  // Syncs the data, renames the temporary file over the target and syncs
  // the directory, so the new file is durable under its name. Call once.
  absl::Status Commit();

 private:
  explicit OutputFile(std::string path) : path_(std::move(path)) {}
  absl::Status CreateTemporary();

  const std::string path_;  // as the caller named it, for messages
  std::string target_;      // canonical
  std::string temporary_;   // empty once renamed, or when writing the target itself
  int fd_ = -1;
};

}  // namespace parley::api
