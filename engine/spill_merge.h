// Merging sorted spill files (engine/spill_file.h) into one sorted stream
// without duplicates: the last step of the bulk loader's external sort.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/sort_key.h"
#include "engine/spill_file.h"

namespace parley::engine {

// Not thread-safe. Each input is read through its own buffer of
// `buffer_size` bytes, all open at once (one descriptor each).
class SpillMerger {
 public:
  static absl::StatusOr<std::unique_ptr<SpillMerger>> Open(const std::vector<std::string>& paths,
                                                           size_t buffer_size);

  // The next key of the union of the inputs, each key once; false at the
  // end or after an error.
  bool Next(Key4* key);
  absl::Status status() const { return status_; }

 private:
  struct Head {
    Key4 key;
    size_t input;
  };
  SpillMerger() = default;
  // Moves input heads_[0].input on and restores the heap; false on error.
  bool Advance();
  void SiftDown(size_t i);

  std::vector<std::unique_ptr<SpillReader>> inputs_;
  std::vector<Head> heap_;  // a binary min-heap on key
  bool has_last_ = false;
  Key4 last_{};
  absl::Status status_;
};

// Merges groups of `paths` into new spill files (named by `new_path`) until
// at most `max_inputs` remain, deleting merged inputs, so that a final
// SpillMerger needs few descriptors and buffers however many runs a load
// spilled.
absl::Status ReduceSpillFiles(std::vector<std::string>* paths, size_t max_inputs,
                              size_t buffer_size, absl::FunctionRef<std::string()> new_path);

}  // namespace parley::engine
