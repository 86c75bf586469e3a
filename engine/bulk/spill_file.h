// Sorted runs of keys that a bulk load spills to scratch files and merges
// back. Keys are strictly increasing within a file, so each is stored as its
// difference to the one before:
//
//   spill_file := record*
//   record     := first:u8 delta:varint rest:varint{3 - first}
//
// where `first` (0..3) is the index of the first word that differs from the
// previous key (the all-zero key before the first record), delta = w[first]
// minus the previous key's w[first] (never 0), and rest = w[first + 1 ..
// 3] in full. varint := LEB128, 7 bits a byte, least significant first.
// Neighbouring keys of a sorted run share their leading ids, so a 32-byte
// key takes 4-8 bytes: a run costs a quarter of the I/O and page cache.
//
// The files are private to one load, written and read by one process; they
// are not synced (a crash abandons the load, and RemoveStaleLoadFiles
// deletes them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/layout/sort_key.h"
#include "engine/status_macros.h"

namespace parley::engine {

// Not thread-safe. Destroying an unfinished writer leaves a partial file
// (the load's scratch folder goes as a whole).
class SpillWriter {
 public:
  static absl::StatusOr<std::unique_ptr<SpillWriter>> Create(const std::string& path);
  ~SpillWriter();
  SpillWriter(const SpillWriter&) = delete;
  SpillWriter& operator=(const SpillWriter&) = delete;

  // REQUIRES: `key` > every key added before, and > the all-zero key (no
  // index key is all zero: subjects and predicates are never id 0).
  absl::Status Add(const Key4& key) {
    if (static_cast<size_t>(end_ - used_) < kMaxRecordSize) PARLEY_RETURN_IF_ERROR(Flush());
    used_ = Encode(key, used_);
    ++count_;
    return absl::OkStatus();
  }
  absl::Status Finish();
  uint64_t count() const { return count_; }
  // File bytes written so far.
  uint64_t bytes() const { return bytes_ + static_cast<uint64_t>(used_ - buffer_.data()); }

  static constexpr size_t kMaxRecordSize = 1 + 4 * 10;

 private:
  SpillWriter(int fd, std::string path);
  char* Encode(const Key4& key, char* out);
  absl::Status Flush();

  int fd_;
  std::string path_;
  std::vector<char> buffer_;
  char* used_;
  char* end_;
  Key4 previous_{};
  uint64_t count_ = 0;
  uint64_t bytes_ = 0;
};

// Not thread-safe.
class SpillReader {
 public:
  static absl::StatusOr<std::unique_ptr<SpillReader>> Open(const std::string& path,
                                                           size_t buffer_size);
  ~SpillReader();
  SpillReader(const SpillReader&) = delete;
  SpillReader& operator=(const SpillReader&) = delete;

  // The next key; false at the end of the file or after an error.
  bool Next(Key4* key);
  // Up to `max` next keys into `out`; their number, 0 at the end of the
  // file or after an error.
  size_t Read(Key4* out, size_t max);
  // DataLoss for a truncated or corrupt file, Internal for I/O errors.
  const absl::Status& status() const { return status_; }

 private:
  SpillReader(int fd, std::string path, size_t buffer_size);
  bool Fill();
  bool Fail(absl::Status status);

  int fd_;
  std::string path_;
  std::vector<char> buffer_;
  size_t begin_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  Key4 previous_{};
  absl::Status status_;
};

}  // namespace parley::engine
