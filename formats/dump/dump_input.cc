#include "formats/dump/dump_input.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/status_macros.h"
#include "formats/dump/dump_format.h"
#include "kj/debug.h"
#include "kj/exception.h"

namespace parley::schema {
namespace {

constexpr size_t kInitialBufferBytes = size_t{256} << 10;
constexpr size_t kRawBytes = size_t{128} << 10;

size_t RoundUp8(size_t n) { return (n + 7) & ~size_t{7}; }

}  // namespace

DumpInput::DumpInput(int fd, bool owns_fd, std::string_view memory,
                     std::unique_ptr<engine::io::ByteSource> source)
    : fd_(fd), owns_fd_(owns_fd), memory_(memory), source_(std::move(source)) {
  if (buffered_raw()) raw_.reset(new char[kRawBytes]);
}

DumpInput::~DumpInput() {
  if (zstd_ != nullptr) ZSTD_freeDCtx(zstd_);
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
}

absl::StatusOr<std::unique_ptr<DumpInput>> DumpInput::FromPath(std::string_view path) {
  std::string p(path);
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    std::string message = absl::StrCat("cannot open ", p, ": ", std::strerror(err));
    return err == ENOENT ? absl::NotFoundError(message) : absl::InternalError(message);
  }
  return std::unique_ptr<DumpInput>(new DumpInput(fd, true, {}, nullptr));
}

std::unique_ptr<DumpInput> DumpInput::FromFd(int fd) {
  return std::unique_ptr<DumpInput>(new DumpInput(fd, false, {}, nullptr));
}

std::unique_ptr<DumpInput> DumpInput::FromBuffer(std::string_view bytes) {
  return std::unique_ptr<DumpInput>(new DumpInput(-1, false, bytes, nullptr));
}

std::unique_ptr<DumpInput> DumpInput::FromByteSource(
    std::unique_ptr<engine::io::ByteSource> source) {
  PARLEY_CHECK(source != nullptr);
  return std::unique_ptr<DumpInput>(new DumpInput(-1, false, {}, std::move(source)));
}

absl::StatusOr<size_t> DumpInput::ReadRaw(char* dst, size_t size) {
  if (source_ != nullptr) return source_->Read(dst, size);
  while (true) {
    ssize_t n = ::read(fd_, dst, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return absl::InternalError(absl::StrCat("cannot read: ", std::strerror(errno)));
    file_bytes_ += static_cast<size_t>(n);
    return static_cast<size_t>(n);
  }
}

absl::Status DumpInput::Start() {
  Reserve(kInitialBufferBytes);
  // Gather enough raw bytes to recognize the zstd magic (a pipe may deliver
  // them one by one).
  std::string_view head;
  while (true) {
    PARLEY_ASSIGN_OR_RETURN(head, RawPeek());
    if (head.size() >= kZstdMagic.size() || !buffered_raw() || raw_end_ == kRawBytes) break;
    PARLEY_ASSIGN_OR_RETURN(size_t n, ReadRaw(raw_.get() + raw_end_, kRawBytes - raw_end_));
    if (n == 0) break;
    raw_end_ += n;
  }
  PARLEY_ASSIGN_OR_RETURN(head, RawPeek());
  if (head.substr(0, kZstdMagic.size()) == kZstdMagic) {
    zstd_ = ZSTD_createDCtx();
    if (zstd_ == nullptr) return absl::ResourceExhaustedError("cannot create a zstd context");
    // 2^27 (128 MiB) is zstd's default window limit; say it to be explicit
    // about the memory a hostile frame header may ask for.
    ZSTD_DCtx_setParameter(zstd_, ZSTD_d_windowLogMax, 27);
  }
  return absl::OkStatus();
}

void DumpInput::Reserve(size_t capacity) {
  capacity = RoundUp8(capacity);
  if (capacity <= capacity_) return;
  std::unique_ptr<uint64_t[]> storage(new uint64_t[capacity / 8]);
  char* buffer = reinterpret_cast<char*>(storage.get());
  size_t live = end_ - begin_;
  if (live > 0) std::memcpy(buffer, buffer_ + begin_, live);
  storage_ = std::move(storage);
  buffer_ = buffer;
  capacity_ = capacity;
  begin_ = 0;
  end_ = live;
}

absl::StatusOr<size_t> DumpInput::Ensure(size_t n, bool aligned) {
  while (available() < n && !source_done_) {
    if (end_ == capacity_) {
      if (begin_ > 0) {
        std::memmove(buffer_, buffer_ + begin_, available());
        end_ -= begin_;
        begin_ = 0;
      } else {
        Reserve(std::min(2 * capacity_, RoundUp8(n)));
      }
    }
    PARLEY_RETURN_IF_ERROR(Fill());
  }
  if (aligned && begin_ % 8 != 0) {
    std::memmove(buffer_, buffer_ + begin_, available());
    end_ -= begin_;
    begin_ = 0;
  }
  return std::min(n, available());
}

void DumpInput::Consume(size_t n) {
  PARLEY_CHECK(n <= available());
  checksum_.Update(buffer_ + begin_, n);
  begin_ += n;
  offset_ += n;
  if (begin_ == end_) begin_ = end_ = 0;
}

absl::Status DumpInput::Fill() {
  char* dst = buffer_ + end_;
  size_t space = capacity_ - end_;
  absl::StatusOr<size_t> n = zstd_ != nullptr ? Decompress(dst, space) : RawRead(dst, space);
  if (!n.ok()) return n.status();
  if (*n == 0) source_done_ = true;
  end_ += *n;
  return absl::OkStatus();
}

absl::StatusOr<std::string_view> DumpInput::RawPeek() {
  if (!buffered_raw()) return memory_.substr(memory_pos_);
  if (raw_begin_ == raw_end_) {
    raw_begin_ = raw_end_ = 0;
    PARLEY_ASSIGN_OR_RETURN(raw_end_, ReadRaw(raw_.get(), kRawBytes));
  }
  return std::string_view(raw_.get() + raw_begin_, raw_end_ - raw_begin_);
}

absl::StatusOr<size_t> DumpInput::RawRead(char* dst, size_t size) {
  if (buffered_raw() && raw_begin_ == raw_end_ && size >= kRawBytes) {
    return ReadRaw(dst, size);  // large reads go straight into the buffer
  }
  PARLEY_ASSIGN_OR_RETURN(std::string_view raw, RawPeek());
  size_t n = std::min(size, raw.size());
  std::memcpy(dst, raw.data(), n);
  if (buffered_raw()) {
    raw_begin_ += n;
  } else {
    memory_pos_ += n;
    file_bytes_ += n;
  }
  return n;
}

absl::StatusOr<size_t> DumpInput::Decompress(char* dst, size_t size) {
  ZSTD_outBuffer out{dst, size, 0};
  while (out.pos == 0) {
    PARLEY_ASSIGN_OR_RETURN(std::string_view raw, RawPeek());
    if (raw.empty()) {
      if (zstd_hint_ != 0) {
        return absl::DataLossError(absl::StrCat("truncated zstd stream (file ends at byte ",
                                                file_bytes(), " inside a frame)"));
      }
      return size_t{0};
    }
    ZSTD_inBuffer in{raw.data(), raw.size(), 0};
    size_t rc = ZSTD_decompressStream(zstd_, &out, &in);
    if (ZSTD_isError(rc)) {
      return absl::DataLossError(absl::StrCat("corrupt zstd stream near file byte ", file_bytes(),
                                              ": ", ZSTD_getErrorName(rc)));
    }
    zstd_hint_ = rc;
    if (buffered_raw()) {
      raw_begin_ += in.pos;
    } else {
      memory_pos_ += in.pos;
      file_bytes_ += in.pos;
    }
  }
  return out.pos;
}

void DumpInput::ThrowIfError(const absl::Status& status) {
  if (status.ok()) return;
  io_status_ = status;
  KJ_FAIL_REQUIRE("dump input failed");
}

kj::ArrayPtr<const kj::byte> DumpInput::tryGetReadBuffer() {
  if (available() == 0) ThrowIfError(Ensure(1).status());
  return kj::arrayPtr(reinterpret_cast<const kj::byte*>(data()), available());
}

size_t DumpInput::tryRead(void* buffer, size_t min_bytes, size_t max_bytes) {
  auto* dst = static_cast<char*>(buffer);
  size_t copied = 0;
  while (copied < min_bytes) {
    if (available() == 0) {
      ThrowIfError(Ensure(1).status());
      if (available() == 0) break;
    }
    size_t n = std::min(available(), max_bytes - copied);
    std::memcpy(dst + copied, data(), n);
    Consume(n);
    copied += n;
  }
  return copied;
}

void DumpInput::skip(size_t bytes) {
  while (bytes > 0) {
    if (available() == 0) {
      ThrowIfError(Ensure(1).status());
      KJ_REQUIRE(available() > 0, "premature end of stream");
    }
    size_t n = std::min(available(), bytes);
    Consume(n);
    bytes -= n;
  }
}

}  // namespace parley::schema
