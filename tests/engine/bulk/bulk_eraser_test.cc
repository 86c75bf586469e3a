// engine::BulkEraser: the same store, key for key, as a transaction that
// erases the same quads (permutations, statistics, graph set, counters);
// spilling, quads not stored, duplicates, emptied graphs; abandonment and
// cancellation leave the store as it was.
#include "engine/bulk/bulk_eraser.h"

#include <atomic>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/engine/permutation_check.h"
#include "tests/support/bulk_support.h"
#include "tests/support/engine_support.h"

namespace parley::engine {
namespace {

using testing::BulkErase;
using testing::BulkIri;
using testing::DumpStore;
using testing::IdsOf;
using testing::MakeQuads;
using testing::OpenStore;
using testing::ScratchFolders;
using testing::TempDir;

struct Stores {
  TempDir bulk_dir;
  TempDir transaction_dir;
  std::unique_ptr<Store> bulk = OpenStore(bulk_dir.path());
  std::unique_ptr<Store> transaction = OpenStore(transaction_dir.path());

  explicit Stores(const std::vector<Quad>& quads) {
    testing::Commit(*bulk, quads);
    testing::Commit(*transaction, quads);
  }
};

// The ids of `quad` in `store`; a term the store lacks gets an id no term
// has, so the quad is one the store does not hold.
uint64_t TransactionErase(Store& store, const std::vector<Quad>& quads) {
  auto transaction = store.BeginStoreWrite();
  EXPECT_TRUE(transaction.ok()) << transaction.status();
  for (const Quad& quad : quads) EXPECT_TRUE((*transaction)->Erase(quad).ok());
  auto changed = (*transaction)->CommitCounting();
  EXPECT_TRUE(changed.ok()) << changed.status();
  return changed.ok() ? changed->erased : 0;
}

// Erases `erase` both ways and expects the same quads erased and the same
// keys and values in every keyspace afterwards.
void ExpectSameAsTransaction(const std::vector<Quad>& stored, const std::vector<Quad>& erase,
                             uint64_t budget) {
  Stores stores(stored);
  auto erased = BulkErase(*stores.bulk, stores.bulk_dir.path(), erase, budget);
  ASSERT_TRUE(erased.ok()) << erased.status();
  EXPECT_EQ(*erased, TransactionErase(*stores.transaction, erase));
  EXPECT_TRUE(DumpStore(*stores.bulk) == DumpStore(*stores.transaction));
  testing::ExpectPermutationsAgree(stores.bulk->kv(), stores.bulk->kv().GetSnapshot());
  EXPECT_TRUE(ScratchFolders(stores.bulk_dir.path()).empty());
}

TEST(BulkEraser, ErasesLikeATransactionAcrossSpilledRuns) {
  const std::vector<Quad> stored = MakeQuads(40000, 1, /*blanks=*/true);
  std::vector<Quad> erase;
  // Every third quad, every quad of one predicate (its statistics entry
  // goes), all of some subjects (pairs lost), duplicates, and quads the
  // store does not hold: unknown terms and known terms combined anew.
  for (size_t i = 0; i < stored.size(); ++i) {
    const Quad& q = stored[i];
    if (i % 3 == 0 || q.predicate == BulkIri("p4") || q.subject == BulkIri("s17")) {
      erase.push_back(q);
    }
  }
  for (int i = 0; i < 2000; ++i) erase.push_back(erase[i * 5]);
  erase.push_back(Quad{BulkIri("nowhere"), BulkIri("p1"), BulkIri("o1"), Term()});
  erase.push_back(Quad{stored[1].subject, stored[2].predicate, stored[7].object, Term()});
  erase.push_back(Quad{stored[3].subject, stored[3].predicate, stored[3].object, BulkIri("g9")});
  // 1 MiB of run buffers: 16384 keys, so several runs spill and merge.
  ExpectSameAsTransaction(stored, erase, uint64_t{1} << 20);
}

TEST(BulkEraser, ErasesEverythingAndKeepsEmptiedGraphs) {
  const std::vector<Quad> stored = MakeQuads(3000, 2, /*blanks=*/false);
  ExpectSameAsTransaction(stored, stored, uint64_t{64} << 20);
}

TEST(BulkEraser, NothingStoredChangesNothing) {
  const std::vector<Quad> stored = MakeQuads(500, 3, /*blanks=*/false);
  Stores stores(stored);
  const auto before = DumpStore(*stores.bulk);
  auto erased = BulkErase(*stores.bulk, stores.bulk_dir.path(),
                          {Quad{BulkIri("a"), BulkIri("b"), BulkIri("c"), Term()}}, 0);
  ASSERT_TRUE(erased.ok()) << erased.status();
  EXPECT_EQ(*erased, 0u);
  EXPECT_TRUE(DumpStore(*stores.bulk) == before);
}

TEST(BulkEraser, AbandonedOrCancelledChangesNothing) {
  const std::vector<Quad> stored = MakeQuads(2000, 4, /*blanks=*/false);
  Stores stores(stored);
  const auto before = DumpStore(*stores.bulk);
  {
    auto lease = stores.bulk->AcquireWriter();
    ASSERT_TRUE(lease.ok());
    BulkEraseOptions options;
    options.db_path = stores.bulk_dir.path();
    auto eraser =
        BulkEraser::Begin(stores.bulk->kv(), stores.bulk->kv().GetSnapshot(), std::move(options));
    ASSERT_TRUE(eraser.ok()) << eraser.status();
    for (const Quad& quad : stored) ASSERT_TRUE((*eraser)->Erase(IdsOf(*stores.bulk, quad)).ok());
    EXPECT_FALSE(ScratchFolders(stores.bulk_dir.path()).empty());
  }
  EXPECT_TRUE(DumpStore(*stores.bulk) == before);
  EXPECT_TRUE(ScratchFolders(stores.bulk_dir.path()).empty());

  std::atomic<bool> cancel{true};
  auto erased = BulkErase(*stores.bulk, stores.bulk_dir.path(), stored, 0, &cancel);
  EXPECT_EQ(erased.status().code(), absl::StatusCode::kCancelled) << erased.status();
  EXPECT_TRUE(DumpStore(*stores.bulk) == before);
  EXPECT_TRUE(ScratchFolders(stores.bulk_dir.path()).empty());

  BulkEraseOptions no_path;
  EXPECT_EQ(BulkEraser::Begin(stores.bulk->kv(), nullptr, no_path).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace parley::engine
