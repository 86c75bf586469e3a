// A process killed (SIGKILL) while an update request runs or commits leaves
// the database as before the request or as after it, never in between.
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <functional>
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

// Child mode: runs `request` with a memory budget that sends it through
// files on disk; says "done", then waits to be killed.
void RunOnDiskUntilKilled(const char* mode, const char* request) {
  if (engine::testing::ChildMode() != mode) GTEST_SKIP() << "runs as a child process only";
  auto db = Database::Open(engine::testing::ChildArg(), Options());
  if (!db.ok()) {
    engine::testing::TellParent("error " + db.status().ToString());
    return;
  }
  engine::testing::TellParent("ready");
  UpdateOptions options;
  options.memory_budget_bytes = 64 << 10;  // 16 quads in memory
  bool on_disk = false;
  options.progress = [&on_disk](const UpdateOptions::Progress&) { on_disk = true; };
  auto summary = (*db)->Update(request, options);
  if (summary.ok() && !on_disk) {
    engine::testing::TellParent("error the request did not go through files on disk");
  } else {
    engine::testing::TellParent(summary.ok() ? "done" : "error " + summary.status().ToString());
  }
  engine::testing::WaitForParentEof();
}

TEST(UpdateCrashChild, LargeDeleteUntilKilled) {
  RunOnDiskUntilKilled("large-delete-crash-child",
                       "PREFIX : <http://example.org/>\nDELETE WHERE { ?s :p ?o }");
}

TEST(UpdateCrashChild, LargeInsertUntilKilled) {
  RunOnDiskUntilKilled(
      "large-insert-crash-child",
      "PREFIX : <http://example.org/>\nINSERT { ?s :moved ?o } WHERE { ?s :p ?o }");
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

void InsertP(Database& db) {
  auto txn = db.BeginWrite();
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

// Runs the child test `child_test` (mode `mode`) for `rounds` rounds on the
// database at `path`, killing it at a random point of its request (round 0
// lets it finish, to time the request), then reopens the database and calls
// `settle`, which checks it holds the state before or after the request,
// restores the state before, and says which it found (true: after).
void KillRounds(const std::string& path, const char* child_test, const char* mode, int rounds,
                const std::function<bool(Database&)>& settle) {
  const unsigned seed = std::random_device()();
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  int before = 0, after = 0;
  int request_ms = 0;  // how long the request takes, from round 0
  for (int round = 0; round < rounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    ChildProcess child(child_test, mode, path);
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
    if (settle(**db)) {
      ++after;
    } else {
      ++before;
    }
    if (::testing::Test::HasFatalFailure()) return;
  }
  std::printf("%s: the request takes %d ms; %d kills left it as before, %d as after\n", mode,
              request_ms, before, after);
}

TEST(UpdateCrashTest, AKilledUpdateIsAllOrNothing) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  {
    auto db = Database::Open(path, Options());
    ASSERT_TRUE(db.ok()) << db.status();
    InsertP(**db);
  }
  KillRounds(path, "UpdateCrashChild.MoveUntilKilled", "update-crash-child", 10, [](Database& db) {
    const auto [p, moved] = Counts(db);
    if (p == kQuads && moved == 0) return false;
    EXPECT_EQ(p, 0u) << "partly applied";
    EXPECT_EQ(moved, static_cast<uint64_t>(kQuads)) << "partly applied";
    EXPECT_TRUE(db.Update(kMoveBack, UpdateOptions()).ok());
    return true;
  });
}

// No scratch folder left in `path` (reopening removes those of a killed
// request).
void ExpectNoScratchFiles(const std::string& path) {
  for (const auto& entry : std::filesystem::directory_iterator(path)) {
    EXPECT_NE(entry.path().filename().string().rfind("load-tmp-", 0), 0u)
        << "scratch files left: " << entry.path();
  }
}

// The large paths: a DELETE WHERE or INSERT ... WHERE past its memory limit,
// through sorted files and one atomic ingest. Killed anywhere, each leaves
// all its quads or none, and reopening removes its scratch files.
TEST(UpdateCrashTest, AKilledLargeDeleteIsAllOrNothing) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  {
    auto db = Database::Open(path, Options());
    ASSERT_TRUE(db.ok()) << db.status();
    InsertP(**db);
  }
  KillRounds(path, "UpdateCrashChild.LargeDeleteUntilKilled", "large-delete-crash-child", 10,
             [&path](Database& db) {
               ExpectNoScratchFiles(path);
               const auto [p, moved] = Counts(db);
               EXPECT_EQ(moved, 0u);
               if (p == kQuads) return false;
               EXPECT_EQ(p, 0u) << "partly applied";
               InsertP(db);
               return true;
             });
}

TEST(UpdateCrashTest, AKilledLargeInsertIsAllOrNothing) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  {
    auto db = Database::Open(path, Options());
    ASSERT_TRUE(db.ok()) << db.status();
    InsertP(**db);
  }
  KillRounds(
      path, "UpdateCrashChild.LargeInsertUntilKilled", "large-insert-crash-child", 10,
      [&path](Database& db) {
        ExpectNoScratchFiles(path);
        const auto [p, moved] = Counts(db);
        EXPECT_EQ(p, static_cast<uint64_t>(kQuads));
        if (moved == 0) return false;
        EXPECT_EQ(moved, static_cast<uint64_t>(kQuads)) << "partly applied";
        EXPECT_TRUE(db.Update("PREFIX : <http://example.org/>\nDELETE WHERE { ?s :moved ?o }",
                              UpdateOptions())
                        .ok());
        return true;
      });
}

}  // namespace
}  // namespace parley
