// The commit model of the crash and fault tests: numbered transactions
// whose quads, erasures and log entry say what the database holds after
// transaction k, and a check of a reopened database against it.
#pragma once

#include <algorithm>
#include <set>
#include <string>

#include "engine/kv/keyspaces.h"
#include "engine/layout/key_layout.h"
#include "engine/layout/term_id.h"
#include "engine/status_macros.h"
#include "engine/store.h"
#include "gtest/gtest.h"
#include "tests/engine/permutation_check.h"
#include "tests/support/engine_support.h"

namespace parley::engine::commit_model {

inline constexpr int kQuadsPerTransaction = 50;
inline const std::string kEx = "http://example.org/";

inline Term Ex(const std::string& name) { return Term::Iri(kEx + name); }
inline Term Int(int64_t value) {
  return Term::TypedLiteral(std::to_string(value), std::string(kXsd) + "integer");
}

// Quad i of transaction k. Subjects recur across transactions (k % 4), so
// erasures must keep "subject still has predicate" exact; objects are new
// terms (even i: dictionary literals) or inline integers (odd i).
inline Quad TxnQuad(int k, int i) {
  return {Ex("s" + std::to_string(k % 4) + "_" + std::to_string(i % 10)),
          Ex("p" + std::to_string(i % 5)),
          i % 2 == 0 ? Term::Literal("v" + std::to_string(k) + "_" + std::to_string(i))
                     : Int(int64_t{k} * 100 + i),
          i % 3 == 0 ? Term() : Ex("g" + std::to_string(i % 3))};
}
inline Quad LogQuad(int k) { return {Ex("log"), Ex("last"), Int(k), Ex("log")}; }

// Transaction k inserts its 50 quads and the log entry k, and erases the
// even quads of k - 1 and log entry k - 1.
inline absl::Status RunTransaction(Store& store, int k) {
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
inline std::set<Quad> Model(int k) {
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
inline int LastTransaction(const ReadView& view) {
  auto it = view.Scan(QuadPattern{Ex("log"), Ex("last"), std::nullopt, std::nullopt});
  if (!it.ok()) return -1;
  int last = 0, entries = 0;
  for (; (*it)->Valid(); (*it)->Next()) {
    last = std::stoi((*it)->quad().object.value());
    ++entries;
  }
  return entries <= 1 && (*it)->status().ok() ? last : -1;
}

// Checks the database against the model; returns its last transaction.
inline int Verify(const std::string& path, int acknowledged) {
  Options options;
  options.block_cache_bytes = 4 << 20;
  auto store = Store::Open(path, options);
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

}  // namespace parley::engine::commit_model
