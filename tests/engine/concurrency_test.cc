// Readers on snapshots while a writer commits: every view shows whole
// transactions only. Run it under ThreadSanitizer too (see tests/tsan.supp).
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "engine/store.h"
#include "gtest/gtest.h"
#include "tests/support/engine_support.h"

namespace parley::engine {
namespace {

using testing::TempDir;

const std::string kEx = "http://example.org/";
constexpr int kMembers = 40;

Term Ex(const std::string& name) { return Term::Iri(kEx + name); }
Term Int(int64_t value) {
  return Term::TypedLiteral(std::to_string(value), std::string(kXsd) + "integer");
}

// Generation t: kMembers quads (m_i member t) in graph g(t % 3). Transaction
// t erases generation t - 1 and inserts generation t, so a whole view always
// holds exactly one generation, complete.
Quad Member(int t, int i) {
  return {Ex("m" + std::to_string(i)), Ex("member"), Int(t), Ex("g" + std::to_string(t % 3))};
}

std::unique_ptr<Store> OpenStore(const std::string& path) {
  Options options;
  options.sync_on_commit = false;
  options.block_cache_bytes = 4 << 20;
  auto store = Store::Open(path, options);
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? *std::move(store) : nullptr;
}

// Checks one view; returns its generation, or -1 after a failure.
int CheckView(const ReadView& view) {
  const QuadPattern members{std::nullopt, Ex("member"), std::nullopt, std::nullopt};
  auto it = view.Scan(members);
  if (!it.ok()) return -1;
  int n = 0;
  std::string generation;
  for (; (*it)->Valid(); (*it)->Next()) {
    const std::string& value = (*it)->quad().object.value();
    if (n == 0) generation = value;
    if (value != generation) {
      ADD_FAILURE() << "generations " << generation << " and " << value << " in one view";
      return -1;
    }
    ++n;
  }
  if (!(*it)->status().ok() || n != kMembers) {
    ADD_FAILURE() << n << " members in one view: " << (*it)->status();
    return -1;
  }
  const int t = std::stoi(generation);
  // Count, statistics and the graph list agree with the scan.
  auto count = view.Count(members);
  auto in_graph =
      view.Count({std::nullopt, std::nullopt, std::nullopt, Ex("g" + std::to_string(t % 3))});
  auto stats = view.GetStatistics();
  auto graphs = view.Graphs();
  if (!count.ok() || *count != kMembers || !in_graph.ok() || *in_graph != kMembers || !stats.ok() ||
      stats->quads != kMembers || stats->predicates.size() != 1 ||
      stats->predicates[0].distinct_subjects != kMembers ||
      stats->predicates[0].distinct_objects != 1 || !graphs.ok() ||
      graphs->size() != static_cast<size_t>(std::min(t + 1, 3))) {  // emptied graphs stay
    ADD_FAILURE() << "view of generation " << t << " disagrees with itself";
    return -1;
  }
  return t;
}

TEST(ConcurrencyTest, ReadersSeeWholeTransactionsOnly) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  {
    auto txn = store->BeginWrite();
    for (int i = 0; i < kMembers; ++i) ASSERT_TRUE((*txn)->Insert(Member(0, i)).ok());
    ASSERT_TRUE((*txn)->Commit().ok());
  }
  constexpr int kTransactions = 150;
  std::atomic<bool> done{false};
  std::atomic<int> views{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      int previous = 0;
      while (!done.load()) {
        auto view = store->Snapshot();
        const int t = CheckView(*view);
        if (t < 0) return;
        // Later views never go back in time.
        EXPECT_GE(t, previous);
        previous = t;
        ++views;
      }
    });
  }
  // One view shared by two threads, and an iterator that outlives it.
  auto shared_view = store->Snapshot();
  std::unique_ptr<QuadIterator> survivor =
      *shared_view->Scan({std::nullopt, Ex("member"), std::nullopt, std::nullopt});
  std::thread shared_reader([&] {
    for (int i = 0; i < 30; ++i) EXPECT_EQ(CheckView(*shared_view), 0);
  });

  for (int t = 1; t <= kTransactions; ++t) {
    auto txn = store->BeginWrite();
    ASSERT_TRUE(txn.ok());
    for (int i = 0; i < kMembers; ++i) {
      ASSERT_TRUE((*txn)->Erase(Member(t - 1, i)).ok());
      ASSERT_TRUE((*txn)->Insert(Member(t, i)).ok());
    }
    ASSERT_TRUE((*txn)->Commit().ok());
  }
  done = true;
  for (auto& reader : readers) reader.join();
  shared_reader.join();
  shared_view.reset();
  int n = 0;
  for (; survivor->Valid(); survivor->Next()) {
    EXPECT_EQ(survivor->quad().object, Int(0));
    ++n;
  }
  EXPECT_EQ(n, kMembers);
  EXPECT_EQ(CheckView(*store->Snapshot()), kTransactions);
  EXPECT_GT(views.load(), 0);
  std::printf("%d views checked during %d commits\n", views.load(), kTransactions);
}

// Writers on several threads: BeginWrite serializes them, so a
// read-modify-write inside each transaction never loses an update.
TEST(ConcurrencyTest, WritersAreSerialized) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  const Term counter = Ex("counter"), value = Ex("value");
  auto read_counter = [&] {
    auto it = store->Snapshot()->Scan({counter, value, std::nullopt, std::nullopt});
    int v = 0;
    for (; (*it)->Valid(); (*it)->Next()) v = std::stoi((*it)->quad().object.value());
    return v;
  };
  constexpr int kThreads = 3, kIncrements = 40;
  std::vector<std::thread> writers;
  for (int w = 0; w < kThreads; ++w) {
    writers.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        auto txn = store->BeginWrite();
        ASSERT_TRUE(txn.ok());
        const int v = read_counter();  // after BeginWrite: sees every earlier commit
        if (v > 0) {
          ASSERT_TRUE((*txn)->Erase({counter, value, Int(v), Term()}).ok());
        }
        ASSERT_TRUE((*txn)->Insert({counter, value, Int(v + 1), Term()}).ok());
        ASSERT_TRUE((*txn)->Commit().ok());
      }
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(read_counter(), kThreads * kIncrements);
  EXPECT_EQ(*store->Snapshot()->Count({}), 1u);
}

}  // namespace
}  // namespace parley::engine
