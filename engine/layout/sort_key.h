// The unit the bulk loader sorts, spills and merges: a quad as four 64-bit
// ids. In a run buffer a Key4 holds (subject, predicate, object, graph), the
// SPOG order; spill files and merges hold keys permuted into the order of
// their permutation (KeyPositions(order) of engine/layout/key_layout.h), so that
// comparing w[0..3] lexicographically is comparing index keys. (Index keys
// are big-endian; this file assumes a little-endian host, as x86-64 and
// arm64 Linux are.)
#pragma once

#include <array>
#include <cstdint>
#include <cstring>

#include "engine/layout/key_layout.h"

namespace parley::engine {

struct Key4 {
  uint64_t w[4];

  friend bool operator==(const Key4& a, const Key4& b) {
    return a.w[0] == b.w[0] && a.w[1] == b.w[1] && a.w[2] == b.w[2] && a.w[3] == b.w[3];
  }
  friend bool operator<(const Key4& a, const Key4& b) {
    if (a.w[0] != b.w[0]) return a.w[0] < b.w[0];
    if (a.w[1] != b.w[1]) return a.w[1] < b.w[1];
    if (a.w[2] != b.w[2]) return a.w[2] < b.w[2];
    return a.w[3] < b.w[3];
  }
};

// An SPOG-layout key in the word order of `order`.
inline Key4 PermuteKey(const Key4& spog, Order order) {
  const std::array<int, 4>& pos = KeyPositions(order);
  return Key4{{spog.w[pos[0]], spog.w[pos[1]], spog.w[pos[2]], spog.w[pos[3]]}};
}

// The 32-byte index key of a key already in its order's word order.
inline void WriteIndexKey(const Key4& key, char* out /* kQuadKeySize bytes */) {
  for (int i = 0; i < 4; ++i) StoreBigEndian64(key.w[i], out + 8 * i);
}

}  // namespace parley::engine
