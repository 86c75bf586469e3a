// engine::BulkLoader: loads into empty and non-empty stores, duplicates,
// blank node scopes, spilling, the dump path, errors and abandonment. The
// crash tests are in bulk_crash_test.cc.
#include "engine/bulk/bulk_loader.h"

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/kv/keyspaces.h"
#include "engine/layout/key_layout.h"
#include "engine/layout/term_id.h"
#include "gtest/gtest.h"
#include "tests/engine/permutation_check.h"
#include "tests/support/bulk_support.h"
#include "tests/support/engine_support.h"

namespace parley::engine {
namespace {

using testing::BulkIri;
using testing::BulkLoad;
using testing::DumpStore;
using testing::ExpectConsistent;
using testing::LoadOptions;
using testing::MakeQuads;
using testing::OpenStore;
using testing::ScratchFolders;
using testing::TempDir;
using testing::Xsd;

std::set<Quad> AsSet(const std::vector<Quad>& quads) {
  return std::set<Quad>(quads.begin(), quads.end());
}

bool Contains(const absl::Status& status, std::string_view part) {
  const absl::string_view message = status.message();
  return message.find(absl::string_view(part.data(), part.size())) != absl::string_view::npos;
}

TEST(BulkLoader, LoadsIntoEmptyStore) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  std::vector<Quad> quads = MakeQuads(3000, 1, /*blanks=*/true);
  // Duplicates within the load, also of the same quad written differently
  // (language tags compare case-insensitively).
  for (int i = 0; i < 500; ++i) quads.push_back(quads[i * 5]);
  quads.push_back(Quad{BulkIri("x"), BulkIri("p"), Term::LangLiteral("a", "EN"), Term()});
  quads.push_back(Quad{BulkIri("x"), BulkIri("p"), Term::LangLiteral("a", "en"), Term()});

  auto result = BulkLoad(*store, dir.path(), quads);
  ASSERT_TRUE(result.ok()) << result.status();
  const std::set<Quad> expected = AsSet(quads);
  EXPECT_EQ(result->statements, quads.size());
  EXPECT_EQ(result->quads_added, expected.size());
  EXPECT_EQ(result->runs, 1u);
  ExpectConsistent(*store, expected);
  EXPECT_TRUE(ScratchFolders(dir.path()).empty());

  // Inline literals are not in the dictionary; non-canonical ones are and
  // come back as written.
  auto view = store->Snapshot();
  auto inline_id = view->Lookup(Xsd("-5", "integer"));
  ASSERT_TRUE(inline_id.ok());
  EXPECT_NE(TagOf(*inline_id), IdTag::kDictionary);
  auto written = view->Lookup(Xsd("07", "integer"));
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(TagOf(*written), IdTag::kDictionary);
  EXPECT_EQ(*view->Decode(*written), Xsd("07", "integer"));

  // The store stays usable by transactions, and they keep the invariants.
  std::set<Quad> after = expected;
  const Quad extra{BulkIri("new"), BulkIri("p1"), Term::Literal("value 1"), Term()};
  testing::Commit(*store, {extra});
  after.insert(extra);
  ExpectConsistent(*store, after);
}

TEST(BulkLoader, NewTermsGetDenseIdsInTermOrder) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  std::vector<Quad> quads;
  for (const char* name : {"c", "a", "d", "b"}) {
    quads.push_back(Quad{BulkIri(name), BulkIri("p"), BulkIri("o"), Term()});
  }
  ASSERT_TRUE(BulkLoad(*store, dir.path(), quads).ok());
  auto view = store->Snapshot();
  // One batch: ids 1.. in term-key order (a, b, c, d, o, p).
  EXPECT_EQ(*view->Lookup(BulkIri("a")), 1u);
  EXPECT_EQ(*view->Lookup(BulkIri("b")), 2u);
  EXPECT_EQ(*view->Lookup(BulkIri("d")), 4u);
  EXPECT_EQ(*view->Lookup(BulkIri("p")), 6u);
  // The counter continues after them for transactions.
  testing::Commit(*store, {Quad{BulkIri("z"), BulkIri("p"), BulkIri("o"), Term()}});
  EXPECT_EQ(*store->Snapshot()->Lookup(BulkIri("z")), 7u);
}

TEST(BulkLoader, LoadsIntoNonEmptyStore) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  const std::vector<Quad> before = MakeQuads(1500, 2, /*blanks=*/false);
  // The load overlaps what is stored: some quads, many terms and pairs.
  std::vector<Quad> load = MakeQuads(2500, 3, /*blanks=*/false);
  for (int i = 0; i < 400; ++i) load.push_back(before[i * 3]);
  testing::Commit(*store, before);
  const uint64_t stored = AsSet(before).size();

  auto result = BulkLoad(*store, dir.path(), load);
  ASSERT_TRUE(result.ok()) << result.status();
  std::set<Quad> expected = AsSet(before);
  expected.insert(load.begin(), load.end());
  EXPECT_EQ(result->quads_added, expected.size() - stored);
  ExpectConsistent(*store, expected);
}

// Loads (one spilling many runs), erases and loads again: after each step
// every permutation, PSOG included, holds exactly the stored quads.
TEST(BulkLoader, EveryPermutationHoldsTheSameQuadsAcrossLoadsAndErases) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  const std::vector<Quad> first = MakeQuads(3000, 4, /*blanks=*/false);
  auto loaded = BulkLoad(*store, dir.path(), first, /*budget=*/64 << 10);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_GT(loaded->runs, 1u);
  std::set<Quad> expected = AsSet(first);
  ExpectConsistent(*store, expected);
  EXPECT_EQ(testing::ExpectPermutationsAgree(store->kv(), store->kv().GetSnapshot()).size(),
            expected.size());

  std::vector<Quad> erased;
  for (size_t i = 0; i < first.size(); i += 3) erased.push_back(first[i]);
  {
    auto txn = store->BeginWrite();
    ASSERT_TRUE(txn.ok());
    for (const Quad& q : erased) ASSERT_TRUE((*txn)->Erase(q).ok());
    ASSERT_TRUE((*txn)->Commit().ok());
  }
  for (const Quad& q : erased) expected.erase(q);
  ExpectConsistent(*store, expected);
  EXPECT_EQ(testing::ExpectPermutationsAgree(store->kv(), store->kv().GetSnapshot()).size(),
            expected.size());

  // New quads, some of the erased ones back, some still stored.
  std::vector<Quad> second = MakeQuads(2000, 5, /*blanks=*/false);
  second.insert(second.end(), erased.begin(), erased.begin() + 300);
  second.insert(second.end(), first.begin() + 1, first.begin() + 301);
  ASSERT_TRUE(BulkLoad(*store, dir.path(), second).ok());
  expected.insert(second.begin(), second.end());
  ExpectConsistent(*store, expected);
  EXPECT_EQ(testing::ExpectPermutationsAgree(store->kv(), store->kv().GetSnapshot()).size(),
            expected.size());
}

TEST(BulkLoader, ReusesTheIdsOfTermsWhoseQuadsWereErased) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  const std::vector<Quad> quads = MakeQuads(400, 13, /*blanks=*/false);
  testing::Commit(*store, quads);
  const auto id = store->Snapshot()->Lookup(quads[0].subject);
  ASSERT_TRUE(id.ok());
  {
    auto txn = store->BeginWrite();
    ASSERT_TRUE(txn.ok());
    for (const Quad& q : quads) ASSERT_TRUE((*txn)->Erase(q).ok());
    ASSERT_TRUE((*txn)->Commit().ok());
  }
  ASSERT_TRUE(testing::AllQuads(*store->Snapshot()).empty());
  // No quads, but a dictionary: the load looks its terms up.
  auto result = BulkLoad(*store, dir.path(), quads);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->terms_added, 0u);
  EXPECT_EQ(*store->Snapshot()->Lookup(quads[0].subject), *id);
  ExpectConsistent(*store, AsSet(quads));
}

TEST(BulkLoader, LoadingTheSameQuadsTwiceChangesNothing) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  const std::vector<Quad> quads = MakeQuads(2000, 4, /*blanks=*/false);
  ASSERT_TRUE(BulkLoad(*store, dir.path(), quads).ok());
  const auto dump = DumpStore(*store);
  auto again = BulkLoad(*store, dir.path(), quads, /*budget=*/64 << 10);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->quads_added, 0u);
  EXPECT_EQ(again->terms_added, 0u);
  EXPECT_TRUE(DumpStore(*store) == dump);
}

TEST(BulkLoader, BlankNodesAreScopedPerDocument) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  // A blank node the store already holds, labelled like the load's.
  const Quad stored{Term::BlankNode("a"), BulkIri("p"), Term::Literal("old"), Term()};
  testing::Commit(*store, {stored});

  auto loader = BulkLoader::Begin(*store, LoadOptions(dir.path()));
  ASSERT_TRUE(loader.ok());
  const Quad first{Term::BlankNode("a"), BulkIri("p"), Term::BlankNode("b"), Term()};
  const Quad second{Term::BlankNode("b"), BulkIri("q"), Term::Literal("x"), Term()};
  ASSERT_TRUE((*loader)->Add(QuadView::Of(first)).ok());
  ASSERT_TRUE((*loader)->Add(QuadView::Of(second)).ok());
  (*loader)->NewBlankNodeScope();
  ASSERT_TRUE((*loader)->Add(QuadView::Of(first)).ok());
  auto result = (*loader)->Commit();
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->quads_added, 3u);

  const std::set<Quad> all = testing::AllQuads(*store->Snapshot());
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all.count(stored), 1u);
  std::set<std::string> subjects_of_p, objects_of_p;
  std::string subject_of_q;
  for (const Quad& q : all) {
    if (q == stored) continue;
    ASSERT_TRUE(q.subject.is_blank_node());
    EXPECT_TRUE(q.subject.Validate().ok()) << q.subject.value();
    if (q.predicate == BulkIri("p")) {
      subjects_of_p.insert(q.subject.value());
      objects_of_p.insert(q.object.value());
    } else {
      subject_of_q = q.subject.value();
    }
  }
  // Two scopes: two distinct "a" nodes and two distinct "b" nodes, none of
  // them the stored "a"; within a scope, "b" is one node.
  EXPECT_EQ(subjects_of_p.size(), 2u);
  EXPECT_EQ(objects_of_p.size(), 2u);
  EXPECT_EQ(subjects_of_p.count("a"), 0u);
  EXPECT_EQ(objects_of_p.count(subject_of_q), 1u);
}

TEST(BulkLoader, TinyBudgetSpillsAndGivesTheSameStore) {
  TempDir big_dir, tiny_dir;
  std::vector<Quad> quads = MakeQuads(6000, 5, /*blanks=*/false);
  for (int i = 0; i < 1000; ++i) quads.push_back(quads[(i * 37) % 6000]);
  auto big = OpenStore(big_dir.path());
  auto tiny = OpenStore(tiny_dir.path());
  const std::vector<Quad> before = MakeQuads(300, 6, /*blanks=*/false);
  testing::Commit(*big, before);
  testing::Commit(*tiny, before);

  auto big_result = BulkLoad(*big, big_dir.path(), quads);
  // 4 KiB: runs of 17 quads, so hundreds of runs and merges in two levels,
  // and id2term in several files.
  auto tiny_result = BulkLoad(*tiny, tiny_dir.path(), quads, /*budget=*/4 << 10);
  ASSERT_TRUE(big_result.ok()) << big_result.status();
  ASSERT_TRUE(tiny_result.ok()) << tiny_result.status();
  EXPECT_EQ(big_result->runs, 1u);
  EXPECT_GT(tiny_result->runs, 64u);
  EXPECT_EQ(big_result->quads_added, tiny_result->quads_added);
  EXPECT_EQ(big_result->terms_added, tiny_result->terms_added);

  std::set<Quad> expected = AsSet(before);
  expected.insert(quads.begin(), quads.end());
  ExpectConsistent(*big, expected);
  ExpectConsistent(*tiny, expected);
  // Same statistics term by term (ids differ: batches differ).
  EXPECT_EQ(testing::StoredStatistics(*big->Snapshot()->GetStatistics()),
            testing::StoredStatistics(*tiny->Snapshot()->GetStatistics()));
  EXPECT_TRUE(ScratchFolders(tiny_dir.path()).empty());
}

// Loads `quads` through the dump path: each term defined under a local id
// (*local, in first-use order) when first used, then the quads as local ids.
absl::StatusOr<BulkLoadResult> LoadByLocalIds(Store& store, const std::string& path,
                                              const std::vector<Quad>& quads,
                                              std::map<Term, uint64_t>* local) {
  auto loader = BulkLoader::Begin(store, LoadOptions(path));
  if (!loader.ok()) return loader.status();
  absl::Status status;
  auto local_id = [&](const Term& term) -> uint64_t {
    if (term.is_default_graph()) return 0;
    auto [it, inserted] = local->try_emplace(term, local->size() + 1);
    if (inserted && status.ok())
      status = (*loader)->DefineLocalTerm(it->second, TermView::Of(term));
    return it->second;
  };
  for (const Quad& q : quads) {
    const IdQuad ids{local_id(q.subject), local_id(q.predicate), local_id(q.object),
                     local_id(q.graph)};
    if (status.ok()) status = (*loader)->AddLocal(ids);
    if (!status.ok()) return status;
  }
  return (*loader)->Commit();
}

TEST(BulkLoader, DumpPathGivesTheSameStoreAsAdd) {
  TempDir add_dir, dump_dir;
  const std::vector<Quad> quads = MakeQuads(2500, 7, /*blanks=*/false);
  auto by_add = OpenStore(add_dir.path());
  auto by_dump = OpenStore(dump_dir.path());
  ASSERT_TRUE(BulkLoad(*by_add, add_dir.path(), quads).ok());

  std::map<Term, uint64_t> local;
  auto result = LoadByLocalIds(*by_dump, dump_dir.path(), quads, &local);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->statements, quads.size());
  ExpectConsistent(*by_dump, AsSet(quads));
  // Into an empty store, defined terms are numbered in definition order.
  std::vector<Term> defined(local.size());
  for (const auto& [term, id] : local) defined[id - 1] = term;
  auto view = by_dump->Snapshot();
  TermId previous = kDefaultGraphId;
  size_t dictionary_terms = 0;
  for (const Term& term : defined) {
    auto id = view->Lookup(term);
    ASSERT_TRUE(id.ok()) << id.status();
    if (IsInline(*id)) continue;
    EXPECT_GT(*id, previous) << term.ToNTriples();
    previous = *id;
    ++dictionary_terms;
  }
  EXPECT_GT(dictionary_terms, 500u);
  EXPECT_EQ(result->terms_added, dictionary_terms);
}

// Into a store that holds terms, the dump path numbers new terms like Add
// (by batch, in term key order): the same terms get the same ids, so the
// stores are byte for byte equal.
TEST(BulkLoader, DumpPathIntoAFilledStoreGivesTheSameStoreAsAdd) {
  TempDir add_dir, dump_dir;
  const std::vector<Quad> first = MakeQuads(300, 3, /*blanks=*/false);
  const std::vector<Quad> quads = MakeQuads(2500, 7, /*blanks=*/false);
  auto by_add = OpenStore(add_dir.path());
  auto by_dump = OpenStore(dump_dir.path());
  ASSERT_TRUE(BulkLoad(*by_add, add_dir.path(), first).ok());
  ASSERT_TRUE(BulkLoad(*by_dump, dump_dir.path(), first).ok());
  ASSERT_TRUE(BulkLoad(*by_add, add_dir.path(), quads).ok());

  std::map<Term, uint64_t> local;
  auto result = LoadByLocalIds(*by_dump, dump_dir.path(), quads, &local);
  ASSERT_TRUE(result.ok()) << result.status();
  std::set<Quad> all = AsSet(quads);
  all.insert(first.begin(), first.end());
  ExpectConsistent(*by_dump, all);
  EXPECT_TRUE(DumpStore(*by_dump) == DumpStore(*by_add));
}

TEST(BulkLoader, DumpPathRejectsBadLocalIds) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  const auto dump = DumpStore(*store);
  struct Case {
    const char* name;
    std::function<absl::Status(BulkLoader&)> run;
    const char* message;
  };
  const Term iri_term = BulkIri("s");
  const TermView iri = TermView::Of(iri_term);
  const Term literal_term = Term::Literal("lit");
  const TermView literal = TermView::Of(literal_term);
  const std::vector<Case> cases = {
      {"define 0", [&](BulkLoader& l) { return l.DefineLocalTerm(0, iri); }, "default graph"},
      {"define twice",
       [&](BulkLoader& l) {
         absl::Status s = l.DefineLocalTerm(1, iri);
         return s.ok() ? l.DefineLocalTerm(1, iri) : s;
       },
       "defined twice"},
      {"undefined",
       [&](BulkLoader& l) {
         return l.AddLocal(IdQuad{1, 2, 3, 0});
       },
       "not defined"},
      {"literal subject",
       [&](BulkLoader& l) {
         absl::Status s = l.DefineLocalTerm(1, literal);
         if (s.ok()) s = l.DefineLocalTerm(2, iri);
         return s.ok() ? l.AddLocal(IdQuad{1, 2, 2, 0}) : s;
       },
       "subject"},
      {"default graph object",
       [&](BulkLoader& l) {
         absl::Status s = l.DefineLocalTerm(2, iri);
         return s.ok() ? l.AddLocal(IdQuad{2, 2, 0, 0}) : s;
       },
       "object"},
  };
  for (const Case& c : cases) {
    auto loader = BulkLoader::Begin(*store, LoadOptions(dir.path()));
    ASSERT_TRUE(loader.ok());
    absl::Status status = c.run(**loader);
    if (status.ok()) status = (*loader)->Commit().status();
    EXPECT_TRUE(absl::IsInvalidArgument(status)) << c.name << ": " << status;
    EXPECT_TRUE(Contains(status, c.message)) << c.name << ": " << status;
  }
  EXPECT_TRUE(DumpStore(*store) == dump);
  EXPECT_TRUE(ScratchFolders(dir.path()).empty());
}

TEST(BulkLoader, AbandoningLeavesTheStoreAsItWas) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  testing::Commit(*store, MakeQuads(200, 8, /*blanks=*/true));
  const auto dump = DumpStore(*store);
  {
    auto loader = BulkLoader::Begin(*store, LoadOptions(dir.path(), /*budget=*/16 << 10));
    ASSERT_TRUE(loader.ok());
    for (const Quad& q : MakeQuads(5000, 9, /*blanks=*/true)) {
      ASSERT_TRUE((*loader)->Add(QuadView::Of(q)).ok());
    }
    EXPECT_EQ(ScratchFolders(dir.path()).size(), 1u);
  }
  EXPECT_TRUE(DumpStore(*store) == dump);
  EXPECT_TRUE(ScratchFolders(dir.path()).empty());
  // The writer lease was released.
  testing::Commit(*store, {Quad{BulkIri("after"), BulkIri("p"), BulkIri("o"), Term()}});
}

TEST(BulkLoader, InvalidTermMidLoadLeavesTheStoreAsItWas) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  testing::Commit(*store, MakeQuads(200, 10, /*blanks=*/false));
  const auto dump = DumpStore(*store);
  const std::vector<std::pair<Quad, std::string>> bad = {
      {Quad{Term::Iri("http://example.org/a b"), BulkIri("p"), BulkIri("o"), Term()}, "space"},
      {Quad{BulkIri("s"), Term::Iri("relative"), BulkIri("o"), Term()}, "not absolute"},
      {Quad{BulkIri("s"), BulkIri("p"), Term::LangLiteral("x", "en_GB"), Term()}, "language"},
      {Quad{BulkIri("s"), BulkIri("p"), Term::TypedLiteral("x", "dt"), Term()}, "datatype"},
      {Quad{BulkIri("s"), BulkIri("p"), Term::TypedLiteral("x", "http://x/\xff"), Term()}, "UTF-8"},
      {Quad{BulkIri("s"), BulkIri("p"), Term::TypedLiteral("x", std::string("http://x/\0y", 11)),
            Term()},
       "control"},
      {Quad{Term::BlankNode("-x"), BulkIri("p"), BulkIri("o"), Term()}, "blank node label"},
      {Quad{Term::Literal("s"), BulkIri("p"), BulkIri("o"), Term()}, "subject"},
      {Quad{BulkIri("s"), Term::BlankNode("p"), BulkIri("o"), Term()}, "predicate"},
      {Quad{BulkIri("s"), BulkIri("p"), Term(), Term()}, "object"},
      {Quad{BulkIri("s"), BulkIri("p"), BulkIri("o"), Term::Literal("g")}, "graph"},
  };
  const std::vector<Quad> good = MakeQuads(3000, 11, /*blanks=*/true);
  for (const auto& [quad, message] : bad) {
    auto loader = BulkLoader::Begin(*store, LoadOptions(dir.path(), /*budget=*/32 << 10));
    ASSERT_TRUE(loader.ok());
    absl::Status status;
    for (size_t i = 0; i < good.size() && status.ok(); ++i) {
      status = (*loader)->Add(QuadView::Of(i == 1500 ? quad : good[i]));
    }
    absl::Status commit = (*loader)->Commit().status();
    if (status.ok()) status = commit;
    EXPECT_FALSE(commit.ok()) << quad.ToNQuads();
    EXPECT_TRUE(absl::IsInvalidArgument(status)) << quad.ToNQuads() << ": " << status;
    EXPECT_TRUE(Contains(status, message)) << status;
    // Later calls report that the load is over.
    EXPECT_TRUE(absl::IsFailedPrecondition((*loader)->Add(QuadView::Of(good[0]))));
  }
  EXPECT_TRUE(DumpStore(*store) == dump);
  EXPECT_TRUE(ScratchFolders(dir.path()).empty());
}

TEST(BulkLoader, EmptyLoadChangesNothing) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  const auto dump = DumpStore(*store);
  auto loader = BulkLoader::Begin(*store, LoadOptions(dir.path()));
  ASSERT_TRUE(loader.ok());
  auto result = (*loader)->Commit();
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->quads_added, 0u);
  EXPECT_TRUE(DumpStore(*store) == dump);
  EXPECT_TRUE(absl::IsFailedPrecondition((*loader)->Commit().status()));
}

TEST(BulkLoader, ProgressReportsEveryPhase) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  BulkLoadOptions options = LoadOptions(dir.path());
  std::vector<std::string_view> phases;
  options.progress = [&](BulkLoadPhase phase, uint64_t) {
    phases.push_back(BulkLoadPhaseName(phase));
  };
  auto loader = BulkLoader::Begin(*store, options);
  ASSERT_TRUE(loader.ok());
  for (const Quad& q : MakeQuads(100, 12, false)) ASSERT_TRUE((*loader)->Add(QuadView::Of(q)).ok());
  ASSERT_TRUE((*loader)->Commit().ok());
  EXPECT_EQ(phases, (std::vector<std::string_view>{"sort", "write", "ingest"}));
}

TEST(BulkLoader, RemovesStaleLoadFiles) {
  TempDir dir;
  { OpenStore(dir.path()); }
  std::filesystem::create_directories(dir.Sub("load-tmp-123-00000000000000ff/sub"));
  { std::ofstream(dir.Sub("load-tmp-123-00000000000000ff/run-0.spog")) << "x"; }
  ASSERT_TRUE(RemoveStaleLoadFiles(dir.path()).ok());
  EXPECT_TRUE(ScratchFolders(dir.path()).empty());
  EXPECT_TRUE(std::filesystem::exists(dir.Sub("CURRENT")));
  EXPECT_TRUE(RemoveStaleLoadFiles(dir.Sub("missing")).ok());
  OpenStore(dir.path());
}

TEST(BulkLoader, BeginNeedsTheDatabasePath) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  EXPECT_TRUE(absl::IsInvalidArgument(BulkLoader::Begin(*store, BulkLoadOptions()).status()));
  EXPECT_FALSE(BulkLoader::Begin(*store, LoadOptions(dir.Sub("missing"))).ok());
  // A failed Begin released the writer lease.
  testing::Commit(*store, {Quad{BulkIri("s"), BulkIri("p"), BulkIri("o"), Term()}});
}

}  // namespace
}  // namespace parley::engine
