#include "formats/dump/dump_output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "capnp/serialize-packed.h"
#include "capnp/serialize.h"
#include "engine/status_macros.h"
#include "formats/dump/dump_format.h"
#include "kj/debug.h"
#include "kj/exception.h"

namespace parley::schema {
namespace {

// Bytes collected before a write(2) or a zstd call: large enough that the
// system-call and call overheads vanish, small enough to stay in L2/L3.
constexpr size_t kBufferBytes = size_t{1} << 20;

absl::Status ErrnoStatus(std::string_view what, int err) {
  std::string message =
      absl::StrCat(absl::string_view(what.data(), what.size()), ": ", std::strerror(err));
  return err == ENOENT ? absl::NotFoundError(message) : absl::InternalError(message);
}

}  // namespace

DumpOutput::DumpOutput(Sink sink, int fd, bool owns_fd, std::string* out,
                       const DumpOutputOptions& options)
    : sink_(sink),
      fd_(fd),
      owns_fd_(owns_fd),
      out_(out),
      options_(options),
      buffer_(new char[kBufferBytes]) {}

DumpOutput::~DumpOutput() {
  if (zstd_ != nullptr) ZSTD_freeCCtx(zstd_);
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
}

absl::StatusOr<std::unique_ptr<DumpOutput>> DumpOutput::ToPath(std::string_view path,
                                                               const DumpOutputOptions& options) {
  std::string p(path);
  int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoStatus(absl::StrCat("cannot create ", p), errno);
  std::unique_ptr<DumpOutput> output(new DumpOutput(Sink::kFd, fd, true, nullptr, options));
  PARLEY_RETURN_IF_ERROR(output->Init());
  return output;
}

absl::StatusOr<std::unique_ptr<DumpOutput>> DumpOutput::ToFd(int fd,
                                                             const DumpOutputOptions& options) {
  if (fd < 0) return absl::InvalidArgumentError("DumpOutput: negative file descriptor");
  std::unique_ptr<DumpOutput> output(new DumpOutput(Sink::kFd, fd, false, nullptr, options));
  PARLEY_RETURN_IF_ERROR(output->Init());
  return output;
}

absl::StatusOr<std::unique_ptr<DumpOutput>> DumpOutput::ToString(std::string* out,
                                                                 const DumpOutputOptions& options) {
  PARLEY_CHECK(out != nullptr);
  std::unique_ptr<DumpOutput> output(new DumpOutput(Sink::kString, -1, false, out, options));
  PARLEY_RETURN_IF_ERROR(output->Init());
  return output;
}

absl::Status DumpOutput::Init() {
  if (!options_.zstd) return absl::OkStatus();
  zstd_ = ZSTD_createCCtx();
  if (zstd_ == nullptr) return absl::ResourceExhaustedError("cannot create a zstd context");
  const size_t rc = ZSTD_CCtx_setParameter(zstd_, ZSTD_c_compressionLevel, options_.zstd_level);
  if (ZSTD_isError(rc)) {
    return absl::InvalidArgumentError(absl::StrCat("zstd options: ", ZSTD_getErrorName(rc)));
  }
  return absl::OkStatus();
}

absl::Status DumpOutput::WriteSignature() {
  return WriteRaw(options_.packed ? kDumpSignaturePacked : kDumpSignatureUnpacked);
}

absl::Status DumpOutput::WriteRaw(std::string_view bytes) {
  PARLEY_CHECK(!closed_);
  PARLEY_RETURN_IF_ERROR(io_status_);
  checksum_.Update(bytes.data(), bytes.size());
  stream_bytes_ += bytes.size();
  io_status_ = Emit(bytes.data(), bytes.size());
  return io_status_;
}

absl::Status DumpOutput::WriteMessage(capnp::MessageBuilder& message) {
  PARLEY_CHECK(!closed_);
  PARLEY_RETURN_IF_ERROR(io_status_);
  kj::Maybe<kj::Exception> error = kj::runCatchingExceptions([&]() {
    if (options_.packed) {
      capnp::writePackedMessage(*this, message);
    } else {
      capnp::writeMessage(*this, message);
    }
  });
  PARLEY_RETURN_IF_ERROR(io_status_);
  KJ_IF_MAYBE (e, error) {
    return absl::InternalError(
        absl::StrCat("cannot serialize a dump message: ", e->getDescription().cStr()));
  }
  return absl::OkStatus();
}

void DumpOutput::write(const void* buffer, size_t size) {
  if (io_status_.ok()) {
    checksum_.Update(buffer, size);
    stream_bytes_ += size;
    io_status_ = Emit(static_cast<const char*>(buffer), size);
  }
  if (!io_status_.ok()) {
    KJ_FAIL_REQUIRE("dump output failed");
  }
}

absl::Status DumpOutput::Emit(const char* data, size_t size) {
  if (zstd_ != nullptr) return Compress(data, size, ZSTD_e_continue);
  if (buffered_ + size <= kBufferBytes) {
    std::memcpy(buffer_.get() + buffered_, data, size);
    buffered_ += size;
    return absl::OkStatus();
  }
  PARLEY_RETURN_IF_ERROR(FlushBuffer());
  if (size >= kBufferBytes / 2) return SinkWrite(data, size);
  std::memcpy(buffer_.get(), data, size);
  buffered_ = size;
  return absl::OkStatus();
}

absl::Status DumpOutput::Compress(const char* data, size_t size, ZSTD_EndDirective mode) {
  ZSTD_inBuffer in{data, size, 0};
  while (true) {
    ZSTD_outBuffer out{buffer_.get() + buffered_, kBufferBytes - buffered_, 0};
    size_t remaining = ZSTD_compressStream2(zstd_, &out, &in, mode);
    if (ZSTD_isError(remaining)) {
      return absl::InternalError(absl::StrCat("zstd: ", ZSTD_getErrorName(remaining)));
    }
    buffered_ += out.pos;
    if (buffered_ == kBufferBytes) PARLEY_RETURN_IF_ERROR(FlushBuffer());
    bool done = mode == ZSTD_e_continue ? in.pos == in.size : remaining == 0;
    if (done) return absl::OkStatus();
  }
}

absl::Status DumpOutput::FlushBuffer() {
  size_t n = buffered_;
  buffered_ = 0;
  return SinkWrite(buffer_.get(), n);
}

absl::Status DumpOutput::SinkWrite(const char* data, size_t size) {
  file_bytes_ += size;
  if (sink_ == Sink::kString) {
    out_->append(data, size);
    return absl::OkStatus();
  }
  while (size > 0) {
    ssize_t n = ::write(fd_, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("cannot write the dump", errno);
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

absl::Status DumpOutput::Close() {
  if (closed_) return io_status_;
  closed_ = true;
  if (io_status_.ok() && zstd_ != nullptr) io_status_ = Compress(nullptr, 0, ZSTD_e_end);
  if (io_status_.ok()) io_status_ = FlushBuffer();
  if (owns_fd_ && fd_ >= 0) {
    int rc = ::close(fd_);
    fd_ = -1;
    if (rc != 0 && io_status_.ok()) io_status_ = ErrnoStatus("cannot close the dump", errno);
  }
  return io_status_;
}

}  // namespace parley::schema
