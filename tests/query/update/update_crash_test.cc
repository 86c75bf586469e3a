// A process killed (SIGKILL) while an update request runs or commits leaves
// the database as before the request or as after it, never in between.
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "parley/database.h"
#include "tests/support/engine_support.h"

namespace parley {
namespace {

using engine::testing::ChildProcess;
using engine::testing::TempDir;

constexpr int kQuads = 4'000;
constexpr char kMove[] =
    "PREFIX : <http://example.org/>\n"
    "INSERT { ?s :moved ?o } WHERE { ?s :p ?o } ; DELETE WHERE { ?s :p ?o }";
constexpr char kMoveBack[] =
    "PREFIX : <http://example.org/>\n"
    "INSERT { ?s :p ?o } WHERE { ?s :moved ?o } ; DELETE WHERE { ?s :moved ?o }";

// Child mode: runs the move once, says "done", then waits to be killed.
TEST(UpdateCrashChild, MoveUntilKilled) {
  if (engine::testing::ChildMode() != "update-crash-child") {
    GTEST_SKIP() << "runs as a child process only";
  }
  auto db = Database::Open(engine::testing::ChildArg(), Options());
  if (!db.ok()) {
    engine::testing::TellParent("error " + db.status().ToString());
    return;
  }
  engine::testing::TellParent("ready");
  auto summary = (*db)->Update(kMove, UpdateOptions());
  engine::testing::TellParent(summary.ok() ? "done" : "error " + summary.status().ToString());
  engine::testing::WaitForParentEof();
}

// Quads with predicate :p and with :moved, counted by the statistics and
// by a scan (which must agree).
std::pair<uint64_t, uint64_t> Counts(Database& db) {
  auto view = db.Snapshot();
  uint64_t counts[2] = {0, 0};
  int i = 0;
  for (const char* name : {"p", "moved"}) {
    auto n = view->Count({.predicate = Term::Iri(std::string("http://example.org/") + name)});
    EXPECT_TRUE(n.ok()) << n.status();
    counts[i++] = n.value_or(0);
  }
  auto statistics = view->GetStatistics();
  EXPECT_TRUE(statistics.ok());
  EXPECT_EQ(statistics->quads, counts[0] + counts[1]);
  return {counts[0], counts[1]};
}

TEST(UpdateCrashTest, AKilledUpdateIsAllOrNothing) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  {
    auto db = Database::Open(path, Options());
    ASSERT_TRUE(db.ok()) << db.status();
    auto txn = (*db)->BeginWrite();
    ASSERT_TRUE(txn.ok());
    for (int i = 0; i < kQuads; ++i) {
      ASSERT_TRUE((*txn)
                      ->Insert({Term::Iri("http://example.org/s" + std::to_string(i)),
                                Term::Iri("http://example.org/p"),
                                Term::Literal("value " + std::to_string(i)), Term()})
                      .ok());
    }
    ASSERT_TRUE((*txn)->Commit().ok());
  }
  const unsigned seed = std::random_device()();
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  int before = 0, after = 0;
  int request_ms = 0;  // how long the request takes, from round 0
  for (int round = 0; round < 10; ++round) {
    ChildProcess child("UpdateCrashChild.MoveUntilKilled", "update-crash-child", path);
    std::string line;
    ASSERT_TRUE(child.ReadLine(&line, 60000));
    ASSERT_EQ(line, "ready");
    if (round == 0) {
      const auto start = std::chrono::steady_clock::now();
      ASSERT_TRUE(child.ReadLine(&line, 120000));
      ASSERT_EQ(line, "done");
      request_ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::steady_clock::now() - start)
                                        .count());
    } else {
      // Kill it at a random point of the request: evaluating, buffering,
      // committing, or (now and then) after it finished. Every other round
      // aims at the end, where the commit is.
      const int from = round % 2 == 0 ? request_ms * 4 / 5 : 0;
      std::this_thread::sleep_for(std::chrono::milliseconds(
          std::uniform_int_distribution<int>(from, request_ms + request_ms / 10)(rng)));
    }
    child.Kill();
    child.Wait();

    auto db = Database::Open(path, Options());
    ASSERT_TRUE(db.ok()) << db.status();
    const auto [p, moved] = Counts(**db);
    if (p == kQuads && moved == 0) {
      ++before;
    } else {
      ASSERT_EQ(p, 0u) << "round " << round << ": partly applied";
      ASSERT_EQ(moved, static_cast<uint64_t>(kQuads)) << "round " << round << ": partly applied";
      ++after;
      ASSERT_TRUE((*db)->Update(kMoveBack, UpdateOptions()).ok());
    }
  }
  std::printf(
      "update crash test: the request takes %d ms; %d kills left it as before, %d as "
      "after\n",
      request_ms, before, after);
}

}  // namespace
}  // namespace parley
