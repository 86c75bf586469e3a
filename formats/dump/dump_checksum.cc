#include "formats/dump/dump_checksum.h"

#define XXH_STATIC_LINKING_ONLY  // XXH3_state_t by value: no allocation per copy
#include <xxhash.h>

namespace parley::schema {

struct DumpChecksum::State {
  XXH3_state_t xxh;
};

DumpChecksum::DumpChecksum() : state_(std::make_unique<State>()) {
  XXH3_INITSTATE(&state_->xxh);
  XXH3_64bits_reset(&state_->xxh);
}

DumpChecksum::~DumpChecksum() = default;

DumpChecksum::DumpChecksum(const DumpChecksum& other) : state_(std::make_unique<State>()) {
  XXH3_copyState(&state_->xxh, &other.state_->xxh);
}

DumpChecksum& DumpChecksum::operator=(const DumpChecksum& other) {
  if (this != &other) XXH3_copyState(&state_->xxh, &other.state_->xxh);
  return *this;
}

void DumpChecksum::Update(const void* data, size_t size) {
  if (size > 0) XXH3_64bits_update(&state_->xxh, data, size);
}

uint64_t DumpChecksum::Digest() const { return XXH3_64bits_digest(&state_->xxh); }

uint64_t DumpChecksum::Of(std::string_view bytes) {
  return XXH3_64bits(bytes.data(), bytes.size());
}

}  // namespace parley::schema
