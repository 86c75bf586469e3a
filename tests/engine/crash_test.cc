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
#include "tests/engine/permutation_check.h"
#include "tests/support/engine_support.h"

namespace parley::engine {
namespace {

using testing::ChildProcess;
using testing::TempDir;

constexpr int kQuadsPerTransaction = 50;
const std::string kEx = "http://example.org/";

Term Ex(const std::string& name) { return Term::Iri(kEx + name); }
Term Int(int64_t value) {
  return Term::TypedLiteral(std::to_string(value), std::string(kXsd) + "integer");
}

// Quad i of transaction k. Subjects recur across transactions (k % 4), so
// erasures must keep "subject still has predicate" exact; objects are new
// terms (even i: dictionary literals) or inline integers (odd i).
Quad TxnQuad(int k, int i) {
  return {Ex("s" + std::to_string(k % 4) + "_" + std::to_string(i % 10)),
          Ex("p" + std::to_string(i % 5)),
          i % 2 == 0 ? Term::Literal("v" + std::to_string(k) + "_" + std::to_string(i))
                     : Int(int64_t{k} * 100 + i),
          i % 3 == 0 ? Term() : Ex("g" + std::to_string(i % 3))};
}
Quad LogQuad(int k) { return {Ex("log"), Ex("last"), Int(k), Ex("log")}; }

// Transaction k inserts its 50 quads and the log entry k, and erases the
// even quads of k - 1 and log entry k - 1.
absl::Status RunTransaction(Store& store, int k) {
  auto txn = store.BeginWrite();
  if (!txn.ok()) return txn.status();
  for (int i = 0; i < kQuadsPerTransaction; ++i) {
    PARLEY_RETURN_IF_ERROR((*txn)->Insert(TxnQuad(k, i)));
    if (k > 1 && i % 2 == 0) PARLEY_RETURN_IF_ERROR((*txn)->Erase(TxnQuad(k - 1, i)));
  }
  PARLEY_RETURN_IF_ERROR((*txn)->Insert(LogQuad(k)));
  if (k > 1) PARLEY_RETURN_IF_ERROR((*txn)->Erase(LogQuad(k - 1)));
  return (*txn)->Commit();
}

// The database after transactions 1..k.
std::set<Quad> Model(int k) {
  std::set<Quad> quads;
  for (int j = 1; j <= k; ++j) {
    for (int i = 0; i < kQuadsPerTransaction; ++i) {
      if (i % 2 == 1 || j == k) quads.insert(TxnQuad(j, i));
    }
  }
  if (k > 0) quads.insert(LogQuad(k));
  return quads;
}

// The last committed transaction, from the log entry; -1 if unreadable.
int LastTransaction(const ReadView& view) {
  auto it = view.Scan(QuadPattern{Ex("log"), Ex("last"), std::nullopt, std::nullopt});
  if (!it.ok()) return -1;
  int last = 0, entries = 0;
  for (; (*it)->Valid(); (*it)->Next()) {
    last = std::stoi((*it)->quad().object.value());
    ++entries;
  }
  return entries <= 1 && (*it)->status().ok() ? last : -1;
}

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

// Checks the database against the model; returns its last transaction.
int Verify(const std::string& path, int acknowledged) {
  auto store = Store::Open(path, ChildOptions(false));
  EXPECT_TRUE(store.ok()) << store.status();
  if (!store.ok()) return -1;
  auto view = (*store)->Snapshot();
  const int k = LastTransaction(*view);
  // Acknowledged transactions are all there; at most one more may be (it
  // committed, and the child died before acknowledging it).
  EXPECT_GE(k, acknowledged);
  EXPECT_LE(k, acknowledged + 1);
  const std::set<Quad> expected = Model(k);
  const std::set<Quad> stored = testing::AllQuads(*view);
  EXPECT_EQ(stored.size(), expected.size());
  EXPECT_TRUE(stored == expected) << "after transaction " << k;
  // A commit's batch spans every permutation: none is ahead of another.
  EXPECT_EQ(testing::ExpectPermutationsAgree((*store)->kv(), (*store)->kv().GetSnapshot()).size(),
            expected.size());

  auto stats = view->GetStatistics();
  EXPECT_TRUE(stats.ok()) << stats.status();
  if (!stats.ok()) return -1;
  EXPECT_EQ(stats->quads, expected.size());
  EXPECT_EQ(testing::StoredStatistics(*stats), testing::ModelStatistics(expected));

  // Both dictionary directions agree for the latest terms, and the counter
  // lies past every dense id in use.
  for (int j = std::max(1, k - 1); j <= k; ++j) {
    for (int i = 0; i < kQuadsPerTransaction; ++i) {
      const Term& object = TxnQuad(j, i).object;
      auto id = view->Lookup(object);
      EXPECT_TRUE(id.ok()) << object.ToNTriples();
      if (id.ok()) {
        EXPECT_EQ(*view->Decode(*id), object);
      }
    }
  }
  TermId max_id = 0;
  auto ids = view->ScanIds(IdPattern{});
  for (; (*ids)->Valid(); (*ids)->Next()) {
    for (TermId id : {(*ids)->quad().subject, (*ids)->quad().predicate, (*ids)->quad().object,
                      (*ids)->quad().graph}) {
      if (TagOf(id) == IdTag::kDictionary) max_id = std::max(max_id, id);
    }
  }
  auto next = (*store)->kv().Get(KeyspaceOf(Family::kDefault), kMetaNextId, nullptr);
  EXPECT_TRUE(next.ok() && next->has_value());
  if (next.ok() && next->has_value()) {
    EXPECT_GT(ReadBigEndian64((*next)->data()), max_id);
  }
  return k;
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
