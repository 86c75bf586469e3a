// A streaming source of bytes over a file, stdin or a string, which
// transparently decompresses gzip (multi-member) and zstd (multi-frame).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "formats/rdf/rdf_format.h"

namespace parley::engine::io {

// Not thread-safe; one reader at a time. Errors are absl::Status values whose
// message starts with the source's name.
class ByteSource {
 public:
  virtual ~ByteSource() = default;

  // Opens `path`, or stdin for "-". Compression is detected from the magic
  // bytes; a ".gz" / ".zst" path whose content is not gzip / zstd is an error
  // (InvalidArgument), while a compressed stream under any other name (e.g.
  // a pipe on stdin) is decompressed. NotFound / PermissionDenied / Internal
  // for errors of the file system.
  static absl::StatusOr<std::unique_ptr<ByteSource>> Open(std::string_view path);

  // An in-memory source named `name` (decompressed when `data` starts with a
  // gzip or zstd magic number).
  static std::unique_ptr<ByteSource> FromString(std::string data, std::string name = "(string)");

  // Reads up to `capacity` decompressed bytes into `buffer`; returns 0 only at
  // the end of the data. DataLoss for truncated or corrupt compressed data.
  virtual absl::StatusOr<size_t> Read(char* buffer, size_t capacity) = 0;

  // The path as given ("-" for stdin) or the name given to FromString().
  virtual const std::string& name() const = 0;
  // Bytes taken so far from the underlying file or string (compressed bytes
  // for compressed input): the numerator of a progress bar.
  virtual uint64_t bytes_consumed() const = 0;
  // The size of the underlying file or string when known (regular files and
  // strings; not pipes): the denominator of a progress bar.
  virtual std::optional<uint64_t> total_bytes() const = 0;
  virtual Compression compression() const = 0;
  // True when name() is the path of a file (not stdin, not a string).
  virtual bool is_file() const = 0;
};

}  // namespace parley::engine::io
