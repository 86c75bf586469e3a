// The bulk loader's external sort: spill files, merges, key sorting and the
// per-run sorter (engine/bulk/spill_file.h, spill_merge.h, sort_run.h).
#include <algorithm>
#include <array>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/bulk/sort_run.h"
#include "engine/bulk/spill_file.h"
#include "engine/bulk/spill_merge.h"
#include "engine/layout/sort_key.h"
#include "gtest/gtest.h"
#include "tests/support/engine_support.h"

namespace parley::engine {
namespace {

using testing::TempDir;

// Random keys whose words are small ids, or (wide) any 64-bit value.
std::vector<Key4> RandomKeys(size_t n, uint32_t seed, bool wide) {
  std::mt19937_64 random(seed);
  std::vector<Key4> keys(n);
  for (Key4& k : keys) {
    for (int i = 0; i < 4; ++i) {
      k.w[i] = wide ? random() : 1 + random() % (i == 1 ? 7 : i == 3 ? 3 : 500);
    }
    if (!wide && random() % 4 == 0) k.w[2] = (uint64_t{2} << 60) | (random() % 1000);
  }
  return keys;
}

std::vector<Key4> SortedUnique(std::vector<Key4> keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

void WriteFile(const std::string& path, const std::vector<Key4>& keys) {
  auto writer = SpillWriter::Create(path);
  ASSERT_TRUE(writer.ok()) << writer.status();
  for (const Key4& k : keys) ASSERT_TRUE((*writer)->Add(k).ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  EXPECT_EQ((*writer)->count(), keys.size());
}

std::vector<Key4> ReadFile(const std::string& path, size_t buffer = 4096) {
  std::vector<Key4> keys;
  auto reader = SpillReader::Open(path, buffer);
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return keys;
  Key4 k;
  while ((*reader)->Next(&k)) keys.push_back(k);
  EXPECT_TRUE((*reader)->status().ok()) << (*reader)->status();
  return keys;
}

TEST(SpillFile, RoundTrips) {
  TempDir dir;
  for (bool wide : {false, true}) {
    const std::vector<Key4> keys = SortedUnique(RandomKeys(20000, 1, wide));
    WriteFile(dir.Sub("run"), keys);
    EXPECT_TRUE(ReadFile(dir.Sub("run"), 64) == keys);
    EXPECT_TRUE(ReadFile(dir.Sub("run"), 1 << 20) == keys);
  }
  WriteFile(dir.Sub("empty"), {});
  EXPECT_TRUE(ReadFile(dir.Sub("empty")).empty());
}

TEST(SpillFile, SortedDenseKeysAreSmall) {
  TempDir dir;
  std::vector<Key4> keys;
  for (uint64_t s = 1; s <= 10000; ++s) {
    for (uint64_t p = 1; p <= 5; ++p) keys.push_back(Key4{{s, p, s * 3 + p, 0}});
  }
  auto writer = SpillWriter::Create(dir.Sub("run"));
  ASSERT_TRUE(writer.ok());
  for (const Key4& k : keys) ASSERT_TRUE((*writer)->Add(k).ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  EXPECT_LT((*writer)->bytes(), keys.size() * 6);
}

TEST(SpillFile, TruncationIsDataLoss) {
  TempDir dir;
  const std::vector<Key4> keys = SortedUnique(RandomKeys(1000, 2, /*wide=*/true));
  WriteFile(dir.Sub("run"), keys);
  std::filesystem::resize_file(dir.Sub("run"), std::filesystem::file_size(dir.Sub("run")) - 3);
  auto reader = SpillReader::Open(dir.Sub("run"), 4096);
  ASSERT_TRUE(reader.ok());
  Key4 k;
  size_t n = 0;
  while ((*reader)->Next(&k)) ++n;
  EXPECT_LT(n, keys.size());
  EXPECT_TRUE(absl::IsDataLoss((*reader)->status())) << (*reader)->status();
  EXPECT_FALSE(SpillReader::Open(dir.Sub("missing"), 4096).ok());
}

TEST(SpillMerge, MergesWithoutDuplicates) {
  TempDir dir;
  std::vector<std::string> paths;
  std::vector<Key4> all;
  for (int f = 0; f < 7; ++f) {
    // Overlapping ranges: many keys are in several files.
    std::vector<Key4> keys = SortedUnique(RandomKeys(f == 3 ? 0 : 3000, 10 + f % 3, false));
    paths.push_back(dir.Sub("run" + std::to_string(f)));
    WriteFile(paths.back(), keys);
    all.insert(all.end(), keys.begin(), keys.end());
  }
  auto merger = SpillMerger::Open(paths, 512);
  ASSERT_TRUE(merger.ok()) << merger.status();
  std::vector<Key4> merged;
  Key4 k;
  while ((*merger)->Next(&k)) merged.push_back(k);
  EXPECT_TRUE((*merger)->status().ok());
  EXPECT_TRUE(merged == SortedUnique(all));
}

TEST(SpillMerge, ReducesManyFilesInLevels) {
  TempDir dir;
  std::vector<std::string> paths;
  std::vector<Key4> all;
  for (int f = 0; f < 150; ++f) {
    std::vector<Key4> keys = SortedUnique(RandomKeys(50, 100 + f, false));
    paths.push_back(dir.Sub("run" + std::to_string(f)));
    WriteFile(paths.back(), keys);
    all.insert(all.end(), keys.begin(), keys.end());
  }
  int made = 0;
  ASSERT_TRUE(ReduceSpillFiles(&paths, 8, 4096, [&] {
                return dir.Sub("merged" + std::to_string(made++));
              }).ok());
  EXPECT_LE(paths.size(), 8u);
  EXPECT_GT(made, 0);
  std::vector<Key4> merged;
  for (const std::string& path : paths) {
    std::vector<Key4> keys = ReadFile(path);
    merged.insert(merged.end(), keys.begin(), keys.end());
  }
  EXPECT_TRUE(SortedUnique(merged) == SortedUnique(all));
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("run0")));
}

TEST(SortKeys, MatchesAComparisonSortInEveryOrder) {
  for (bool wide : {false, true}) {
    const std::vector<Key4> keys = RandomKeys(30000, 3, wide);
    for (Order order : kAllOrders) {
      std::vector<Key4> sorted = keys;
      SortKeys(sorted.data(), sorted.size(), order);
      std::vector<Key4> expected;
      for (const Key4& k : keys) expected.push_back(PermuteKey(k, order));
      std::sort(expected.begin(), expected.end());
      std::vector<Key4> got;
      for (const Key4& k : sorted) got.push_back(PermuteKey(k, order));
      EXPECT_TRUE(got == expected) << "order " << static_cast<int>(order) << " wide " << wide;
    }
  }
}

using Threads = RunSorter::Threads;

std::array<std::string, kOrderCount> RunPaths(const TempDir& dir, const std::string& run) {
  std::array<std::string, kOrderCount> paths;
  for (Order order : kAllOrders) {
    paths[static_cast<int>(order)] = dir.Sub(run + "." + std::string(FamilyName(order)));
  }
  return paths;
}

// Every order's spill file holds the run's distinct quads in that order.
void ExpectSpilled(const std::vector<Key4>& input,
                   const std::array<std::string, kOrderCount>& paths) {
  const std::vector<Key4> unique = SortedUnique(input);
  for (Order order : kAllOrders) {
    std::vector<Key4> expected;
    for (const Key4& k : unique) expected.push_back(PermuteKey(k, order));
    std::sort(expected.begin(), expected.end());
    EXPECT_TRUE(ReadFile(paths[static_cast<int>(order)]) == expected)
        << "order " << static_cast<int>(order);
  }
}

uint64_t FileBytes(const std::array<std::string, kOrderCount>& paths) {
  uint64_t bytes = 0;
  for (const std::string& path : paths) bytes += std::filesystem::file_size(path);
  return bytes;
}

void CheckRun(std::vector<Key4> run, Threads threads) {
  TempDir dir;
  const std::array<std::string, kOrderCount> paths = RunPaths(dir, "run");
  const std::vector<Key4> input = run;
  RunSorter sorter;
  RunStats stats;
  ASSERT_TRUE(sorter.SortAndSpill(&run, paths, nullptr, threads, &stats).ok());
  ASSERT_TRUE(sorter.Finish().ok());
  const std::vector<Key4> unique = SortedUnique(input);
  EXPECT_EQ(stats.quads_in, input.size());
  EXPECT_EQ(stats.distinct, unique.size());
  EXPECT_TRUE(run == unique);
  ExpectSpilled(input, paths);
  EXPECT_EQ(sorter.spill_bytes(), FileBytes(paths));
}

TEST(RunSorter, SpillsEveryOrder) {
  std::vector<Key4> run = RandomKeys(40000, 4, false);
  run.insert(run.end(), run.begin(), run.begin() + 5000);  // duplicates
  for (Threads threads : {Threads::kCaller, Threads::kParallel, Threads::kOverlapped}) {
    CheckRun(run, threads);
  }
  // One graph: GSPO needs no sort.
  for (Key4& k : run) k.w[3] = 0;
  CheckRun(run, Threads::kCaller);
  // One predicate: PSOG and POSG need none either.
  for (Key4& k : run) k.w[1] = 42;
  CheckRun(run, Threads::kCaller);
  CheckRun(run, Threads::kParallel);
  CheckRun({}, Threads::kCaller);
  CheckRun(RandomKeys(3, 5, false), Threads::kParallel);
}

// Overlapped, a run's OSPG/POSG half works on its own copy while the caller
// reuses the run's buffer for the next run.
TEST(RunSorter, OverlappedRunsKeepTheirOwnKeys) {
  TempDir dir;
  RunSorter sorter;
  std::vector<Key4> buffer;
  std::vector<std::vector<Key4>> inputs;
  std::vector<std::array<std::string, kOrderCount>> paths;
  for (uint32_t i = 0; i < 4; ++i) {
    buffer = RandomKeys(30000 + 1000 * i, 10 + i, false);
    inputs.push_back(buffer);
    paths.push_back(RunPaths(dir, "run" + std::to_string(i)));
    RunStats stats;
    ASSERT_TRUE(
        sorter.SortAndSpill(&buffer, paths.back(), nullptr, Threads::kOverlapped, &stats).ok());
    std::fill(buffer.begin(), buffer.end(), Key4{{9, 9, 9, 9}});
  }
  ASSERT_TRUE(sorter.Finish().ok());
  uint64_t bytes = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    ExpectSpilled(inputs[i], paths[i]);
    bytes += FileBytes(paths[i]);
  }
  EXPECT_EQ(sorter.spill_bytes(), bytes);
}

// The error of an overlapped half comes from the call that waits for it.
TEST(RunSorter, OverlappedHalfReportsItsError) {
  TempDir dir;
  std::array<std::string, kOrderCount> bad = RunPaths(dir, "run");
  bad[static_cast<int>(Order::kPosg)] = dir.Sub("missing/run.posg");
  RunSorter sorter;
  RunStats stats;
  std::vector<Key4> run = RandomKeys(1000, 20, false);
  ASSERT_TRUE(sorter.SortAndSpill(&run, bad, nullptr, Threads::kOverlapped, &stats).ok());
  run = RandomKeys(1000, 21, false);
  absl::Status status =
      sorter.SortAndSpill(&run, RunPaths(dir, "next"), nullptr, Threads::kOverlapped, &stats);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("missing"), std::string::npos) << status;
  EXPECT_TRUE(sorter.Finish().ok());  // reported once
}

TEST(RunSorter, SortsWhenTooManyGraphsOrPredicatesToBucket) {
  std::vector<Key4> run = RandomKeys(70000, 6, false);
  for (size_t i = 0; i < run.size(); ++i) {
    run[i].w[1] = 1 + i;          // 70000 predicates
    run[i].w[3] = 1 + i % 69000;  // 69000 graphs
  }
  CheckRun(run, Threads::kParallel);
  CheckRun(RandomKeys(5000, 7, /*wide=*/true), Threads::kCaller);  // too wide to pack
}

}  // namespace
}  // namespace parley::engine
