// A one-line progress display on a terminal (stderr): phase, bytes read,
// statements per second. Silent when stderr is not a terminal, so scripts
// and logs get only the final summary.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "parley/load.h"

namespace parley::tools {

class ProgressBar {
 public:
  ProgressBar();
  ~ProgressBar();  // clears the line

  // Redraws at most ~10 times a second.
  void Update(const LoadOptions::Progress& progress);

 private:
  void Clear();

  const bool enabled_;
  const std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

// "1.5 MB", "230 kB", "17 B".
std::string HumanBytes(uint64_t bytes);

}  // namespace parley::tools
