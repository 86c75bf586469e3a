// The block cache's memory: blocks carved from large regions the kernel may
// back with transparent huge pages.
//
// Why: every block a query reads is decompressed into fresh memory. From
// malloc that memory arrives 4 KiB page by page, each first touch a page
// fault, and on a virtual machine a fault costs microseconds: faults were
// most of a cold query's time. Regions advised MADV_HUGEPAGE fault once per
// 2 MiB (where the system's THP setting is "madvise" or "always"; with
// "never" they behave like malloc's memory, one fault per page).
//
// Blocks are rounded up to size classes of 4 KiB; a freed block goes to its
// class's free list and serves the next block of that class. Regions are
// never returned to the system before the allocator is destroyed, so the
// memory held is the most the cache ever held at once, plus the blocks
// waiting in free lists. Allocations above kLargeBytes (big filter blocks)
// go to malloc. Thread-safe.
#pragma once

#include <cstddef>
#include <mutex>
#include <vector>

#include "rocksdb/memory_allocator.h"

namespace parley::engine {

class HugePageAllocator final : public rocksdb::MemoryAllocator {
 public:
  static constexpr size_t kRegionBytes = size_t{32} << 20;
  static constexpr size_t kClassBytes = size_t{4} << 10;
  static constexpr size_t kLargeBytes = size_t{1} << 20;

  HugePageAllocator() = default;
  ~HugePageAllocator() override;
  HugePageAllocator(const HugePageAllocator&) = delete;
  HugePageAllocator& operator=(const HugePageAllocator&) = delete;

  const char* Name() const override { return "ParleyHugePageAllocator"; }
  void* Allocate(size_t size) override;
  void Deallocate(void* p) override;
  size_t UsableSize(void* p, size_t allocation_size) const override;

  // The bytes of regions mapped so far (for tests and diagnostics).
  size_t mapped_bytes() const;

 private:
  // Carves `bytes` (a multiple of kClassBytes) from the current region,
  // mapping a new one when it is used up; nullptr when mapping fails.
  char* Carve(size_t bytes);

  mutable std::mutex mu_;
  std::vector<std::vector<char*>> free_lists_;  // by class: (bytes / kClassBytes) - 1
  std::vector<std::pair<char*, size_t>> regions_;
  char* next_ = nullptr;
  size_t left_ = 0;
};

}  // namespace parley::engine
