// The byte side of writing a dump: frames Cap'n Proto messages (standard or
// packed), keeps the running checksum and the stream offset, and sends the
// bytes to a file descriptor or a string, through zstd if asked. Internal to
// schema/ (DumpWriter uses it; tests use it to craft streams).
#pragma once

#include <zstd.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "capnp/message.h"
#include "formats/dump/dump_checksum.h"
#include "kj/io.h"

namespace parley::schema {

struct DumpOutputOptions {
  bool packed = false;
  bool zstd = false;
  int zstd_level = 3;
};

class DumpOutput final : public kj::OutputStream {
 public:
  // Creates or truncates `path` (mode 0644).
  static absl::StatusOr<std::unique_ptr<DumpOutput>> ToPath(std::string_view path,
                                                            const DumpOutputOptions& options);
  // `fd` stays open after Close() and belongs to the caller.
  static absl::StatusOr<std::unique_ptr<DumpOutput>> ToFd(int fd, const DumpOutputOptions& options);
  // Appends to *out, which must outlive this object.
  static absl::StatusOr<std::unique_ptr<DumpOutput>> ToString(std::string* out,
                                                              const DumpOutputOptions& options);
  ~DumpOutput() override;

  // Writes the signature that matches options.packed.
  absl::Status WriteSignature();
  // Writes bytes as they are (tests use it to break streams on purpose).
  absl::Status WriteRaw(std::string_view bytes);
  // Writes one message in the stream's framing.
  absl::Status WriteMessage(capnp::MessageBuilder& message);
  // Flushes everything, ends the zstd frame, closes the file if owned.
  // Nothing may be written afterwards.
  absl::Status Close();

  // The checksum of every stream byte written so far.
  uint64_t Checksum() const { return checksum_.Digest(); }
  uint64_t stream_bytes() const { return stream_bytes_; }
  // Bytes handed to the file or string (after zstd) so far.
  uint64_t file_bytes() const { return file_bytes_; }

  // kj::OutputStream, for capnp's serializers. Throws kj::Exception after an
  // I/O error (the status is kept for WriteMessage to return).
  void write(const void* buffer, size_t size) override;

 private:
  enum class Sink { kFd, kString };
  DumpOutput(Sink sink, int fd, bool owns_fd, std::string* out, const DumpOutputOptions& options);
  absl::Status Init();
  absl::Status Emit(const char* data, size_t size);  // after hashing
  absl::Status FlushBuffer();
  absl::Status SinkWrite(const char* data, size_t size);
  absl::Status Compress(const char* data, size_t size, ZSTD_EndDirective mode);

  Sink sink_;
  int fd_;
  bool owns_fd_;
  std::string* out_;
  DumpOutputOptions options_;
  ZSTD_CCtx* zstd_ = nullptr;
  std::unique_ptr<char[]> buffer_;
  size_t buffered_ = 0;
  DumpChecksum checksum_;
  uint64_t stream_bytes_ = 0;
  uint64_t file_bytes_ = 0;
  absl::Status io_status_;
  bool closed_ = false;
};

}  // namespace parley::schema
