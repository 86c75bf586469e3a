// Atomicity and durability across crashes: a child process (this binary,
// re-executed) commits numbered transactions and acknowledges each one on a
// pipe after Commit returns; the parent kills it with SIGKILL at random
// points, reopens the database and checks that every acknowledged
// transaction is there whole, that no transaction is partly visible, and
// that the statistics equal a recomputation.
#include <chrono>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "engine/kv/keyspaces.h"
#include "engine/layout/key_layout.h"
#include "engine/layout/term_id.h"
#include "engine/status_macros.h"
#include "engine/store.h"
#include "gtest/gtest.h"
#include "tests/engine/commit_model.h"
#include "tests/support/engine_support.h"

namespace parley::engine {
namespace {

using testing::ChildProcess;
using testing::TempDir;
using namespace commit_model;  // NOLINT: the model's names read as the test's

Options ChildOptions(bool sync) {
  Options options;
  options.sync_on_commit = sync;
  options.block_cache_bytes = 4 << 20;
  return options;
}

// Child mode: commits transactions until killed. Arg: "<sync 0|1><path>".
TEST(CrashChild, CommitUntilKilled) {
  if (testing::ChildMode() != "crash-child") GTEST_SKIP() << "runs as a child process only";
  const std::string arg = testing::ChildArg();
  auto store = Store::Open(arg.substr(1), ChildOptions(arg[0] == '1'));
  if (!store.ok()) {
    testing::TellParent("error: " + std::string(store.status().message()));
    return;
  }
  int k = LastTransaction(*(*store)->Snapshot());
  if (k < 0) {
    testing::TellParent("error: unreadable log");
    return;
  }
  for (++k; k < 1'000'000; ++k) {
    absl::Status status = RunTransaction(**store, k);
    if (!status.ok()) {
      testing::TellParent("error: " + std::string(status.message()));
      return;
    }
    testing::TellParent(std::to_string(k));
  }
}

TEST(CrashTest, KilledWritersLoseNoAcknowledgedTransactionAndLeaveNoPartialOne) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  const unsigned seed = std::random_device()();
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  constexpr int kRounds = 30;
  const auto start = std::chrono::steady_clock::now();
  int acknowledged = 0;
  int last = 0;
  int kills_before_first_ack = 0;
  for (int round = 0; round < kRounds; ++round) {
    // Alternate synced and unsynced commits: a killed process loses
    // neither (the OS holds the unsynced log).
    const bool sync = round % 2 == 0;
    ChildProcess child("CrashChild.CommitUntilKilled", "crash-child",
                       std::string(sync ? "1" : "0") + path);
    const int wanted = std::uniform_int_distribution<int>(0, 25)(rng);
    std::string line;
    int acks = 0;
    while (acks < wanted && child.ReadLine(&line, 30000)) {
      ASSERT_EQ(line.rfind("error", 0), std::string::npos) << line;
      acknowledged = std::max(acknowledged, std::stoi(line));
      ++acks;
    }
    ASSERT_EQ(acks, wanted) << "the child stopped acknowledging";
    if (acks == 0) ++kills_before_first_ack;
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::uniform_int_distribution<int>(0, 5000)(rng)));
    child.Kill();
    // Acknowledgements written before the kill still count.
    while (child.ReadLine(&line, 10000)) {
      ASSERT_EQ(line.rfind("error", 0), std::string::npos) << line;
      acknowledged = std::max(acknowledged, std::stoi(line));
    }
    const int status = child.Wait();
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the child ended on its own: " << status;

    last = Verify(path, acknowledged);
    ASSERT_FALSE(HasFailure()) << "round " << round;
    acknowledged = last;  // the next child continues from there
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "crash test: %d rounds, %d transactions survived, %d kills before the first "
      "acknowledgement, %.1f s\n",
      kRounds, last, kills_before_first_ack, seconds);
  EXPECT_GT(last, kRounds);  // the children made progress
}

}  // namespace
}  // namespace parley::engine
