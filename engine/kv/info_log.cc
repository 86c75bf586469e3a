#include "engine/kv/info_log.h"

#include <fcntl.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace parley::engine {
namespace {

class DiscardingLogger final : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char* /*format*/, va_list /*ap*/) override {}
};

class AppendingLogger final : public rocksdb::Logger {
 public:
  explicit AppendingLogger(int fd) : fd_(fd) {}
  ~AppendingLogger() override { ::close(fd_); }

  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    timeval now;
    ::gettimeofday(&now, nullptr);
    tm local;
    ::localtime_r(&now.tv_sec, &local);
    char prefix[64];
    const int prefix_size = std::snprintf(
        prefix, sizeof(prefix), "%04d/%02d/%02d-%02d:%02d:%02d.%06ld %llx ", local.tm_year + 1900,
        local.tm_mon + 1, local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec,
        static_cast<long>(now.tv_usec), static_cast<unsigned long long>(::gettid()));
    std::string line(prefix, prefix_size > 0 ? static_cast<size_t>(prefix_size) : 0);
    va_list copy;
    va_copy(copy, ap);
    const int size = std::vsnprintf(nullptr, 0, format, copy);
    va_end(copy);
    if (size > 0) {
      const size_t start = line.size();
      line.resize(start + static_cast<size_t>(size) + 1);
      std::vsnprintf(line.data() + start, static_cast<size_t>(size) + 1, format, ap);
      line.resize(start + static_cast<size_t>(size));
    }
    if (line.empty() || line.back() != '\n') line.push_back('\n');
    // One append per line (O_APPEND), so that lines never interleave; a
    // failed or short write loses diagnostics only.
    while (::write(fd_, line.data(), line.size()) < 0 && errno == EINTR) {
    }
  }

 private:
  const int fd_;
};

}  // namespace

std::shared_ptr<rocksdb::Logger> OpenInfoLog(const std::string& db_path) {
  namespace fs = std::filesystem;
  const fs::path log = fs::path(db_path) / "LOG";
  std::error_code error;
  if (fs::exists(log, error)) {
    timeval now;
    ::gettimeofday(&now, nullptr);
    const int64_t micros = int64_t{now.tv_sec} * 1'000'000 + now.tv_usec;
    fs::rename(log, fs::path(db_path) / absl::StrCat("LOG.old.", micros), error);
  }
  fs::create_directories(db_path, error);
  const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return DiscardingInfoLog();
  return std::make_shared<AppendingLogger>(fd);
}

std::shared_ptr<rocksdb::Logger> DiscardingInfoLog() {
  return std::make_shared<DiscardingLogger>();
}

}  // namespace parley::engine
