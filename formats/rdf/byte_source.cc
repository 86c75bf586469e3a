#include "formats/rdf/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "engine/status_macros.h"
#include "formats/rdf/str_cat.h"

namespace parley::engine::io {
namespace {

constexpr size_t kRawBufferSize = size_t{1} << 20;

// The raw buffer: kRawBufferSize, or less for an input known to be smaller
// (an in-memory string, a small file), so that many small reads do not each
// allocate and clear a megabyte. Large reads bypass it, so its size bounds
// no read.
size_t BufferSizeFor(std::optional<uint64_t> total) {
  if (!total) return kRawBufferSize;
  return static_cast<size_t>(std::clamp<uint64_t>(*total, 4096, kRawBufferSize));
}

absl::Status ErrnoError(const std::string& name, std::string_view what, int err) {
  std::string message =
      Cat(name, ": ", absl::string_view(what.data(), what.size()), ": ", std::strerror(err));
  switch (err) {
    case ENOENT:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
      return absl::PermissionDeniedError(message);
    case EISDIR:
      return absl::InvalidArgumentError(message);
    default:
      return absl::InternalError(message);
  }
}

// The undecoded bytes: a file descriptor or a string.
class RawInput {
 public:
  virtual ~RawInput() = default;
  // Up to `capacity` bytes; 0 at the end.
  virtual absl::StatusOr<size_t> Read(char* buffer, size_t capacity) = 0;
};

class FdInput final : public RawInput {
 public:
  FdInput(int fd, bool owned, std::string name) : fd_(fd), owned_(owned), name_(std::move(name)) {}
  ~FdInput() override {
    if (owned_) ::close(fd_);
  }
  absl::StatusOr<size_t> Read(char* buffer, size_t capacity) override {
    while (true) {
      ssize_t n = ::read(fd_, buffer, capacity);
      if (n >= 0) return static_cast<size_t>(n);
      if (errno != EINTR) return ErrnoError(name_, "read", errno);
    }
  }

 private:
  int fd_;
  bool owned_;
  std::string name_;
};

class StringInput final : public RawInput {
 public:
  explicit StringInput(std::string data) : data_(std::move(data)) {}
  absl::StatusOr<size_t> Read(char* buffer, size_t capacity) override {
    size_t n = std::min(capacity, data_.size() - offset_);
    std::memcpy(buffer, data_.data() + offset_, n);
    offset_ += n;
    return n;
  }

 private:
  std::string data_;
  size_t offset_ = 0;
};

// Decoders pull raw bytes through one shared buffer, which also holds the
// bytes peeked for magic-number detection.
class ByteSourceImpl final : public ByteSource {
 public:
  ByteSourceImpl(std::unique_ptr<RawInput> raw, std::string name, std::optional<uint64_t> total,
                 bool is_file)
      : raw_(std::move(raw)),
        name_(std::move(name)),
        total_(total),
        is_file_(is_file),
        buffer_(BufferSizeFor(total)) {}

  ~ByteSourceImpl() override {
    if (zlib_initialized_) inflateEnd(&zlib_);
    if (zstd_ != nullptr) ZSTD_freeDStream(zstd_);
  }

  // Fills the buffer's head and chooses the decoder.
  absl::Status Start(Compression expected_by_name) {
    while (end_ < 4 && !raw_eof_) PARLEY_RETURN_IF_ERROR(Refill());
    compression_ = CompressionFromMagic(std::string_view(buffer_.data(), end_));
    if (expected_by_name != Compression::kNone && compression_ != expected_by_name) {
      return absl::InvalidArgumentError(
          Cat(name_, ": the name says ", CompressionName(expected_by_name),
              " but the content is not ", CompressionName(expected_by_name), " data"));
    }
    if (compression_ == Compression::kGzip) {
      std::memset(&zlib_, 0, sizeof(zlib_));
      // 16 + MAX_WBITS: gzip header and trailer, not zlib's.
      if (inflateInit2(&zlib_, 16 + MAX_WBITS) != Z_OK) {
        return absl::InternalError(Cat(name_, ": cannot initialize zlib"));
      }
      zlib_initialized_ = true;
    } else if (compression_ == Compression::kZstd) {
      zstd_ = ZSTD_createDStream();
      if (zstd_ == nullptr) return absl::InternalError(Cat(name_, ": cannot start zstd"));
      ZSTD_initDStream(zstd_);
    }
    return absl::OkStatus();
  }

  absl::StatusOr<size_t> Read(char* out, size_t capacity) override {
    if (capacity == 0) return 0;
    switch (compression_) {
      case Compression::kNone:
        return ReadPlain(out, capacity);
      case Compression::kGzip:
        return ReadGzip(out, capacity);
      case Compression::kZstd:
        return ReadZstd(out, capacity);
    }
    return 0;
  }

  const std::string& name() const override { return name_; }
  uint64_t bytes_consumed() const override { return consumed_ - (end_ - begin_); }
  std::optional<uint64_t> total_bytes() const override { return total_; }
  Compression compression() const override { return compression_; }
  bool is_file() const override { return is_file_; }

 private:
  // Appends raw bytes after end_ (moving unread bytes to the front first).
  absl::Status Refill() {
    if (begin_ == 0 && end_ == buffer_.size()) return absl::OkStatus();  // full: decode first
    if (begin_ > 0) {
      std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    PARLEY_ASSIGN_OR_RETURN(size_t n, raw_->Read(buffer_.data() + end_, buffer_.size() - end_));
    if (n == 0) raw_eof_ = true;
    end_ += n;
    consumed_ += n;
    return absl::OkStatus();
  }

  absl::StatusOr<size_t> ReadPlain(char* out, size_t capacity) {
    if (begin_ < end_) {
      size_t n = std::min(capacity, end_ - begin_);
      std::memcpy(out, buffer_.data() + begin_, n);
      begin_ += n;
      return n;
    }
    if (raw_eof_) return 0;
    // Large reads bypass the buffer.
    PARLEY_ASSIGN_OR_RETURN(size_t n, raw_->Read(out, capacity));
    if (n == 0) raw_eof_ = true;
    consumed_ += n;
    return n;
  }

  absl::StatusOr<size_t> ReadGzip(char* out, size_t capacity) {
    // zlib counts output in uInt, so one call fills at most `requested`.
    const size_t requested = std::min<size_t>(capacity, 1u << 30);
    zlib_.next_out = reinterpret_cast<Bytef*>(out);
    zlib_.avail_out = static_cast<uInt>(requested);
    while (zlib_.avail_out > 0) {
      if (begin_ == end_) {
        if (raw_eof_) break;
        PARLEY_RETURN_IF_ERROR(Refill());
        continue;
      }
      if (member_done_) {
        // Another gzip member follows (multi-member files, `cat a.gz b.gz`).
        if (inflateReset(&zlib_) != Z_OK) return Corrupt("gzip", "cannot reset");
        member_done_ = false;
      }
      zlib_.next_in = reinterpret_cast<Bytef*>(buffer_.data() + begin_);
      zlib_.avail_in = static_cast<uInt>(end_ - begin_);
      int rc = inflate(&zlib_, Z_NO_FLUSH);
      begin_ = end_ - zlib_.avail_in;
      if (rc == Z_STREAM_END) {
        member_done_ = true;
      } else if (rc == Z_BUF_ERROR) {
        if (raw_eof_) break;
        PARLEY_RETURN_IF_ERROR(Refill());
      } else if (rc != Z_OK) {
        return Corrupt("gzip", zlib_.msg != nullptr ? zlib_.msg : "corrupt data");
      }
    }
    const size_t produced = requested - zlib_.avail_out;
    if (produced == 0 && raw_eof_ && begin_ == end_ && !member_done_) {
      return Corrupt("gzip", "unexpected end of compressed data");
    }
    return produced;
  }

  absl::StatusOr<size_t> ReadZstd(char* out, size_t capacity) {
    ZSTD_outBuffer output{out, capacity, 0};
    while (output.pos < output.size) {
      if (begin_ == end_ && !raw_eof_) {
        PARLEY_RETURN_IF_ERROR(Refill());
        continue;
      }
      // Called with empty input too, to flush what zstd holds internally.
      ZSTD_inBuffer input{buffer_.data() + begin_, end_ - begin_, 0};
      size_t before = output.pos;
      size_t rc = ZSTD_decompressStream(zstd_, &output, &input);
      begin_ += input.pos;
      if (ZSTD_isError(rc)) return Corrupt("zstd", ZSTD_getErrorName(rc));
      // After a frame's end, a call without input returns the size of the
      // next frame's header: only a call that made progress tells whether
      // a frame is open.
      if (input.pos > 0 || output.pos > before) zstd_hint_ = rc;
      if (input.pos == 0 && output.pos == before) {
        if (raw_eof_) break;
        PARLEY_RETURN_IF_ERROR(Refill());
      }
    }
    if (output.pos == 0 && raw_eof_ && begin_ == end_ && zstd_hint_ != 0) {
      return Corrupt("zstd", "unexpected end of compressed data");
    }
    return output.pos;
  }

  absl::Status Corrupt(std::string_view codec, std::string_view what) {
    return absl::DataLossError(Cat(name_, ": ", absl::string_view(codec.data(), codec.size()), ": ",
                                   absl::string_view(what.data(), what.size())));
  }

  std::unique_ptr<RawInput> raw_;
  std::string name_;
  std::optional<uint64_t> total_;
  bool is_file_;
  std::vector<char> buffer_;
  size_t begin_ = 0;  // unread raw bytes are buffer_[begin_, end_)
  size_t end_ = 0;
  bool raw_eof_ = false;
  uint64_t consumed_ = 0;
  Compression compression_ = Compression::kNone;
  z_stream zlib_;
  bool zlib_initialized_ = false;
  bool member_done_ = false;
  ZSTD_DStream* zstd_ = nullptr;
  size_t zstd_hint_ = 0;  // 0 between frames, > 0 inside one
};

}  // namespace

absl::StatusOr<std::unique_ptr<ByteSource>> ByteSource::Open(std::string_view path) {
  std::string name(path);
  std::unique_ptr<RawInput> raw;
  std::optional<uint64_t> total;
  if (path == "-") {
    raw = std::make_unique<FdInput>(STDIN_FILENO, /*owned=*/false, name);
    struct stat st;
    if (::fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode)) {
      total = static_cast<uint64_t>(st.st_size);
    }
  } else {
    int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoError(name, "cannot open", errno);
    struct stat st;
    if (::fstat(fd, &st) != 0) {
      int err = errno;
      ::close(fd);
      return ErrnoError(name, "cannot stat", err);
    }
    if (S_ISDIR(st.st_mode)) {
      ::close(fd);
      return ErrnoError(name, "cannot read", EISDIR);
    }
    if (S_ISREG(st.st_mode)) total = static_cast<uint64_t>(st.st_size);
    raw = std::make_unique<FdInput>(fd, /*owned=*/true, name);
  }
  auto source = std::make_unique<ByteSourceImpl>(std::move(raw), name, total, path != "-");
  PARLEY_RETURN_IF_ERROR(
      source->Start(path == "-" ? Compression::kNone : CompressionFromPath(path)));
  return source;
}

std::unique_ptr<ByteSource> ByteSource::FromString(std::string data, std::string name) {
  uint64_t size = data.size();
  auto source = std::make_unique<ByteSourceImpl>(std::make_unique<StringInput>(std::move(data)),
                                                 std::move(name), size, /*is_file=*/false);
  // Reading a string cannot fail and kNone never mismatches.
  PARLEY_CHECK(source->Start(Compression::kNone).ok());
  return source;
}

}  // namespace parley::engine::io
