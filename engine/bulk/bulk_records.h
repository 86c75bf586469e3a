// The statement records a bulk load's caller thread writes (BulkLoader::Add
// and friends) and its encoder thread reads (engine/bulk/bulk_encoder.h):
//
//   records := record*
//   record  := 'Q' term term term term       Add: subject predicate object graph
//            | 'D' local:u64 term            DefineLocalTerm
//            | 'L' local:u64{4}              AddLocal: subject predicate object graph
//   term    := size:u32 key[size]            size 0: the default graph
//
// key is the term key (engine/layout/term_codec.h) with blank node labels already
// renamed into the load's scope. Integers are in host byte order: records
// never leave the process.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace parley::engine {

inline constexpr char kQuadRecord = 'Q';
inline constexpr char kDefineRecord = 'D';
inline constexpr char kLocalQuadRecord = 'L';

// A batch of records on its way from the caller to the encoder. Reused:
// Clear() keeps the allocation.
struct RecordBatch {
  std::vector<char> bytes;
  size_t size = 0;
  uint64_t statements = 0;

  void Clear() {
    size = 0;
    statements = 0;
  }
  // Makes room for `n` more bytes and returns where they go; the caller
  // then advances `size`.
  char* Reserve(size_t n) {
    if (bytes.size() - size < n) bytes.resize(std::max(bytes.size() * 2, size + n));
    return bytes.data() + size;
  }
};

inline char* PutU32(uint32_t v, char* out) {
  std::memcpy(out, &v, sizeof(v));
  return out + sizeof(v);
}
inline char* PutU64(uint64_t v, char* out) {
  std::memcpy(out, &v, sizeof(v));
  return out + sizeof(v);
}
inline uint32_t GetU32(const char** p) {
  uint32_t v;
  std::memcpy(&v, *p, sizeof(v));
  *p += sizeof(v);
  return v;
}
inline uint64_t GetU64(const char** p) {
  uint64_t v;
  std::memcpy(&v, *p, sizeof(v));
  *p += sizeof(v);
  return v;
}
inline std::string_view GetTermKey(const char** p) {
  const uint32_t size = GetU32(p);
  std::string_view key(*p, size);
  *p += size;
  return key;
}

}  // namespace parley::engine
