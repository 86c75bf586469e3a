// engine::BulkLoader's direct permutations: into a store without quads, a
// permutation whose runs arrive in its order (a dump in GSPO order) is
// written straight to its SST file; a run out of order turns it back to
// spilling. Whichever way, the store must end up the same.
#include <algorithm>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "engine/bulk/bulk_loader.h"
#include "engine/bulk/sort_run.h"
#include "gtest/gtest.h"
#include "tests/support/bulk_support.h"
#include "tests/support/engine_support.h"

namespace parley::engine {
namespace {

using testing::BulkIri;
using testing::BulkLoad;
using testing::ExpectConsistent;
using testing::LoadOptions;
using testing::OpenStore;
using testing::TempDir;

// A memory budget that makes runs of about 500 quads.
constexpr uint64_t kSmallRuns = 500 * (2 * sizeof(Key4) + RunSorter::kScratchBytesPerKey);

// Terms defined in this order get increasing ids in an empty store (none is
// an inline literal), so quads sorted by local ids arrive sorted by ids.
struct LocalData {
  std::vector<Term> terms;  // local id i + 1
  std::vector<IdQuad> quads;

  uint64_t Define(const Term& term) {
    terms.push_back(term);
    return terms.size();
  }
  std::vector<Quad> AsQuads() const {
    std::vector<Quad> out;
    for (const IdQuad& q : quads) {
      out.push_back(Quad{terms[q.subject - 1], terms[q.predicate - 1], terms[q.object - 1],
                         q.graph == kDefaultGraphId ? Term() : terms[q.graph - 1]});
    }
    return out;
  }
  void SortGspo() {
    std::sort(quads.begin(), quads.end(), [](const IdQuad& a, const IdQuad& b) {
      return std::tie(a.graph, a.subject, a.predicate, a.object) <
             std::tie(b.graph, b.subject, b.predicate, b.object);
    });
  }
};

// `subjects` x 5 predicates, objects plain literals; graphs 0 (default) and,
// with `graphs` > 1, IRIs, subjects spread over them.
LocalData MakeLocalData(int subjects, int graphs) {
  LocalData data;
  std::vector<uint64_t> g{kDefaultGraphId};
  for (int i = 1; i < graphs; ++i) g.push_back(data.Define(BulkIri("g" + std::to_string(i))));
  std::vector<uint64_t> s, p, o;
  for (int i = 0; i < subjects; ++i) s.push_back(data.Define(BulkIri("s" + std::to_string(i))));
  for (int i = 0; i < 5; ++i) p.push_back(data.Define(BulkIri("p" + std::to_string(i))));
  for (int i = 0; i < 300; ++i) o.push_back(data.Define(Term::Literal("o" + std::to_string(i))));
  for (int i = 0; i < subjects; ++i) {
    for (int j = 0; j < 5; ++j) {
      data.quads.push_back(IdQuad{s[i], p[j], o[(i * 7 + j) % 300], g[i % graphs]});
    }
  }
  data.SortGspo();
  return data;
}

absl::StatusOr<BulkLoadResult> LoadLocal(Store& store, const std::string& path,
                                         const LocalData& data, bool distinct = false) {
  BulkLoadOptions options = LoadOptions(path, kSmallRuns);
  options.distinct_definitions = distinct;
  auto loader = BulkLoader::Begin(store, options);
  if (!loader.ok()) return loader.status();
  for (size_t i = 0; i < data.terms.size(); ++i) {
    absl::Status status = (*loader)->DefineLocalTerm(i + 1, TermView::Of(data.terms[i]));
    if (!status.ok()) return status;
  }
  for (const IdQuad& q : data.quads) {
    absl::Status status = (*loader)->AddLocal(q);
    if (!status.ok()) return status;
  }
  return (*loader)->Commit();
}

std::set<Quad> AsSet(const std::vector<Quad>& quads) { return {quads.begin(), quads.end()}; }

TEST(BulkDirect, OneGraphInGspoOrderWritesSpogAndGspoDirectly) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  const LocalData data = MakeLocalData(1000, 1);
  auto result = LoadLocal(*store, dir.path(), data);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_GE(result->runs, 8u);
  EXPECT_EQ(result->direct_permutations, 2);
  EXPECT_EQ(result->quads_added, data.quads.size());
  ExpectConsistent(*store, AsSet(data.AsQuads()));
}

TEST(BulkDirect, NamedGraphsInGspoOrderWriteGspoDirectly) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  // Each graph's quads fill several runs: SPOG is taken directly for the
  // first graph's runs, then turns back to spilling at the second graph.
  const LocalData data = MakeLocalData(1200, 3);
  auto result = LoadLocal(*store, dir.path(), data);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->direct_permutations, 1);
  ExpectConsistent(*store, AsSet(data.AsQuads()));
}

TEST(BulkDirect, RunOutOfOrderTurnsBackToSpillingWithDuplicates) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  LocalData data = MakeLocalData(1000, 1);
  // After the ordered quads: their first 700 again (duplicates of runs
  // already written directly), then a reversed copy of 300 of them.
  const std::vector<IdQuad> ordered = data.quads;
  data.quads.insert(data.quads.end(), ordered.begin(), ordered.begin() + 700);
  data.quads.insert(data.quads.end(), ordered.rbegin(), ordered.rbegin() + 300);
  auto result = LoadLocal(*store, dir.path(), data);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->direct_permutations, 0);
  EXPECT_EQ(result->quads_added, ordered.size());
  ExpectConsistent(*store, AsSet(data.AsQuads()));
}

TEST(BulkDirect, StoreWithQuadsSpillsEveryPermutation) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  const LocalData data = MakeLocalData(1000, 1);
  const std::vector<Quad> quads = data.AsQuads();
  const std::vector<Quad> before(quads.begin(), quads.begin() + 50);
  ASSERT_TRUE(BulkLoad(*store, dir.path(), before).ok());
  auto result = LoadLocal(*store, dir.path(), data);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->direct_permutations, 0);
  EXPECT_EQ(result->quads_added, quads.size() - before.size());
  ExpectConsistent(*store, AsSet(quads));
}

TEST(BulkDirect, DistinctDefinitionsLoadTheSame) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  const LocalData data = MakeLocalData(1000, 2);
  auto result = LoadLocal(*store, dir.path(), data, /*distinct=*/true);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->terms_added, data.terms.size());
  ExpectConsistent(*store, AsSet(data.AsQuads()));
}

TEST(BulkDirect, DistinctDefinitionsMixWithQuadsOfTerms) {
  // Quads with their terms written out (a dump's quadsWithTerms) share
  // terms with the definitions, coming after them or also before: each term
  // gets one id.
  for (bool quad_first : {false, true}) {
    SCOPED_TRACE(quad_first ? "a quad of terms first" : "definitions first");
    TempDir dir;
    auto store = OpenStore(dir.path());
    const LocalData data = MakeLocalData(400, 1);
    const std::vector<Quad> quads = data.AsQuads();
    BulkLoadOptions options = LoadOptions(dir.path());
    options.distinct_definitions = true;
    auto loader = BulkLoader::Begin(*store, options);
    ASSERT_TRUE(loader.ok());
    if (quad_first) {
      ASSERT_TRUE((*loader)->Add(QuadView::Of(quads[1])).ok());
    }
    for (size_t i = 0; i < data.terms.size(); ++i) {
      ASSERT_TRUE((*loader)->DefineLocalTerm(i + 1, TermView::Of(data.terms[i])).ok());
    }
    for (size_t i = 0; i < quads.size(); i += 2) {
      ASSERT_TRUE((*loader)->AddLocal(data.quads[i]).ok());
    }
    for (size_t i = 1; i < quads.size(); i += 2) {
      ASSERT_TRUE((*loader)->Add(QuadView::Of(quads[i])).ok());
    }
    auto result = (*loader)->Commit();
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_EQ(result->terms_added, data.terms.size());
    ExpectConsistent(*store, AsSet(quads));
  }
}

// AddLocal of a span: batches fill and ship as with one quad per call, and
// progress still comes about every 2^20 statements.
TEST(BulkDirect, SpansOfLocalQuadsLoadLikeSingleQuads) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  const LocalData data = MakeLocalData(2000, 2);
  // The default budget: 2^20 quads in 500-quad runs would take long.
  BulkLoadOptions options = LoadOptions(dir.path());
  std::vector<uint64_t> progress;
  options.progress = [&](BulkLoadPhase phase, uint64_t statements) {
    if (phase == BulkLoadPhase::kParse) progress.push_back(statements);
  };
  auto loader = BulkLoader::Begin(*store, options);
  ASSERT_TRUE(loader.ok());
  for (size_t i = 0; i < data.terms.size(); ++i) {
    ASSERT_TRUE((*loader)->DefineLocalTerm(i + 1, TermView::Of(data.terms[i])).ok());
  }
  // The 10000 quads as spans of 0, 1, 777 and the rest, four times
  // (duplicates drop out), then 2^20 more statements in spans of 4096.
  const std::span<const IdQuad> quads(data.quads);
  for (int copy = 0; copy < 4; ++copy) {
    ASSERT_TRUE((*loader)->AddLocal(quads.first(0)).ok());
    ASSERT_TRUE((*loader)->AddLocal(quads.first(1)).ok());
    ASSERT_TRUE((*loader)->AddLocal(quads.subspan(1, 777)).ok());
    ASSERT_TRUE((*loader)->AddLocal(quads.subspan(778)).ok());
  }
  for (int i = 0; i < 1 << 20; i += 1 << 12) {
    ASSERT_TRUE((*loader)->AddLocal(quads.first(1 << 12)).ok());
  }
  auto result = (*loader)->Commit();
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->statements, 4 * quads.size() + (1 << 20));
  EXPECT_EQ(result->quads_added, quads.size());
  ASSERT_EQ(progress.size(), 1u);
  EXPECT_GE(progress[0], uint64_t{1} << 20);
  EXPECT_LT(progress[0], (uint64_t{1} << 20) + (1 << 12));
  ExpectConsistent(*store, AsSet(data.AsQuads()));
}

TEST(BulkDirect, TermDefinedTwiceBreaksTheDistinctPromise) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  const auto before = testing::DumpStore(*store);
  LocalData data = MakeLocalData(100, 1);
  data.Define(data.terms[5]);  // local id terms.size() + 1 repeats local id 6
  auto result = LoadLocal(*store, dir.path(), data, /*distinct=*/true);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << result.status();
  EXPECT_NE(result.status().message().find(data.terms[5].ToNTriples() + " is defined twice"),
            absl::string_view::npos)
      << result.status();
  EXPECT_TRUE(testing::DumpStore(*store) == before);
}

}  // namespace
}  // namespace parley::engine
