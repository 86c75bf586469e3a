// The read seam: every case runs against both implementations, a RocksDB
// store (KvStorageReader) and sorted vectors (MemoryStorageReader), and each
// answer is also checked against a plain filter over the quads.
#include <algorithm>
#include <atomic>
#include <memory>
#include <set>
#include <tuple>
#include <vector>

#include "engine/access/kv_storage_reader.h"
#include "engine/access/memory_storage_reader.h"
#include "engine/layout/term_id.h"
#include "engine/store.h"
#include "gtest/gtest.h"
#include "tests/support/engine_support.h"

namespace parley::engine {
namespace {

const std::string kEx = "http://example.org/";
Term Ex(const std::string& name) { return Term::Iri(kEx + name); }
Term Int(int64_t value) {
  return Term::TypedLiteral(std::to_string(value), std::string(kXsd) + "integer");
}

// 4 subjects x 3 predicates x 5 integer objects, in the default graph and
// two named graphs, plus a few string literals.
std::vector<Quad> SampleQuads() {
  std::vector<Quad> quads;
  const Term graphs[] = {Term(), Ex("g1"), Ex("g2")};
  for (int s = 0; s < 4; ++s) {
    for (int p = 0; p < 3; ++p) {
      for (int o = 0; o < 5; ++o) {
        const Term& g = graphs[(s + p + o) % 3];
        quads.push_back(
            {Ex("s" + std::to_string(s)), Ex("p" + std::to_string(p)), Int(o * 10 - 20), g});
      }
    }
  }
  quads.push_back({Ex("s0"), Ex("name"), Term::Literal("Zoë"), Term()});
  quads.push_back({Ex("s1"), Ex("name"), Term::LangLiteral("Lighthizer", "en"), Ex("g1")});
  return quads;
}

// Makes a reader over quads; one subclass per implementation.
class ReaderFactory {
 public:
  virtual ~ReaderFactory() = default;
  virtual std::unique_ptr<StorageReader> Make(const std::vector<Quad>& quads) = 0;
};

class MemoryFactory final : public ReaderFactory {
 public:
  std::unique_ptr<StorageReader> Make(const std::vector<Quad>& quads) override {
    return std::make_unique<MemoryStorageReader>(quads);
  }
};

class KvFactory final : public ReaderFactory {
 public:
  std::unique_ptr<StorageReader> Make(const std::vector<Quad>& quads) override {
    Options options;
    options.sync_on_commit = false;
    options.block_cache_bytes = 4 << 20;
    auto store = Store::Open(dir_.Sub("db"), options);
    EXPECT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    auto txn = store_->BeginWrite();
    EXPECT_TRUE(txn.ok());
    for (const Quad& quad : quads) EXPECT_TRUE((*txn)->Insert(quad).ok());
    EXPECT_TRUE((*txn)->Commit().ok());
    return std::make_unique<KvStorageReader>(store_->kv_shared(), store_->kv().GetSnapshot());
  }

 private:
  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

class StorageReaderTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam()) {
      factory_ = std::make_unique<KvFactory>();
    } else {
      factory_ = std::make_unique<MemoryFactory>();
    }
    quads_ = SampleQuads();
    reader_ = factory_->Make(quads_);
  }

  TermId Id(const Term& term) {
    std::vector<std::optional<TermId>> ids;
    EXPECT_TRUE(reader_->LookupMany(std::span<const Term>(&term, 1), &ids).ok());
    EXPECT_TRUE(ids[0].has_value()) << term.ToNTriples();
    return ids[0].value_or(kAnyId);
  }

  // Every row of `scan`, read in batches of `batch` rows.
  std::vector<IdQuad> ReadAll(const IdScan& scan, size_t batch = 7) {
    auto cursor = reader_->Open(scan, ScanLimits());
    EXPECT_TRUE(cursor.ok()) << cursor.status();
    std::vector<IdQuad> rows, buffer(batch);
    while (true) {
      absl::StatusOr<size_t> n = (*cursor)->NextBatch(buffer);
      EXPECT_TRUE(n.ok()) << n.status();
      if (!n.ok() || *n == 0) break;
      rows.insert(rows.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(*n));
    }
    return rows;
  }

  // What `scan` must return: the matching quads in its key order.
  std::vector<IdQuad> Expected(const IdScan& scan) {
    std::vector<IdQuad> rows;
    std::set<IdQuad> seen;
    for (const Quad& q : quads_) {
      IdQuad row{Id(q.subject), Id(q.predicate), Id(q.object), Id(q.graph)};
      if (scan.Matches(row) && seen.insert(row).second) rows.push_back(row);
    }
    auto key = [&](const IdQuad& row) {
      const TermId ids[4] = {row.subject, row.predicate, row.object, row.graph};
      std::array<TermId, 4> k;
      for (int i = 0; i < 4; ++i) k[i] = ids[KeyPositions(scan.order)[i]];
      return k;
    };
    std::sort(rows.begin(), rows.end(),
              [&](const IdQuad& a, const IdQuad& b) { return key(a) < key(b); });
    return rows;
  }

  std::unique_ptr<ReaderFactory> factory_;
  std::vector<Quad> quads_;
  std::unique_ptr<StorageReader> reader_;
};

TEST_P(StorageReaderTest, EveryOrderAndBoundPrefixScansInKeyOrder) {
  const TermId s1 = Id(Ex("s1")), p2 = Id(Ex("p2")), o = Id(Int(0)), g1 = Id(Ex("g1"));
  for (Order order : kAllOrders) {
    IdScan all;
    all.order = order;
    EXPECT_EQ(ReadAll(all), Expected(all)) << FamilyName(order);
    for (int mask = 1; mask < 16; ++mask) {
      IdScan scan;
      scan.order = order;
      const TermId values[4] = {s1, p2, o, g1};
      for (int i = 0; i < 4; ++i) {
        if (mask & (1 << i)) scan.ranges[i] = IdRange::Exactly(values[i]);
      }
      EXPECT_EQ(ReadAll(scan, 3), Expected(scan)) << FamilyName(order) << " mask " << mask;
    }
  }
}

// PSOG reads `?s p ?o` in subject order (then object, then graph), what a
// merge join on subjects needs; POSG gives the same rows in object order.
TEST_P(StorageReaderTest, PsogReadsABoundPredicateInSubjectOrder) {
  const TermId p1 = Id(Ex("p1"));
  IdScan scan;
  scan.order = Order::kPsog;
  scan.range(QuadPosition::kPredicate) = IdRange::Exactly(p1);
  const std::vector<IdQuad> rows = ReadAll(scan, 4);
  EXPECT_EQ(rows, Expected(scan));
  ASSERT_EQ(rows.size(), 4u * 5);  // 4 subjects x 5 objects
  for (size_t i = 1; i < rows.size(); ++i) {
    const IdQuad& a = rows[i - 1];
    const IdQuad& b = rows[i];
    EXPECT_EQ(b.predicate, p1);
    EXPECT_TRUE(std::tie(a.subject, a.object, a.graph) < std::tie(b.subject, b.object, b.graph))
        << "row " << i;
  }
  std::vector<TermId> subjects;
  for (const IdQuad& row : rows) {
    if (subjects.empty() || subjects.back() != row.subject) subjects.push_back(row.subject);
  }
  std::vector<TermId> expected_subjects = {Id(Ex("s0")), Id(Ex("s1")), Id(Ex("s2")), Id(Ex("s3"))};
  std::sort(expected_subjects.begin(), expected_subjects.end());
  EXPECT_EQ(subjects, expected_subjects);  // each subject's rows together

  // The same rows as POSG's, which come in object order instead.
  IdScan by_object = scan;
  by_object.order = Order::kPosg;
  std::vector<IdQuad> posg = ReadAll(by_object);
  EXPECT_NE(posg, rows);
  std::sort(posg.begin(), posg.end());
  std::vector<IdQuad> psog = rows;
  std::sort(psog.begin(), psog.end());
  EXPECT_EQ(posg, psog);

  // Seeks and a subject range work on PSOG like on any order.
  auto cursor = reader_->Open(scan, ScanLimits());
  ASSERT_TRUE(cursor.ok());
  (*cursor)->Seek({subjects[2], p1, 0, 0});
  std::vector<IdQuad> buffer(1);
  ASSERT_EQ(*(*cursor)->NextBatch(buffer), 1u);
  EXPECT_EQ(buffer[0], rows[10]);
  IdScan some = scan;
  some.range(QuadPosition::kSubject) = {subjects[1], subjects[3]};
  EXPECT_EQ(ReadAll(some), std::vector<IdQuad>(rows.begin() + 5, rows.begin() + 15));
  EXPECT_EQ(*reader_->Estimate(some), 10u);
}

TEST_P(StorageReaderTest, RangesOnInlineIdsAreValueRanges) {
  // Integers -20..20 inline, so [Id(-10), Id(20)) is the values -10, 0, 10.
  IdScan scan;
  scan.order = Order::kPosg;
  scan.range(QuadPosition::kPredicate) = IdRange::Exactly(Id(Ex("p1")));
  scan.range(QuadPosition::kObject) = {Id(Int(-10)), Id(Int(20))};
  std::vector<IdQuad> rows = ReadAll(scan);
  EXPECT_EQ(rows, Expected(scan));
  std::set<TermId> objects;
  for (const IdQuad& row : rows) objects.insert(row.object);
  EXPECT_EQ(objects, (std::set<TermId>{Id(Int(-10)), Id(Int(0)), Id(Int(10))}));

  // A range as the residual (not the key prefix) filters just the same.
  IdScan residual;
  residual.order = Order::kSpog;
  residual.range(QuadPosition::kObject) = {Id(Int(-10)), Id(Int(20))};
  EXPECT_EQ(ReadAll(residual), Expected(residual));
  EXPECT_EQ(ReadAll(residual).size(), 4u * 3 * 3);
}

TEST_P(StorageReaderTest, SeekMovesForwardWithinTheScan) {
  IdScan scan;
  scan.order = Order::kSpog;
  scan.range(QuadPosition::kPredicate) = IdRange::Exactly(Id(Ex("p0")));
  const std::vector<IdQuad> expected = Expected(scan);
  ASSERT_GT(expected.size(), 10u);
  auto cursor = reader_->Open(scan, ScanLimits());
  ASSERT_TRUE(cursor.ok());
  (*cursor)->Seek(expected[9]);
  std::vector<IdQuad> buffer(2);
  ASSERT_EQ(*(*cursor)->NextBatch(buffer), 2u);
  EXPECT_EQ(buffer[0], expected[9]);
  EXPECT_EQ(buffer[1], expected[10]);
  // Seeking to a key between rows lands on the next matching row.
  IdQuad between = expected[12];
  between.object += 1;
  (*cursor)->Seek(between);
  ASSERT_EQ(*(*cursor)->NextBatch(buffer), 2u);
  EXPECT_EQ(buffer[0], expected[13]);
  // Seeking past the end ends the scan.
  (*cursor)->Seek({kAnyId - 1, 0, 0, 0});
  EXPECT_EQ(*(*cursor)->NextBatch(buffer), 0u);
}

TEST_P(StorageReaderTest, EstimateIsExactForSmallScansAndZeroForEmptyOnes) {
  IdScan scan = IdScan::ForPattern({.subject = Id(Ex("s2")), .predicate = Id(Ex("p1"))});
  EXPECT_EQ(*reader_->Estimate(scan), Expected(scan).size());
  IdScan empty;
  empty.range(QuadPosition::kObject) = {Id(Int(10)), Id(Int(10))};
  EXPECT_EQ(*reader_->Estimate(empty), 0u);
  EXPECT_EQ(ReadAll(empty).size(), 0u);
}

TEST_P(StorageReaderTest, DecodeAndLookupManyRoundTrip) {
  std::vector<Term> terms = {
      Ex("s0"), Int(-20), Term::Literal("Zoë"), Term::LangLiteral("Lighthizer", "en"),
      Ex("g2"), Term()};
  std::vector<std::optional<TermId>> ids;
  ASSERT_TRUE(reader_->LookupMany(terms, &ids).ok());
  std::vector<TermId> plain;
  for (const auto& id : ids) {
    ASSERT_TRUE(id.has_value());
    plain.push_back(*id);
  }
  EXPECT_TRUE(IsInline(plain[1]));
  EXPECT_EQ(plain[5], kDefaultGraphId);
  std::vector<Term> decoded;
  ASSERT_TRUE(reader_->DecodeMany(plain, &decoded).ok());
  EXPECT_EQ(decoded, terms);

  // An unknown term has no id; an inline literal always has one.
  std::vector<Term> unknown = {Ex("never"), Int(123456)};
  ASSERT_TRUE(reader_->LookupMany(unknown, &ids).ok());
  EXPECT_FALSE(ids[0].has_value());
  EXPECT_TRUE(ids[1].has_value());
  // A dense id nobody issued is NotFound.
  std::vector<TermId> bogus = {kMaxDictionaryId - 1};
  EXPECT_EQ(reader_->DecodeMany(bogus, &decoded).code(), absl::StatusCode::kNotFound);
}

TEST_P(StorageReaderTest, ContainsManyAnswersMembership) {
  std::vector<IdQuad> probes;
  for (size_t i = 0; i < quads_.size(); i += 7) {
    const Quad& q = quads_[i];
    probes.push_back({Id(q.subject), Id(q.predicate), Id(q.object), Id(q.graph)});
  }
  const size_t stored = probes.size();
  probes.push_back({probes[0].subject, probes[0].predicate, probes[0].object, Id(Ex("s1"))});
  probes.push_back({kMaxDictionaryId - 5, probes[0].predicate, probes[0].object, 0});
  std::vector<bool> found;
  ASSERT_TRUE(reader_->ContainsMany(probes, &found).ok());
  ASSERT_EQ(found.size(), probes.size());
  for (size_t i = 0; i < probes.size(); ++i) EXPECT_EQ(found[i], i < stored) << i;
}

TEST_P(StorageReaderTest, NamedGraphsAndStatistics) {
  auto graphs = reader_->NamedGraphs();
  ASSERT_TRUE(graphs.ok());
  std::vector<TermId> expected = {Id(Ex("g1")), Id(Ex("g2"))};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(*graphs, expected);

  auto statistics = reader_->GetStatistics();
  ASSERT_TRUE(statistics.ok());
  EXPECT_EQ(statistics->quads, quads_.size());
  auto p0 = std::find_if(statistics->predicates.begin(), statistics->predicates.end(),
                         [&](const PredicateEntry& e) { return e.predicate == Id(Ex("p0")); });
  ASSERT_NE(p0, statistics->predicates.end());
  EXPECT_EQ(p0->counts.quads, 20u);
  EXPECT_EQ(p0->counts.distinct_subjects, 4u);
  EXPECT_EQ(p0->counts.distinct_objects, 5u);
}

TEST_P(StorageReaderTest, CancellationAndDeadlineStopAScan) {
  std::atomic<bool> cancel{true};
  ScanLimits limits;
  limits.cancel = &cancel;
  auto cursor = reader_->Open(IdScan(), limits);
  ASSERT_TRUE(cursor.ok());
  std::vector<IdQuad> buffer(4);
  EXPECT_EQ((*cursor)->NextBatch(buffer).status().code(), absl::StatusCode::kCancelled);

  ScanLimits late;
  late.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  cursor = reader_->Open(IdScan(), late);
  ASSERT_TRUE(cursor.ok());
  EXPECT_EQ((*cursor)->NextBatch(buffer).status().code(), absl::StatusCode::kDeadlineExceeded);
}

INSTANTIATE_TEST_SUITE_P(BothImplementations, StorageReaderTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& param) {
                           return param.param ? "RocksDB" : "Memory";
                         });

}  // namespace
}  // namespace parley::engine
