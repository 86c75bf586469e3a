#include "formats/rdf/byte_sink.h"

#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "engine/status_macros.h"
#include "formats/rdf/str_cat.h"

namespace parley::engine::io {
namespace {

constexpr size_t kBufferSize = size_t{1} << 20;

// Where the final bytes go.
using RawWrite = std::function<absl::Status(std::string_view)>;

class SinkImpl final : public ByteSink {
 public:
  SinkImpl(std::string name, RawWrite raw, std::function<absl::Status()> close,
           Compression compression)
      : name_(std::move(name)),
        raw_(std::move(raw)),
        close_(std::move(close)),
        compression_(compression) {
    buffer_.reserve(kBufferSize);
  }

  ~SinkImpl() override {
    if (zlib_initialized_) deflateEnd(&zlib_);
    if (zstd_ != nullptr) ZSTD_freeCStream(zstd_);
    if (!finished_ && close_) close_().IgnoreError();
  }

  absl::Status Start() {
    if (compression_ == Compression::kGzip) {
      std::memset(&zlib_, 0, sizeof(zlib_));
      // 16 + MAX_WBITS: a gzip header and trailer, not zlib's.
      if (deflateInit2(&zlib_, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return absl::InternalError(Cat(name_, ": cannot initialize zlib"));
      }
      zlib_initialized_ = true;
    } else if (compression_ == Compression::kZstd) {
      zstd_ = ZSTD_createCStream();
      if (zstd_ == nullptr) return absl::InternalError(Cat(name_, ": cannot start zstd"));
      ZSTD_CCtx_setParameter(zstd_, ZSTD_c_compressionLevel, 3);
    }
    return absl::OkStatus();
  }

  absl::Status Write(std::string_view data) override {
    if (finished_) return absl::FailedPreconditionError(Cat(name_, ": written after Finish()"));
    if (buffer_.size() + data.size() > kBufferSize) {
      PARLEY_RETURN_IF_ERROR(Flush(false));
      if (data.size() >= kBufferSize) return Emit(data, false);
    }
    buffer_.append(data);
    return absl::OkStatus();
  }

  absl::Status Finish() override {
    if (finished_) return absl::OkStatus();
    finished_ = true;
    PARLEY_RETURN_IF_ERROR(Flush(true));
    if (close_) PARLEY_RETURN_IF_ERROR(close_());
    return absl::OkStatus();
  }

  const std::string& name() const override { return name_; }

 private:
  absl::Status Flush(bool end) {
    absl::Status status = Emit(buffer_, end);
    buffer_.clear();
    return status;
  }

  // Compresses (or not) `data` and hands the result to raw_; `end` ends the
  // compressed stream.
  absl::Status Emit(std::string_view data, bool end) {
    switch (compression_) {
      case Compression::kNone:
        return data.empty() ? absl::OkStatus() : raw_(data);
      case Compression::kGzip: {
        zlib_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
        zlib_.avail_in = static_cast<uInt>(data.size());
        while (true) {
          zlib_.next_out = reinterpret_cast<Bytef*>(out_);
          zlib_.avail_out = sizeof(out_);
          int rc = deflate(&zlib_, end ? Z_FINISH : Z_NO_FLUSH);
          if (rc == Z_STREAM_ERROR) return absl::InternalError(Cat(name_, ": gzip error"));
          size_t produced = sizeof(out_) - zlib_.avail_out;
          if (produced > 0) PARLEY_RETURN_IF_ERROR(raw_(std::string_view(out_, produced)));
          if (end ? rc == Z_STREAM_END : (zlib_.avail_in == 0 && zlib_.avail_out > 0)) break;
        }
        return absl::OkStatus();
      }
      case Compression::kZstd: {
        ZSTD_inBuffer input{data.data(), data.size(), 0};
        while (true) {
          ZSTD_outBuffer output{out_, sizeof(out_), 0};
          size_t rc =
              ZSTD_compressStream2(zstd_, &output, &input, end ? ZSTD_e_end : ZSTD_e_continue);
          if (ZSTD_isError(rc)) {
            return absl::InternalError(Cat(name_, ": zstd: ", ZSTD_getErrorName(rc)));
          }
          if (output.pos > 0) PARLEY_RETURN_IF_ERROR(raw_(std::string_view(out_, output.pos)));
          if (end ? rc == 0 : input.pos == input.size) break;
        }
        return absl::OkStatus();
      }
    }
    return absl::OkStatus();
  }

  std::string name_;
  RawWrite raw_;
  std::function<absl::Status()> close_;
  Compression compression_;
  std::string buffer_;
  bool finished_ = false;
  z_stream zlib_;
  bool zlib_initialized_ = false;
  ZSTD_CStream* zstd_ = nullptr;
  char out_[1 << 16];
};

RawWrite FileWriter(std::FILE* file, std::string name) {
  return [file, name = std::move(name)](std::string_view data) -> absl::Status {
    if (std::fwrite(data.data(), 1, data.size(), file) != data.size()) {
      return absl::InternalError(Cat(name, ": write failed: ", std::strerror(errno)));
    }
    return absl::OkStatus();
  };
}

}  // namespace

absl::StatusOr<std::unique_ptr<ByteSink>> ByteSink::Open(std::string_view path) {
  std::string name(path);
  Compression compression = CompressionFromPath(path);
  if (path == "-") {
    auto sink = std::make_unique<SinkImpl>(
        name, FileWriter(stdout, name),
        [name]() -> absl::Status {
          if (std::fflush(stdout) != 0) {
            return absl::InternalError(Cat(name, ": ", std::strerror(errno)));
          }
          return absl::OkStatus();
        },
        compression);
    PARLEY_RETURN_IF_ERROR(sink->Start());
    return sink;
  }
  std::FILE* file = std::fopen(name.c_str(), "wb");
  if (file == nullptr) {
    int err = errno;
    std::string message = Cat(name, ": cannot create: ", std::strerror(err));
    if (err == ENOENT) return absl::NotFoundError(message);
    if (err == EACCES || err == EPERM) return absl::PermissionDeniedError(message);
    return absl::InternalError(message);
  }
  auto sink = std::make_unique<SinkImpl>(
      name, FileWriter(file, name),
      [file, name]() -> absl::Status {
        if (std::fclose(file) != 0) {
          return absl::InternalError(Cat(name, ": close failed: ", std::strerror(errno)));
        }
        return absl::OkStatus();
      },
      compression);
  PARLEY_RETURN_IF_ERROR(sink->Start());
  return sink;
}

std::unique_ptr<ByteSink> ByteSink::ForCallback(std::function<absl::Status(std::string_view)> write,
                                                Compression compression) {
  auto sink = std::make_unique<SinkImpl>("(callback)", std::move(write), nullptr, compression);
  PARLEY_CHECK(sink->Start().ok());
  return sink;
}

}  // namespace parley::engine::io
