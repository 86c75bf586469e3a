// A streaming destination for bytes: a file (or stdout) or a
// callback, optionally gzip- or zstd-compressed on the way.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "formats/rdf/rdf_format.h"

namespace parley::engine::io {

// Not thread-safe. Output is buffered: call Finish() to flush it and to end
// the compressed stream; the destructor only releases resources (it neither
// flushes nor reports errors). Errors name the destination.
class ByteSink {
 public:
  virtual ~ByteSink() = default;

  // Creates (truncates) `path`, or writes to stdout for "-". Compressed by
  // the path's extension (".gz", ".zst").
  static absl::StatusOr<std::unique_ptr<ByteSink>> Open(std::string_view path);
  // Hands the (compressed) bytes to `write`, in pieces of up to 1 MiB.
  static std::unique_ptr<ByteSink> ForCallback(std::function<absl::Status(std::string_view)> write,
                                               Compression compression = Compression::kNone);

  virtual absl::Status Write(std::string_view data) = 0;
  // Flushes everything, ends the compressed stream and closes a file opened
  // by Open(). Further calls do nothing.
  virtual absl::Status Finish() = 0;
  virtual const std::string& name() const = 0;
};

}  // namespace parley::engine::io
