#include "engine/bulk/spill_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace parley::engine {
namespace {

constexpr size_t kWriteBufferSize = size_t{1} << 20;

absl::Status IoError(std::string_view what, const std::string& path, int error) {
  const std::string message =
      absl::StrCat(std::string(what), " ", path, ": ", std::strerror(error));
  if (error == ENOSPC) return absl::ResourceExhaustedError(message);
  return absl::InternalError(message);
}

char* PutVarint(uint64_t v, char* out) {
  while (v >= 0x80) {
    *out++ = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  *out++ = static_cast<char>(v);
  return out;
}

// Decodes a varint from [*p, end); false when it is truncated or longer
// than 10 bytes.
bool GetVarint(const char** p, const char* end, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64 && *p < end; shift += 7) {
    const auto byte = static_cast<unsigned char>(*(*p)++);
    result |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if (byte < 0x80) {
      *v = result;
      return true;
    }
  }
  return false;
}

// GetVarint for a buffer known to hold a whole record: no bounds checks.
// Still false for more than 10 bytes (a corrupt file).
bool GetVarintUnchecked(const char** p, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    const auto byte = static_cast<unsigned char>(*(*p)++);
    result |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if (byte < 0x80) {
      *v = result;
      return true;
    }
  }
  return false;
}

}  // namespace

// --- SpillWriter -----------------------------------------------------------

absl::StatusOr<std::unique_ptr<SpillWriter>> SpillWriter::Create(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("create", path, errno);
  return std::unique_ptr<SpillWriter>(new SpillWriter(fd, path));
}

SpillWriter::SpillWriter(int fd, std::string path)
    : fd_(fd), path_(std::move(path)), buffer_(kWriteBufferSize) {
  used_ = buffer_.data();
  end_ = buffer_.data() + buffer_.size();
}

SpillWriter::~SpillWriter() {
  if (fd_ >= 0) ::close(fd_);
}

char* SpillWriter::Encode(const Key4& key, char* out) {
  int first = 0;
  while (first < 3 && key.w[first] == previous_.w[first]) ++first;
  *out++ = static_cast<char>(first);
  out = PutVarint(key.w[first] - previous_.w[first], out);
  for (int i = first + 1; i < 4; ++i) out = PutVarint(key.w[i], out);
  previous_ = key;
  return out;
}

absl::Status SpillWriter::Flush() {
  const char* p = buffer_.data();
  while (p < used_) {
    const ssize_t n = ::write(fd_, p, static_cast<size_t>(used_ - p));
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("write", path_, errno);
    }
    p += n;
  }
  bytes_ += static_cast<uint64_t>(used_ - buffer_.data());
  used_ = buffer_.data();
  return absl::OkStatus();
}

absl::Status SpillWriter::Finish() {
  PARLEY_RETURN_IF_ERROR(Flush());
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return IoError("close", path_, errno);
  return absl::OkStatus();
}

// --- SpillReader -----------------------------------------------------------

absl::StatusOr<std::unique_ptr<SpillReader>> SpillReader::Open(const std::string& path,
                                                               size_t buffer_size) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError("open", path, errno);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::unique_ptr<SpillReader>(new SpillReader(fd, path, buffer_size));
}

SpillReader::SpillReader(int fd, std::string path, size_t buffer_size)
    : fd_(fd),
      path_(std::move(path)),
      buffer_(std::max(buffer_size, 4 * SpillWriter::kMaxRecordSize)) {}

SpillReader::~SpillReader() { ::close(fd_); }

bool SpillReader::Fail(absl::Status status) {
  status_ = std::move(status);
  eof_ = true;
  begin_ = end_ = 0;
  return false;
}

bool SpillReader::Fill() {
  std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
  end_ -= begin_;
  begin_ = 0;
  while (!eof_ && end_ < buffer_.size()) {
    const ssize_t n = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail(IoError("read", path_, errno));
    }
    if (n == 0) eof_ = true;
    end_ += static_cast<size_t>(n);
  }
  return true;
}

bool SpillReader::Next(Key4* key) {
  if (end_ - begin_ < SpillWriter::kMaxRecordSize && !eof_) {
    if (!Fill()) return false;
  }
  if (begin_ == end_) return false;
  const char* p = buffer_.data() + begin_;
  const char* end = buffer_.data() + end_;
  // Near the end of the file a record may be cut short: check each byte.
  const bool whole = end_ - begin_ >= SpillWriter::kMaxRecordSize;
  auto varint = [&](uint64_t* v) {
    return whole ? GetVarintUnchecked(&p, v) : GetVarint(&p, end, v);
  };
  const auto first = static_cast<unsigned char>(*p++);
  uint64_t delta = 0;
  if (first > 3 || !varint(&delta) || delta == 0) {
    return Fail(absl::DataLossError(absl::StrCat("corrupt spill file ", path_)));
  }
  Key4 next = previous_;
  next.w[first] += delta;
  for (int i = first + 1; i < 4; ++i) {
    if (!varint(&next.w[i])) {
      return Fail(absl::DataLossError(absl::StrCat("truncated spill file ", path_)));
    }
  }
  begin_ = static_cast<size_t>(p - buffer_.data());
  previous_ = next;
  *key = next;
  return true;
}

size_t SpillReader::Read(Key4* out, size_t max) {
  size_t n = 0;
  while (n < max && Next(&out[n])) ++n;
  return n;
}

}  // namespace parley::engine
