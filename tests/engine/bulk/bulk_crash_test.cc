// A bulk load killed at random points of Commit (SIGKILL, in a child
// process: this binary re-executed) leaves the store either as it was or
// fully loaded, never in between; the next open works, and
// RemoveStaleLoadFiles clears what the dead load left.
#include <chrono>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "engine/bulk/bulk_loader.h"
#include "engine/store.h"
#include "gtest/gtest.h"
#include "tests/support/bulk_support.h"
#include "tests/support/engine_support.h"

namespace parley::engine {
namespace {

using testing::ChildProcess;
using testing::TempDir;

constexpr int kRounds = 8;
constexpr int kQuadsPerRound = 6000;
// Small runs make Commit merge many of them: a longer window to kill in.
constexpr uint64_t kBudget = 32 << 10;

std::vector<Quad> RoundQuads(int round) {
  std::vector<Quad> quads = testing::MakeQuads(kQuadsPerRound, 100 + round, /*blanks=*/false);
  quads.push_back(Quad{testing::BulkIri("round"), testing::BulkIri("loaded"),
                       testing::Xsd(std::to_string(round), "integer"), Term()});
  return quads;
}

// Child mode: loads round <arg[0]> into <arg[1..]>, telling the parent
// "commit" before Commit and "done <ms>" after.
TEST(BulkCrashChild, LoadAndCommit) {
  if (testing::ChildMode() != "bulk-crash-child") GTEST_SKIP() << "runs as a child process only";
  const std::string arg = testing::ChildArg();
  const int round = arg[0] - '0';
  const std::string path = arg.substr(1);
  auto store = Store::Open(path, testing::BulkTestOptions());
  if (!store.ok()) {
    testing::TellParent("error: " + std::string(store.status().message()));
    return;
  }
  auto loader = BulkLoader::Begin(**store, testing::LoadOptions(path, kBudget));
  if (!loader.ok()) {
    testing::TellParent("error: " + std::string(loader.status().message()));
    return;
  }
  for (const Quad& q : RoundQuads(round)) {
    if (!(*loader)->Add(QuadView::Of(q)).ok()) {
      testing::TellParent("error: add");
      return;
    }
  }
  testing::TellParent("commit");
  const auto start = std::chrono::steady_clock::now();
  auto result = (*loader)->Commit();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  testing::TellParent(result.ok() ? "done " + std::to_string(ms)
                                  : "error: " + std::string(result.status().message()));
  testing::WaitForParentEof();
}

bool RoundLoaded(Store& store, int round) {
  auto count = store.Snapshot()->Count(
      QuadPattern{testing::BulkIri("round"), testing::BulkIri("loaded"),
                  testing::Xsd(std::to_string(round), "integer"), std::nullopt});
  return count.ok() && *count == 1;
}

TEST(BulkCrash, KilledCommitIsAllOrNothing) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  std::set<Quad> expected;
  {
    auto store = testing::OpenStore(path);
    const std::vector<Quad> base = testing::MakeQuads(500, 99, /*blanks=*/false);
    testing::Commit(*store, base);
    expected.insert(base.begin(), base.end());
  }
  std::mt19937 random(20261129);
  int commit_ms = 0;
  int loaded = 0;
  for (int round = 0; round < kRounds; ++round) {
    ChildProcess child(::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() +
                           std::string("Child.LoadAndCommit"),
                       "bulk-crash-child", std::to_string(round) + path);
    std::string line;
    ASSERT_TRUE(child.ReadLine(&line, 60000)) << "round " << round;
    ASSERT_EQ(line, "commit") << "round " << round;
    if (round == 0) {
      // Calibration: let the first commit finish and time it.
      ASSERT_TRUE(child.ReadLine(&line, 60000));
      ASSERT_EQ(line.rfind("done ", 0), 0u) << line;
      commit_ms = std::max(1, std::stoi(line.substr(5)));
    } else {
      const int delay_us = std::uniform_int_distribution<int>(0, commit_ms * 1200)(random);
      std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
      child.Kill();
    }
    child.CloseToChild();
    child.Wait();

    ASSERT_TRUE(RemoveStaleLoadFiles(path).ok());
    EXPECT_TRUE(testing::ScratchFolders(path).empty());
    auto store = testing::OpenStore(path);
    const bool is_loaded = RoundLoaded(*store, round);
    if (is_loaded) {
      const std::vector<Quad> quads = RoundQuads(round);
      expected.insert(quads.begin(), quads.end());
      ++loaded;
    }
    testing::ExpectConsistent(*store, expected);
    if (::testing::Test::HasFailure()) return;
  }
  // Not a check (timing decides), but a record of what the rounds covered.
  std::printf("commit took %d ms unkilled; %d of %d rounds loaded\n", commit_ms, loaded, kRounds);
}

}  // namespace
}  // namespace parley::engine
