#include "tools/progress_bar.h"

#include <unistd.h>

#include <cstdio>

#include "absl/strings/str_format.h"

namespace parley::tools {

std::string HumanBytes(uint64_t bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000 && unit < 4) {
    value /= 1000;
    ++unit;
  }
  return unit == 0 ? absl::StrFormat("%d B", bytes)
                   : absl::StrFormat("%.1f %s", value, units[unit]);
}

ProgressBar::ProgressBar()
    : enabled_(isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() { Clear(); }

namespace {

const char* PhaseName(LoadOptions::Progress::Phase phase) {
  switch (phase) {
    case LoadOptions::Progress::Phase::kParse:
      return "parse";
    case LoadOptions::Progress::Phase::kSort:
      return "sort";
    case LoadOptions::Progress::Phase::kWrite:
      return "write";
    case LoadOptions::Progress::Phase::kIngest:
      return "ingest";
  }
  return "?";
}

}  // namespace

void ProgressBar::Update(const LoadOptions::Progress& progress) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(progress.statements) / seconds : 0;
  std::string bytes = HumanBytes(progress.bytes_read);
  if (progress.bytes_total > 0) {
    bytes += absl::StrFormat(" / %s (%.0f%%)", HumanBytes(progress.bytes_total),
                             100.0 * static_cast<double>(progress.bytes_read) /
                                 static_cast<double>(progress.bytes_total));
  }
  std::fprintf(stderr, "\r\033[K[%s] %s  %llu statements  %.0f statements/s  %.1fs",
               PhaseName(progress.phase), bytes.c_str(),
               static_cast<unsigned long long>(progress.statements), rate, seconds);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::Clear() {
  if (drawn_) std::fprintf(stderr, "\r\033[K");
  drawn_ = false;
}

}  // namespace parley::tools
