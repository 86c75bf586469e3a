#include "engine/bulk/bulk_scratch.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <system_error>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace parley::engine {
namespace {

namespace fs = std::filesystem;

absl::Status FsError(std::string_view what, const std::string& path, const std::error_code& ec) {
  const std::string message = absl::StrCat(std::string(what), " ", path, ": ", ec.message());
  if (ec == std::errc::no_space_on_device) return absl::ResourceExhaustedError(message);
  if (ec == std::errc::permission_denied) return absl::PermissionDeniedError(message);
  return absl::InternalError(message);
}

}  // namespace

uint64_t RandomNonce() {
  std::random_device device;
  uint64_t nonce = (static_cast<uint64_t>(device()) << 32) ^ device();
  nonce ^= static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  return nonce ^ (static_cast<uint64_t>(::getpid()) << 17);
}

absl::StatusOr<std::unique_ptr<ScratchDir>> ScratchDir::Create(const std::string& db_path,
                                                               uint64_t nonce) {
  const std::string name =
      absl::StrFormat("%s%d-%016x", std::string(kLoadScratchPrefix), ::getpid(), nonce);
  const std::string path = (fs::path(db_path) / name).string();
  std::error_code ec;
  if (!fs::create_directory(path, ec)) {
    if (!ec) ec = std::make_error_code(std::errc::file_exists);
    return FsError("create scratch folder", path, ec);
  }
  return std::unique_ptr<ScratchDir>(new ScratchDir(path));
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string ScratchDir::File(std::string_view name) const {
  return absl::StrCat(path_, "/", std::string(name));
}

absl::Status RemoveStaleLoadFiles(const std::string& db_path) {
  std::error_code ec;
  fs::directory_iterator it(db_path, ec);
  if (ec) {
    if (ec == std::errc::no_such_file_or_directory) return absl::OkStatus();
    return FsError("list", db_path, ec);
  }
  std::vector<fs::path> stale;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) return FsError("list", db_path, ec);
    const std::string name = it->path().filename().string();
    if (name.rfind(kLoadScratchPrefix, 0) == 0) stale.push_back(it->path());
  }
  if (ec) return FsError("list", db_path, ec);
  for (const fs::path& path : stale) {
    fs::remove_all(path, ec);
    if (ec) return FsError("remove stale load files", path.string(), ec);
  }
  return absl::OkStatus();
}

}  // namespace parley::engine
