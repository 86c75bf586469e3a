// Merging sorted spill files (engine/bulk/spill_file.h) into one sorted stream
// without duplicates: the last step of the bulk loader's external sort.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/bulk/spill_file.h"
#include "engine/layout/sort_key.h"

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
  SpillMerger() = default;
  // Whether input a's current key comes before input b's.
  bool Before(size_t a, size_t b) const { return *current_[a] < *current_[b]; }
  size_t Build(size_t node);
  // Moves input i to its next key (kExhausted at its end); false on error.
  bool Advance(size_t i);

  // A tournament (loser) tree over the inputs: node j (1 <= j < k) holds
  // the input that lost the match there, tree_[0] the overall winner; the
  // leaves, nodes k..2k-1, are the inputs. Taking the winner's next key
  // replays only its path: log2(k) comparisons, against about twice that
  // (and moves) for a binary heap.
  // Each input's keys are decoded a batch at a time (fewer calls, and the
  // batches of all inputs stay in cache).
  struct Input {
    std::unique_ptr<SpillReader> reader;
    std::vector<Key4> batch;
    size_t position = 0;
    size_t size = 0;
  };
  std::vector<Input> inputs_;
  std::vector<const Key4*> current_;  // each input's current key
  std::vector<size_t> tree_;
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
