#include "api/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/status_macros.h"

namespace parley::api {
namespace {

absl::Status ErrnoError(std::string_view what, int err) {
  std::string message =
      absl::StrCat(absl::string_view(what.data(), what.size()), ": ", std::strerror(err));
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
    case EROFS:
      return absl::PermissionDeniedError(message);
    case ENOSPC:
    case EDQUOT:
      return absl::ResourceExhaustedError(message);
    default:
      return absl::InternalError(message);
  }
}

// realpath(3): absolute, no symbolic links, no "." or ".."; nullopt with
// errno set when some component does not exist.
std::optional<std::string> RealPath(const std::string& path) {
  char* real = ::realpath(path.c_str(), nullptr);
  if (real == nullptr) return std::nullopt;
  std::string out(real);
  std::free(real);
  return out;
}

// The directory of a canonical path ("/" for "/x").
std::string ParentOf(const std::string& canonical) {
  const size_t slash = canonical.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : canonical.substr(0, slash);
}

// InvalidArgument when `target` (canonical, the output named `path`) is in
// the database directory `db_dir` or below it. Canonical paths compare the
// names; the identity of each ancestor directory also catches a database
// reached by another mount of its file system.
absl::Status RefuseInsideDatabase(const std::string& path, const std::string& target,
                                  const std::string& db_dir) {
  const std::optional<std::string> db = RealPath(db_dir);
  struct stat db_stat;
  if (!db || ::stat(db->c_str(), &db_stat) != 0) {
    return ErrnoError(absl::StrCat("cannot export: cannot resolve the database directory ", db_dir),
                      errno);
  }
  bool inside = target == *db || target.rfind(*db + "/", 0) == 0;
  for (std::string dir = ParentOf(target); !inside; dir = ParentOf(dir)) {
    struct stat st;
    inside =
        ::stat(dir.c_str(), &st) == 0 && st.st_dev == db_stat.st_dev && st.st_ino == db_stat.st_ino;
    if (dir == "/") break;
  }
  if (!inside) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("cannot export to ", path,
                                                 ": it is inside the database directory ", db_dir,
                                                 " (write the export elsewhere)"));
}

absl::Status WriteAll(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError(absl::StrCat("cannot write ", path), errno);
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<OutputFile>> OutputFile::Create(const std::string& path,
                                                               const std::string& db_dir) {
  if (path.empty()) return absl::InvalidArgumentError("cannot export to an empty file name");
  auto out = std::unique_ptr<OutputFile>(new OutputFile(path));
  struct stat st;
  bool exists = ::stat(path.c_str(), &st) == 0;
  if (!exists && errno != ENOENT) return ErrnoError(absl::StrCat("cannot export to ", path), errno);
  if (exists && S_ISDIR(st.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat("cannot export to ", path, ": a directory"));
  }
  if (exists) {
    std::optional<std::string> real = RealPath(path);
    if (!real) return ErrnoError(absl::StrCat("cannot export to ", path), errno);
    out->target_ = *std::move(real);
  } else {
    const std::filesystem::path p(path);
    const std::string name = p.filename().string();
    if (name.empty() || name == "." || name == "..") {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot export to ", path, ": names a directory"));
    }
    const std::string parent = p.has_parent_path() ? p.parent_path().string() : ".";
    std::optional<std::string> real_parent = RealPath(parent);
    if (!real_parent) {
      return ErrnoError(absl::StrCat("cannot export to ", path, ": directory ", parent), errno);
    }
    out->target_ = absl::StrCat(*real_parent, *real_parent == "/" ? "" : "/", name);
  }
  PARLEY_RETURN_IF_ERROR(RefuseInsideDatabase(path, out->target_, db_dir));

  if (exists && !S_ISREG(st.st_mode)) {
    out->fd_ = ::open(out->target_.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (out->fd_ < 0) return ErrnoError(absl::StrCat("cannot open ", path), errno);
    return out;
  }
  PARLEY_RETURN_IF_ERROR(out->CreateTemporary());
  // The replacement keeps the permissions of the file it replaces.
  if (exists) (void)::fchmod(out->fd_, st.st_mode & 07777);
  return out;
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!temporary_.empty()) ::unlink(temporary_.c_str());
}

absl::Status OutputFile::Write(std::string_view data) { return WriteAll(fd_, data, path_); }

absl::Status OutputFile::Commit() {
  const int fd = std::exchange(fd_, -1);
  if (temporary_.empty()) {  // a device or FIFO: nothing to rename
    if (::close(fd) != 0) return ErrnoError(absl::StrCat("cannot write ", path_), errno);
    return absl::OkStatus();
  }
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    return ErrnoError(absl::StrCat("cannot write ", path_, " (sync)"), err);
  }
  if (::close(fd) != 0) return ErrnoError(absl::StrCat("cannot write ", path_), errno);
  if (::rename(temporary_.c_str(), target_.c_str()) != 0) {
    return ErrnoError(absl::StrCat("cannot rename ", temporary_, " to ", path_), errno);
  }
  temporary_.clear();
  const std::string dir = ParentOf(target_);
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) return ErrnoError(absl::StrCat("wrote ", path_, " but cannot sync ", dir), errno);
  // Some file systems cannot sync a directory (EINVAL): nothing more to do there.
  const bool synced = ::fsync(dir_fd) == 0 || errno == EINVAL;
  const int err = errno;
  ::close(dir_fd);
  if (!synced) return ErrnoError(absl::StrCat("wrote ", path_, " but cannot sync ", dir), err);
  return absl::OkStatus();
}

// ".NAME.tmp-PID-N" in the target's directory, created exclusively (mode
// 0666 less the umask, as a new target would get).
absl::Status OutputFile::CreateTemporary() {
  static std::atomic<uint64_t> counter{0};
  const std::string dir = ParentOf(target_);
  const std::string name = target_.substr(target_.rfind('/') + 1);
  for (int attempt = 0; attempt < 100; ++attempt) {
    const uint64_t n =
        counter.fetch_add(1) ^
        static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    std::string temporary = absl::StrFormat("%s/.%s.tmp-%d-%x", dir == "/" ? "" : dir, name,
                                            static_cast<int>(::getpid()), n & 0xFFFFFF);
    fd_ = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0666);
    if (fd_ >= 0) {
      temporary_ = std::move(temporary);
      return absl::OkStatus();
    }
    if (errno != EEXIST) {
      return ErrnoError(
          absl::StrCat("cannot create a temporary file beside ", path_, " (", temporary, ")"),
          errno);
    }
  }
  return absl::AlreadyExistsError(
      absl::StrCat("cannot create a temporary file beside ", path_, ": every name tried exists"));
}

}  // namespace parley::api
