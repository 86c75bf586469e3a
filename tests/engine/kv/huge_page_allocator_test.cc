#include "engine/kv/huge_page_allocator.h"

#include <cstdint>
#include <cstring>
#include <vector>

#include "gtest/gtest.h"

namespace parley::engine {
namespace {

TEST(HugePageAllocatorTest, BlocksAreAlignedWritableAndDistinct) {
  HugePageAllocator allocator;
  std::vector<char*> blocks;
  for (size_t size : {1, 100, 4080, 4096, 16 * 1024, 17 * 1024 + 3, 1000 * 1000}) {
    auto* p = static_cast<char*>(allocator.Allocate(size));
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 16, 0u) << size;
    EXPECT_GE(allocator.UsableSize(p, size), size);
    std::memset(p, static_cast<int>(size & 0xff), size);
    blocks.push_back(p);
  }
  // No block overlaps another: each still holds its own fill.
  size_t i = 0;
  for (size_t size : {1, 100, 4080, 4096, 16 * 1024, 17 * 1024 + 3, 1000 * 1000}) {
    EXPECT_EQ(static_cast<unsigned char>(blocks[i][size - 1]), size & 0xff) << size;
    allocator.Deallocate(blocks[i++]);
  }
}

TEST(HugePageAllocatorTest, FreedBlocksServeTheirSizeClassAgain) {
  HugePageAllocator allocator;
  void* first = allocator.Allocate(16 * 1024);
  allocator.Deallocate(first);
  // 16 KiB + header and 16 KiB + 100 + header round to the same class.
  EXPECT_EQ(allocator.Allocate(16 * 1024 + 100), first);
  void* other_class = allocator.Allocate(40 * 1024);
  EXPECT_NE(other_class, first);
  allocator.Deallocate(other_class);
}

TEST(HugePageAllocatorTest, MapsRegionsOnlyAsNeededAndLargeBlocksUseMalloc) {
  HugePageAllocator allocator;
  EXPECT_EQ(allocator.mapped_bytes(), 0u);
  // Blocks past kLargeBytes never touch the regions.
  void* large = allocator.Allocate(HugePageAllocator::kLargeBytes);
  EXPECT_EQ(allocator.mapped_bytes(), 0u);
  allocator.Deallocate(large);
  // Reusing one freed block many times maps a single region.
  for (int i = 0; i < 10000; ++i) allocator.Deallocate(allocator.Allocate(16 * 1024));
  EXPECT_EQ(allocator.mapped_bytes(), HugePageAllocator::kRegionBytes);
  // Holding more than a region's worth maps another.
  std::vector<void*> held;
  const size_t block = 64 * 1024;
  for (size_t n = 0; n <= HugePageAllocator::kRegionBytes / block; ++n) {
    held.push_back(allocator.Allocate(block - 64));
  }
  EXPECT_EQ(allocator.mapped_bytes(), 2 * HugePageAllocator::kRegionBytes);
  for (void* p : held) allocator.Deallocate(p);
  allocator.Deallocate(nullptr);
}

}  // namespace
}  // namespace parley::engine
