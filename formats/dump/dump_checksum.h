// The dump checksum: XXH3-64 with seed 0 over the stream bytes that precede
// the footer message (see schema/dump.capnp). One object per stream.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace parley::schema {

class DumpChecksum {
 public:
  DumpChecksum();
  ~DumpChecksum();
  DumpChecksum(const DumpChecksum& other);
  DumpChecksum& operator=(const DumpChecksum& other);

  void Update(const void* data, size_t size);
  // The checksum of everything passed to Update() so far; Update may follow.
  uint64_t Digest() const;

  // The checksum of `bytes` in one call.
  static uint64_t Of(std::string_view bytes);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace parley::schema
