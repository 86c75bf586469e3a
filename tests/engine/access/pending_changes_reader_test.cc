// PendingChangesReader: a base snapshot (RocksDB or in memory) with
// uncommitted changes applied must read exactly like the quads the changes
// lead to, in every order, with seeks, lookups and decodes.
#include "engine/access/pending_changes_reader.h"

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/access/kv_storage_reader.h"
#include "engine/access/memory_storage_reader.h"
#include "engine/layout/term_id.h"
#include "engine/store.h"
#include "gtest/gtest.h"
#include "tests/support/engine_support.h"

namespace parley::engine {
namespace {

Term Ex(const std::string& name) { return Term::Iri("http://example.org/" + name); }
Term Int(int64_t value) {
  return Term::TypedLiteral(std::to_string(value), std::string(kXsd) + "integer");
}

// 3 subjects x 2 predicates x 3 objects over the default graph and g1.
std::vector<Quad> BaseQuads() {
  std::vector<Quad> quads;
  for (int s = 0; s < 3; ++s) {
    for (int p = 0; p < 2; ++p) {
      for (int o = 0; o < 3; ++o) {
        quads.push_back({Ex("s" + std::to_string(s)), Ex("p" + std::to_string(p)), Int(o),
                         (s + o) % 2 == 0 ? Term() : Ex("g1")});
      }
    }
  }
  quads.push_back({Ex("s0"), Ex("name"), Term::Literal("Liu He"), Ex("g2")});
  return quads;
}

// Erases every quad of g2 and some others, inserts quads with new terms
// (a new subject, predicate, literal and graph), re-inserts a stored quad
// and erases an absent one.
PendingChanges Changes() {
  PendingChanges changes;
  changes[{Ex("s0"), Ex("name"), Term::Literal("Liu He"), Ex("g2")}] = false;
  changes[{Ex("s1"), Ex("p0"), Int(0), Ex("g1")}] = false;
  changes[{Ex("s2"), Ex("p1"), Int(2), Term()}] = false;
  changes[{Ex("s9"), Ex("p0"), Int(1), Term()}] = false;  // absent
  changes[{Ex("s0"), Ex("p0"), Int(0), Term()}] = true;   // stored already
  changes[{Ex("s1"), Ex("p0"), Int(7), Term()}] = true;
  changes[{Ex("s3"), Ex("met"), Ex("s0"), Ex("g3")}] = true;
  changes[{Ex("s3"), Ex("name"), Term::Literal("Mnuchin"), Term()}] = true;
  return changes;
}

std::vector<Quad> Final() {
  std::set<Quad> quads;
  for (const Quad& q : BaseQuads()) quads.insert(q);
  for (const auto& [quad, insert] : Changes()) {
    if (insert) {
      quads.insert(quad);
    } else {
      quads.erase(quad);
    }
  }
  return {quads.begin(), quads.end()};
}

class PendingChangesReaderTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    std::shared_ptr<const StorageReader> base;
    if (GetParam()) {
      Options options;
      options.sync_on_commit = false;
      auto store = Store::Open(dir_.Sub("db"), options);
      ASSERT_TRUE(store.ok()) << store.status();
      store_ = *std::move(store);
      auto txn = store_->BeginWrite();
      ASSERT_TRUE(txn.ok());
      for (const Quad& quad : BaseQuads()) ASSERT_TRUE((*txn)->Insert(quad).ok());
      ASSERT_TRUE((*txn)->Commit().ok());
      base = std::make_shared<KvStorageReader>(store_->kv_shared(), store_->kv().GetSnapshot());
    } else {
      base = std::make_shared<MemoryStorageReader>(BaseQuads());
    }
    base_ = base;
    auto reader = PendingChangesReader::Create(base, Changes());
    ASSERT_TRUE(reader.ok()) << reader.status();
    reader_ = *std::move(reader);
  }

  std::optional<TermId> Id(const Term& term) {
    std::vector<std::optional<TermId>> ids;
    EXPECT_TRUE(reader_->LookupMany(std::span<const Term>(&term, 1), &ids).ok());
    return ids[0];
  }

  Quad Decode(const IdQuad& row) {
    const TermId ids[4] = {row.subject, row.predicate, row.object, row.graph};
    std::vector<Term> terms;
    EXPECT_TRUE(reader_->DecodeMany(ids, &terms).ok());
    return {terms[0], terms[1], terms[2], terms[3]};
  }

  std::vector<IdQuad> ReadAll(const IdScan& scan) {
    auto cursor = reader_->Open(scan, ScanLimits());
    EXPECT_TRUE(cursor.ok()) << cursor.status();
    std::vector<IdQuad> rows, buffer(3);
    while (true) {
      absl::StatusOr<size_t> n = (*cursor)->NextBatch(buffer);
      EXPECT_TRUE(n.ok()) << n.status();
      if (!n.ok() || *n == 0) break;
      rows.insert(rows.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(*n));
    }
    return rows;
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
  std::shared_ptr<const StorageReader> base_;
  std::unique_ptr<PendingChangesReader> reader_;
};

TEST_P(PendingChangesReaderTest, EveryOrderReadsTheChangedQuadsInKeyOrder) {
  const std::vector<Quad> expected = Final();
  for (Order order : kAllOrders) {
    IdScan scan;
    scan.order = order;
    const std::vector<IdQuad> rows = ReadAll(scan);
    std::vector<Quad> got;
    for (const IdQuad& row : rows) got.push_back(Decode(row));
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, expected) << FamilyName(order);
    EXPECT_TRUE(std::is_sorted(rows.begin(), rows.end(), [order](const auto& a, const auto& b) {
      return KeyIds(order, a) < KeyIds(order, b);
    })) << FamilyName(order);
  }
}

TEST_P(PendingChangesReaderTest, BoundScansMatchTheChangedQuads) {
  for (const Quad& probe : Final()) {
    const IdQuad ids{*Id(probe.subject), *Id(probe.predicate), *Id(probe.object), *Id(probe.graph)};
    for (const IdPattern& pattern :
         {IdPattern{ids.subject, kAnyId, kAnyId, kAnyId},
          IdPattern{kAnyId, ids.predicate, kAnyId, kAnyId},
          IdPattern{kAnyId, kAnyId, ids.object, kAnyId},
          IdPattern{kAnyId, kAnyId, kAnyId, ids.graph},
          IdPattern{ids.subject, ids.predicate, ids.object, ids.graph}}) {
      const IdScan scan = IdScan::ForPattern(pattern);
      std::vector<Quad> want;
      for (const Quad& q : Final()) {
        const IdQuad row{*Id(q.subject), *Id(q.predicate), *Id(q.object), *Id(q.graph)};
        if (scan.Matches(row)) want.push_back(q);
      }
      std::vector<Quad> got;
      for (const IdQuad& row : ReadAll(scan)) got.push_back(Decode(row));
      std::sort(got.begin(), got.end());
      EXPECT_EQ(got, want) << probe.ToNQuads();
    }
  }
}

TEST_P(PendingChangesReaderTest, NewTermsHaveProvisionalIdsThatRoundTrip) {
  for (const Term& term : {Ex("s3"), Ex("met"), Ex("g3"), Term::Literal("Mnuchin")}) {
    const std::optional<TermId> id = Id(term);
    ASSERT_TRUE(id.has_value()) << term.ToNTriples();
    EXPECT_GT(*id, kMaxDictionaryId - 16) << term.ToNTriples();
    std::vector<Term> terms;
    ASSERT_TRUE(reader_->DecodeMany(std::span<const TermId>(&*id, 1), &terms).ok());
    EXPECT_EQ(terms[0], term);
  }
  EXPECT_FALSE(Id(Ex("never")).has_value());
}

TEST_P(PendingChangesReaderTest, SeekSkipsStoredAndInsertedRows) {
  IdScan scan;
  scan.order = Order::kSpog;
  const std::vector<IdQuad> all = ReadAll(scan);
  ASSERT_GT(all.size(), 6u);
  auto cursor = reader_->Open(scan, ScanLimits());
  ASSERT_TRUE(cursor.ok());
  std::vector<IdQuad> buffer(2);
  ASSERT_EQ(*(*cursor)->NextBatch(buffer), 2u);
  (*cursor)->Seek(all[5]);
  ASSERT_EQ(*(*cursor)->NextBatch(buffer), 2u);
  EXPECT_EQ(buffer[0], all[5]);
  EXPECT_EQ(buffer[1], all[6]);
  (*cursor)->Seek(all.back());
  ASSERT_EQ(*(*cursor)->NextBatch(buffer), 1u);
  EXPECT_EQ(buffer[0], all.back());
}

TEST_P(PendingChangesReaderTest, NamedGraphsAndQuadCountsFollowTheChanges) {
  auto graphs = reader_->NamedGraphs();
  ASSERT_TRUE(graphs.ok()) << graphs.status();
  std::vector<Term> names;
  ASSERT_TRUE(reader_->DecodeMany(*graphs, &names).ok());
  std::sort(names.begin(), names.end());
  // g2 emptied (it stays, empty), g3 new.
  EXPECT_EQ(names, (std::vector<Term>{Ex("g1"), Ex("g2"), Ex("g3")}));

  auto statistics = reader_->GetStatistics();
  ASSERT_TRUE(statistics.ok()) << statistics.status();
  EXPECT_EQ(statistics->quads, Final().size());
  uint64_t sum = 0;
  for (const PredicateEntry& entry : statistics->predicates) {
    uint64_t want = 0;
    for (const Quad& q : Final()) want += Id(q.predicate) == entry.predicate;
    EXPECT_EQ(entry.counts.quads, want);
    sum += entry.counts.quads;
  }
  EXPECT_EQ(sum, Final().size());
}

TEST_P(PendingChangesReaderTest, DroppedGraphsLoseTheirQuadsAndCreatedOnesAppear) {
  // As a transaction buffers DROP GRAPH g1, CLEAR DEFAULT, CREATE GRAPH g5,
  // then an insert into g1 (which brings it back) of a quad stored before.
  PendingChanges changes;
  const Quad again{Ex("s0"), Ex("p0"), Int(1), Ex("g1")};
  const std::vector<Quad> base = BaseQuads();
  ASSERT_EQ(std::count(base.begin(), base.end(), again), 1);
  changes[again] = true;
  changes[{Ex("s7"), Ex("p0"), Int(1), Ex("g1")}] = true;
  PendingGraphFates fates;
  fates[Ex("g1")] = GraphFate{.clear_stored = true, .exists = false};
  fates[Term()] = GraphFate{.clear_stored = true, .exists = std::nullopt};
  fates[Ex("g5")] = GraphFate{.clear_stored = false, .exists = true};
  auto created = PendingChangesReader::Create(base_, changes, fates);
  ASSERT_TRUE(created.ok()) << created.status();
  reader_ = *std::move(created);

  IdScan all;
  all.order = Order::kGspo;
  std::vector<Quad> got;
  for (const IdQuad& row : ReadAll(all)) got.push_back(Decode(row));
  std::sort(got.begin(), got.end());
  std::vector<Quad> want{again,
                         {Ex("s7"), Ex("p0"), Int(1), Ex("g1")},
                         {Ex("s0"), Ex("name"), Term::Literal("Liu He"), Ex("g2")}};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);

  auto graphs = reader_->NamedGraphs();
  ASSERT_TRUE(graphs.ok()) << graphs.status();
  std::vector<Term> names;
  ASSERT_TRUE(reader_->DecodeMany(*graphs, &names).ok());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<Term>{Ex("g1"), Ex("g2"), Ex("g5")}));
}

INSTANTIATE_TEST_SUITE_P(OverBothImplementations, PendingChangesReaderTest,
                         ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& param) {
                           return param.param ? "Kv" : "Memory";
                         });

}  // namespace
}  // namespace parley::engine
