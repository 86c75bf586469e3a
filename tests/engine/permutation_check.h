// A check for the engine tests: every permutation of kAllOrders holds the
// same quads, each in its own key order, as many as the stored quad count.
// Commits, erases and bulk loads write all of them; a permutation missed by
// any of these shows up here as a different set.
#pragma once

#include <memory>
#include <set>
#include <string>

#include "engine/kv/keyspaces.h"
#include "engine/kv/kv_store.h"
#include "engine/layout/key_layout.h"
#include "engine/statistics.h"
#include "gtest/gtest.h"
#include "parley/quad.h"

namespace parley::engine::testing {

// The quads of SPOG as of `snapshot`, after checking that every other
// permutation holds exactly these, with 32-byte keys in increasing order
// (RocksDB's byte order is the order of the ids position by position), and
// that the stored quad count agrees.
inline std::set<IdQuad> ExpectPermutationsAgree(const KvStore& kv,
                                                std::shared_ptr<const KvSnapshot> snapshot) {
  std::set<IdQuad> spog;
  for (Order order : kAllOrders) {
    const std::string name(FamilyName(order));
    std::set<IdQuad> quads;
    uint64_t keys = 0;
    std::string previous;
    auto it = kv.NewIterator(KeyspaceOf(order), snapshot);
    for (it->SeekToFirst(); it->Valid(); it->Next(), ++keys) {
      const std::string key(it->key());
      EXPECT_EQ(key.size(), kQuadKeySize) << name;
      if (key.size() != kQuadKeySize) break;
      EXPECT_LT(previous, key) << name;
      EXPECT_EQ(EncodeQuadKey(order, DecodeQuadKey(order, key)), key) << name;
      quads.insert(DecodeQuadKey(order, key));
      previous = key;
    }
    EXPECT_TRUE(it->status().ok()) << name << ": " << it->status();
    EXPECT_EQ(keys, quads.size()) << name;
    if (order == Order::kSpog) {
      spog = std::move(quads);
    } else {
      EXPECT_TRUE(quads == spog) << name << " holds " << quads.size() << " quads, spog "
                                 << spog.size();
    }
  }
  absl::StatusOr<uint64_t> count = ReadQuadCount(kv, snapshot.get());
  EXPECT_TRUE(count.ok()) << count.status();
  if (count.ok()) {
    EXPECT_EQ(*count, spog.size());
  }
  return spog;
}

}  // namespace parley::engine::testing
