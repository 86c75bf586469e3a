// The byte side of reading a dump: bytes from a file descriptor or memory,
// zstd-decompressed when the file starts with zstd's magic, into one buffer
// that all messages of the stream share (see pitfall P6 in NOTES-deps.md:
// one reader per message over separate buffers loses data). Tracks the
// stream offset and the checksum of the bytes consumed. Internal to schema/.
//
// Memory: the buffer grows only while it is full of data that one message
// still needs, so a message header that claims a huge size costs nothing
// until the bytes exist; the caller bounds message sizes.
#pragma once

#include <zstd.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "formats/dump/dump_checksum.h"
#include "formats/rdf/byte_source.h"
#include "kj/io.h"

namespace parley::schema {

class DumpInput final : public kj::BufferedInputStream {
 public:
  static absl::StatusOr<std::unique_ptr<DumpInput>> FromPath(std::string_view path);
  // `fd` stays open and belongs to the caller; reading starts at its offset.
  static std::unique_ptr<DumpInput> FromFd(int fd);
  // `bytes` must outlive the DumpInput.
  static std::unique_ptr<DumpInput> FromBuffer(std::string_view bytes);
  // Reads what `source` delivers (it decompresses gzip and zstd itself).
  static std::unique_ptr<DumpInput> FromByteSource(std::unique_ptr<engine::io::ByteSource> source);
  ~DumpInput() override;

  // Looks at the first bytes: zstd() is true after it if they are zstd's
  // magic. Call once, first.
  absl::Status Start();
  bool zstd() const {
    return zstd_ != nullptr ||
           (source_ != nullptr && source_->compression() == engine::io::Compression::kZstd);
  }

  // Makes min(n, bytes left in the stream) bytes contiguous at data() and
  // returns that count. With `aligned`, data() is also 8-byte aligned.
  absl::StatusOr<size_t> Ensure(size_t n, bool aligned = false);
  const char* data() const { return buffer_ + begin_; }
  size_t available() const { return end_ - begin_; }
  // REQUIRES: n <= available(). Adds the bytes to the checksum.
  void Consume(size_t n);

  uint64_t offset() const { return offset_; }  // stream bytes consumed
  // Bytes read from the file (or taken by the ByteSource).
  uint64_t file_bytes() const {
    return source_ != nullptr ? source_->bytes_consumed() : file_bytes_;
  }
  const DumpChecksum& checksum() const { return checksum_; }
  // True once the stream is exhausted and every byte consumed.
  bool exhausted() const { return source_done_ && available() == 0; }
  // The I/O or zstd error behind a kj::Exception thrown by the methods below.
  const absl::Status& io_status() const { return io_status_; }

  // kj::BufferedInputStream, for capnp::PackedMessageReader.
  kj::ArrayPtr<const kj::byte> tryGetReadBuffer() override;
  size_t tryRead(void* buffer, size_t min_bytes, size_t max_bytes) override;
  void skip(size_t bytes) override;

 private:
  DumpInput(int fd, bool owns_fd, std::string_view memory,
            std::unique_ptr<engine::io::ByteSource> source);
  bool buffered_raw() const { return fd_ >= 0 || source_ != nullptr; }
  absl::StatusOr<size_t> ReadRaw(char* dst, size_t size);  // fd or source
  void Reserve(size_t capacity);
  absl::Status Fill();
  absl::StatusOr<size_t> RawRead(char* dst, size_t size);
  absl::StatusOr<std::string_view> RawPeek();
  absl::StatusOr<size_t> Decompress(char* dst, size_t size);
  void ThrowIfError(const absl::Status& status);

  int fd_;
  bool owns_fd_;
  std::string_view memory_;
  size_t memory_pos_ = 0;
  std::unique_ptr<engine::io::ByteSource> source_;
  // Bytes read from fd_ or source_ but not yet used (the peeked magic; zstd
  // input).
  std::unique_ptr<char[]> raw_;
  size_t raw_begin_ = 0;
  size_t raw_end_ = 0;
  ZSTD_DCtx* zstd_ = nullptr;
  size_t zstd_hint_ = 0;  // last ZSTD_decompressStream result: 0 = frame complete

  std::unique_ptr<uint64_t[]> storage_;  // uint64_t: 8-byte alignment
  char* buffer_ = nullptr;
  size_t capacity_ = 0;
  size_t begin_ = 0;
  size_t end_ = 0;
  bool source_done_ = false;

  uint64_t offset_ = 0;
  uint64_t file_bytes_ = 0;
  DumpChecksum checksum_;
  absl::Status io_status_;
};

}  // namespace parley::schema
