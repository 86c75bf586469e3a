#include "engine/spill_merge.h"

#include <cstdio>
#include <utility>

#include "engine/status_macros.h"

namespace parley::engine {

absl::StatusOr<std::unique_ptr<SpillMerger>> SpillMerger::Open(
    const std::vector<std::string>& paths, size_t buffer_size) {
  std::unique_ptr<SpillMerger> merger(new SpillMerger());
  for (const std::string& path : paths) {
    PARLEY_ASSIGN_OR_RETURN(std::unique_ptr<SpillReader> reader,
                            SpillReader::Open(path, buffer_size));
    Head head{{}, merger->inputs_.size()};
    if (reader->Next(&head.key)) {
      merger->heap_.push_back(head);
    } else {
      PARLEY_RETURN_IF_ERROR(reader->status());
    }
    merger->inputs_.push_back(std::move(reader));
  }
  for (size_t i = merger->heap_.size() / 2; i-- > 0;) merger->SiftDown(i);
  return merger;
}

void SpillMerger::SiftDown(size_t i) {
  const size_t n = heap_.size();
  Head moving = heap_[i];
  while (true) {
    size_t child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && heap_[child + 1].key < heap_[child].key) ++child;
    if (!(heap_[child].key < moving.key)) break;
    heap_[i] = heap_[child];
    i = child;
  }
  heap_[i] = moving;
}

bool SpillMerger::Advance() {
  SpillReader& reader = *inputs_[heap_[0].input];
  if (reader.Next(&heap_[0].key)) {
    SiftDown(0);
    return true;
  }
  if (!reader.status().ok()) {
    status_ = reader.status();
    heap_.clear();
    return false;
  }
  heap_[0] = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) SiftDown(0);
  return true;
}

bool SpillMerger::Next(Key4* key) {
  while (!heap_.empty()) {
    const Key4 top = heap_[0].key;
    if (!Advance()) return false;
    if (has_last_ && top == last_) continue;
    has_last_ = true;
    last_ = top;
    *key = top;
    return true;
  }
  return false;
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
