#include "engine/bulk/spill_merge.h"

#include <cstdio>
#include <memory>
#include <utility>

#include "engine/status_macros.h"

namespace parley::engine {
namespace {

constexpr size_t kBatchKeys = 512;

// The key of an exhausted input: after every index key, since no id is all
// ones (kAnyId is never stored).
constexpr Key4 kExhausted{{~uint64_t{0}, ~uint64_t{0}, ~uint64_t{0}, ~uint64_t{0}}};

}  // namespace

absl::StatusOr<std::unique_ptr<SpillMerger>> SpillMerger::Open(
    const std::vector<std::string>& paths, size_t buffer_size) {
  std::unique_ptr<SpillMerger> merger(new SpillMerger());
  const size_t k = paths.size();
  merger->inputs_.resize(k);
  merger->current_.resize(k);
  for (size_t i = 0; i < k; ++i) {
    Input& input = merger->inputs_[i];
    PARLEY_ASSIGN_OR_RETURN(input.reader, SpillReader::Open(paths[i], buffer_size));
    input.batch.resize(kBatchKeys);
    input.position = input.size = 0;
    if (!merger->Advance(i)) return merger->status_;
  }
  if (k > 0) {
    merger->tree_.resize(k);
    merger->tree_[0] = merger->Build(1);
  }
  return merger;
}

bool SpillMerger::Advance(size_t i) {
  Input& input = inputs_[i];
  if (++input.position < input.size) {
    current_[i] = &input.batch[input.position];
    return true;
  }
  input.position = 0;
  input.size = input.reader->Read(input.batch.data(), input.batch.size());
  if (input.size > 0) {
    current_[i] = &input.batch[0];
    return true;
  }
  current_[i] = &kExhausted;
  status_ = input.reader->status();
  return status_.ok();
}

// Plays the matches below `node`; returns their winner.
size_t SpillMerger::Build(size_t node) {
  const size_t k = inputs_.size();
  if (node >= k) return node - k;
  const size_t a = Build(2 * node);
  const size_t b = Build(2 * node + 1);
  if (Before(a, b)) {
    tree_[node] = b;
    return a;
  }
  tree_[node] = a;
  return b;
}

bool SpillMerger::Next(Key4* key) {
  if (tree_.empty()) return false;
  const size_t k = inputs_.size();
  while (true) {
    size_t winner = tree_[0];
    const Key4 top = *current_[winner];
    if (top == kExhausted) return false;
    if (!Advance(winner)) {
      tree_.clear();
      return false;
    }
    for (size_t node = (k + winner) / 2; node >= 1; node /= 2) {
      if (Before(tree_[node], winner)) std::swap(tree_[node], winner);
    }
    tree_[0] = winner;
    if (has_last_ && top == last_) continue;
    has_last_ = true;
    last_ = top;
    *key = top;
    return true;
  }
}

absl::Status ReduceSpillFiles(std::vector<std::string>* paths, size_t max_inputs,
                              size_t buffer_size, absl::FunctionRef<std::string()> new_path) {
  PARLEY_CHECK(max_inputs >= 2);
  while (paths->size() > max_inputs) {
    // Merge the first `group` files into one; the output joins the back, so
    // every file takes part in a merge once per level.
    const size_t group = std::min(max_inputs, paths->size() - max_inputs + 1);
    std::vector<std::string> inputs(paths->begin(), paths->begin() + group);
    paths->erase(paths->begin(), paths->begin() + group);
    const std::string output = new_path();
    {
      PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<SpillMerger> merger,
                              SpillMerger::Open(inputs, buffer_size));
      PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<SpillWriter> writer, SpillWriter::Create(output));
      Key4 key;
      while (merger->Next(&key)) PARLEY_RETURN_IF_ERROR(writer->Add(key));
      PARLEY_RETURN_IF_ERROR(merger->status());
      PARLEY_RETURN_IF_ERROR(writer->Finish());
    }
    for (const std::string& input : inputs) std::remove(input.c_str());
    paths->push_back(output);
  }
  return absl::OkStatus();
}

}  // namespace parley::engine
