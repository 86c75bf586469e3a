// Big-endian fixed64, the encoding of every id in a key: memcmp order of
// the bytes is the numeric order of the value. The engine's one
// implementation (index keys, id2term keys, the meta counters).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>

namespace parley::engine {

// The byte swaps below (and engine/layout/sort_key.h's in-word keys) assume it.
static_assert(std::endian::native == std::endian::little, "Parley assumes a little-endian host");

// Writes `value` to out[0..8).
inline void StoreBigEndian64(uint64_t value, char* out) {
  const uint64_t swapped = __builtin_bswap64(value);
  std::memcpy(out, &swapped, 8);
}

// Reads the value at p[0..8).
inline uint64_t ReadBigEndian64(const char* p) {
  uint64_t value;
  std::memcpy(&value, p, 8);
  return __builtin_bswap64(value);
}

inline void AppendBigEndian64(uint64_t value, std::string* out) {
  char buf[8];
  StoreBigEndian64(value, buf);
  out->append(buf, 8);
}

// The 8 bytes of `value`, e.g. an id2term key.
inline std::string BigEndian64(uint64_t value) {
  std::string out(8, '\0');
  StoreBigEndian64(value, out.data());
  return out;
}

}  // namespace parley::engine
