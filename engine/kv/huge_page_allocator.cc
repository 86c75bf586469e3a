#include "engine/kv/huge_page_allocator.h"

#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>

namespace parley::engine {
namespace {

// Before each block: the bytes of its chunk (header included), or 0 for a
// block from malloc. 16 bytes keep the block 16-byte aligned.
struct alignas(16) Header {
  size_t chunk_bytes;
};
static_assert(sizeof(Header) == 16);

constexpr size_t kHugePageBytes = size_t{2} << 20;

Header* HeaderOf(void* p) {
  return reinterpret_cast<Header*>(static_cast<char*>(p) - sizeof(Header));
}

void* FromMalloc(size_t size) {
  auto* header = static_cast<Header*>(std::malloc(sizeof(Header) + size));
  if (header == nullptr) return nullptr;
  header->chunk_bytes = 0;
  return header + 1;
}

}  // namespace

HugePageAllocator::~HugePageAllocator() {
  for (const auto& [start, bytes] : regions_) munmap(start, bytes);
}

void* HugePageAllocator::Allocate(size_t size) {
  const size_t total = sizeof(Header) + size;
  if (total > kLargeBytes) return FromMalloc(size);
  const size_t bytes = (total + kClassBytes - 1) / kClassBytes * kClassBytes;
  const size_t size_class = bytes / kClassBytes - 1;
  char* chunk = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_lists_.size() <= size_class) free_lists_.resize(size_class + 1);
    std::vector<char*>& free_list = free_lists_[size_class];
    if (!free_list.empty()) {
      chunk = free_list.back();
      free_list.pop_back();
    } else {
      chunk = Carve(bytes);
    }
  }
  if (chunk == nullptr) return FromMalloc(size);
  auto* header = reinterpret_cast<Header*>(chunk);
  header->chunk_bytes = bytes;
  return header + 1;
}

void HugePageAllocator::Deallocate(void* p) {
  if (p == nullptr) return;
  Header* header = HeaderOf(p);
  if (header->chunk_bytes == 0) {
    std::free(header);
    return;
  }
  std::lock_guard<std::mutex> lock(mu_);
  free_lists_[header->chunk_bytes / kClassBytes - 1].push_back(reinterpret_cast<char*>(header));
}

size_t HugePageAllocator::UsableSize(void* p, size_t allocation_size) const {
  const size_t chunk_bytes = HeaderOf(p)->chunk_bytes;
  return chunk_bytes == 0 ? allocation_size : chunk_bytes - sizeof(Header);
}

size_t HugePageAllocator::mapped_bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return regions_.size() * kRegionBytes;
}

char* HugePageAllocator::Carve(size_t bytes) {
  if (left_ < bytes) {
    // The region is aligned to a huge page so that all of it can be backed
    // by huge pages: map one huge page more and unmap the slack at the ends.
    const size_t mapped = kRegionBytes + kHugePageBytes;
    void* raw = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return nullptr;
    const auto raw_address = reinterpret_cast<uintptr_t>(raw);
    const uintptr_t start = (raw_address + kHugePageBytes - 1) & ~(uintptr_t{kHugePageBytes} - 1);
    const size_t head = start - raw_address;
    if (head > 0) munmap(raw, head);
    if (mapped - head > kRegionBytes) {
      munmap(reinterpret_cast<char*>(start) + kRegionBytes, mapped - head - kRegionBytes);
    }
    next_ = reinterpret_cast<char*>(start);
    left_ = kRegionBytes;
    // Advice only: where THP is off the region still works, page by page.
    madvise(next_, kRegionBytes, MADV_HUGEPAGE);
    regions_.emplace_back(next_, kRegionBytes);
  }
  char* chunk = next_;
  next_ += bytes;
  left_ -= bytes;
  return chunk;
}

}  // namespace parley::engine
