// engine::Store: transactions, read views, persistence, open errors and
// input validation. Random workloads against a model: store_model_test.cc.
#include "engine/store.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "engine/kv/keyspaces.h"
#include "engine/kv/kv_store.h"
#include "engine/layout/key_layout.h"
#include "engine/layout/term_id.h"
#include "gtest/gtest.h"
#include "parley/database.h"
#include "tests/support/engine_support.h"

namespace parley::engine {
namespace {

using testing::AllQuads;
using testing::TempDir;

const std::string kEx = "http://example.org/";
Term Ex(const std::string& name) { return Term::Iri(kEx + name); }
Term Int(const std::string& lexical) {
  return Term::TypedLiteral(lexical, std::string(kXsd) + "integer");
}

Options TestOptions() {
  Options options;
  options.block_cache_bytes = 4 << 20;
  options.sync_on_commit = false;
  return options;
}

std::unique_ptr<Store> OpenOrDie(const std::string& path, Options options = TestOptions()) {
  auto store = Store::Open(path, options);
  EXPECT_TRUE(store.ok()) << store.status();
  if (!store.ok()) std::abort();
  return *std::move(store);
}

void Commit(Store& store, const std::vector<Quad>& inserts, const std::vector<Quad>& erases = {}) {
  auto txn = store.BeginWrite();
  ASSERT_TRUE(txn.ok());
  for (const Quad& q : inserts) ASSERT_TRUE((*txn)->Insert(q).ok()) << q.ToNQuads();
  for (const Quad& q : erases) ASSERT_TRUE((*txn)->Erase(q).ok()) << q.ToNQuads();
  ASSERT_TRUE((*txn)->Commit().ok());
}

bool Contains(absl::string_view text, std::string_view part) {
  return text.find(absl::string_view(part.data(), part.size())) != absl::string_view::npos;
}

QuadPattern Pat(std::optional<Term> s, std::optional<Term> p = {}, std::optional<Term> o = {},
                std::optional<Term> g = {}) {
  return QuadPattern{std::move(s), std::move(p), std::move(o), std::move(g)};
}

TEST(StoreTest, CommitIsVisibleToLaterViewsOnly) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  const Quad a{Ex("alice"), Ex("met"), Ex("bob"), Term()};
  const Quad b{Ex("alice"), Ex("said"), Term::LangLiteral("Bonjour", "FR"), Ex("wsj")};
  const Quad c{Term::BlankNode("x"), Ex("amount"), Int("42"), Ex("wsj")};
  auto before = store->Snapshot();
  Commit(*store, {a, b, c});
  auto after = store->Snapshot();
  EXPECT_TRUE(AllQuads(*before).empty());
  EXPECT_EQ(AllQuads(*after), (std::set<Quad>{a, b, c}));
  EXPECT_EQ(*after->Count({}), 3u);
  EXPECT_EQ(*after->Count(Pat({}, {}, {}, Term())), 1u);
  EXPECT_EQ(*after->Count(Pat({}, {}, {}, Ex("wsj"))), 2u);
  EXPECT_EQ(*after->Count(Pat(Ex("alice"))), 2u);

  Commit(*store, {}, {a, Quad{Ex("nobody"), Ex("met"), Ex("bob"), Term()}});
  EXPECT_EQ(AllQuads(*store->Snapshot()), (std::set<Quad>{b, c}));
  EXPECT_EQ(AllQuads(*after), (std::set<Quad>{a, b, c}));
}

TEST(StoreTest, RollbackAndDestructionDiscard) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  const Quad a{Ex("a"), Ex("p"), Ex("b"), Term()};
  {
    auto txn = store->BeginWrite();
    ASSERT_TRUE((*txn)->Insert(a).ok());
    (*txn)->Rollback();
    EXPECT_TRUE(absl::IsFailedPrecondition((*txn)->Insert(a)));
    EXPECT_TRUE(absl::IsFailedPrecondition((*txn)->Commit()));
  }
  {
    auto txn = store->BeginWrite();  // would deadlock if Rollback kept the lease
    ASSERT_TRUE((*txn)->Insert(a).ok());
  }
  EXPECT_TRUE(AllQuads(*store->Snapshot()).empty());
  auto stats = store->Snapshot()->GetStatistics();
  EXPECT_EQ(stats->quads, 0u);
  EXPECT_TRUE(stats->predicates.empty());
  // Nothing reached the dictionary either.
  EXPECT_TRUE(absl::IsNotFound(store->Snapshot()->Lookup(Ex("a")).status()));
}

TEST(StoreTest, LastOperationOnAQuadWins) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  const Quad a{Ex("a"), Ex("p"), Ex("b"), Term()};
  const Quad b{Ex("a"), Ex("p"), Ex("c"), Term()};
  Commit(*store, {b});
  auto txn = store->BeginWrite();
  ASSERT_TRUE((*txn)->Insert(a).ok());
  ASSERT_TRUE((*txn)->Erase(a).ok());
  ASSERT_TRUE((*txn)->Erase(b).ok());
  ASSERT_TRUE((*txn)->Insert(b).ok());
  ASSERT_TRUE((*txn)->Commit().ok());
  EXPECT_EQ(AllQuads(*store->Snapshot()), (std::set<Quad>{b}));
  EXPECT_EQ(store->Snapshot()->GetStatistics()->quads, 1u);
}

TEST(StoreTest, TransactionPastItsLimitIsResourceExhaustedAndAppliesNothing) {
  TempDir dir;
  Options options = TestOptions();
  options.max_transaction_bytes = 64 << 10;  // about 60 quads
  auto store = OpenOrDie(dir.path(), options);
  auto txn = store->BeginWrite();
  ASSERT_TRUE(txn.ok());
  absl::Status status;
  int inserted = 0;
  for (; inserted < 1000 && status.ok(); ++inserted) {
    status = (*txn)->Insert({Ex("s" + std::to_string(inserted)), Ex("p"), Ex("o"), Term()});
  }
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
  EXPECT_NE(status.message().find("Options::max_transaction_bytes"), std::string::npos);
  EXPECT_GT(inserted, 30);
  EXPECT_LT(inserted, 100);
  // Re-buffering a quad costs nothing more, but the transaction is done.
  EXPECT_EQ((*txn)->Erase({Ex("s0"), Ex("p"), Ex("o"), Term()}).code(),
            absl::StatusCode::kResourceExhausted);
  EXPECT_EQ((*txn)->Commit().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(AllQuads(*store->Snapshot()).empty());
  // A transaction within the limit still commits.
  Commit(*store, {{Ex("a"), Ex("p"), Ex("b"), Term()}});
  EXPECT_EQ(AllQuads(*store->Snapshot()).size(), 1u);
}

TEST(StoreTest, LookupDecodeAndGraphs) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  const Term literal = Term::Literal("tariff \"25%\"\n");
  Commit(*store, {{Ex("a"), Ex("p"), literal, Ex("g2")},
                  {Ex("a"), Ex("p"), Int("7"), Ex("g1")},
                  {Ex("a"), Ex("p"), Int("07"), Term()},
                  {Ex("b"), Ex("p"), Ex("a"), Term::BlankNode("g3")}});
  auto view = store->Snapshot();
  for (const Term& t :
       {Ex("a"), Ex("p"), literal, Int("7"), Int("07"), Ex("g1"), Term::BlankNode("g3"), Term()}) {
    auto id = view->Lookup(t);
    ASSERT_TRUE(id.ok()) << t.ToNTriples() << " " << id.status();
    EXPECT_EQ(*view->Decode(*id), t);
  }
  EXPECT_TRUE(IsInline(*view->Lookup(Int("7"))));
  EXPECT_FALSE(IsInline(*view->Lookup(Int("07"))));  // not canonical: dictionary
  EXPECT_EQ(*view->Lookup(Term()), kDefaultGraphId);

  EXPECT_TRUE(absl::IsNotFound(view->Lookup(Ex("unknown")).status()));
  auto inline_id = view->Lookup(Int("12345"));  // inline: has an id though never stored
  ASSERT_TRUE(inline_id.ok());
  EXPECT_TRUE(absl::IsNotFound(view->Decode(*inline_id).status()));
  EXPECT_TRUE(absl::IsNotFound(view->Decode(kAnyId).status()));
  EXPECT_TRUE(absl::IsNotFound(view->Decode(999999).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(view->Lookup(Term::Iri("no scheme")).status()));

  // Named graphs come in id order.
  auto graphs = view->Graphs();
  ASSERT_TRUE(graphs.ok());
  std::vector<std::pair<TermId, Term>> expected;
  for (const Term& g : {Ex("g1"), Ex("g2"), Term::BlankNode("g3")}) {
    expected.emplace_back(*view->Lookup(g), g);
  }
  std::sort(expected.begin(), expected.end());
  ASSERT_EQ(graphs->size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ((*graphs)[i], expected[i].second);

  // Erasing a graph's last quad leaves it, empty; dropping it removes it.
  Commit(*store, {}, {{Ex("a"), Ex("p"), Int("7"), Ex("g1")}});
  EXPECT_EQ(store->Snapshot()->Graphs()->size(), 3u);
  EXPECT_EQ(store->Snapshot()->Count({std::nullopt, std::nullopt, std::nullopt, Ex("g1")}).value(),
            0u);
  auto txn = store->BeginWrite();
  ASSERT_TRUE(txn.ok());
  ASSERT_TRUE((*txn)->DropGraph(Ex("g1")).ok());
  ASSERT_TRUE((*txn)->CreateGraph(Ex("g4")).ok());
  ASSERT_TRUE((*txn)->Commit().ok());
  graphs = store->Snapshot()->Graphs();
  ASSERT_TRUE(graphs.ok());
  EXPECT_EQ(std::set<Term>(graphs->begin(), graphs->end()),
            (std::set<Term>{Ex("g2"), Term::BlankNode("g3"), Ex("g4")}));

  // A graph exists from its first quad, also one the same transaction
  // erases again; a drop after it wins.
  txn = store->BeginWrite();
  ASSERT_TRUE(txn.ok());
  for (const char* graph : {"g5", "g6"}) {
    ASSERT_TRUE((*txn)->Insert({Ex("a"), Ex("p"), Ex("b"), Ex(graph)}).ok());
    ASSERT_TRUE((*txn)->Erase({Ex("a"), Ex("p"), Ex("b"), Ex(graph)}).ok());
  }
  ASSERT_TRUE((*txn)->DropGraph(Ex("g6")).ok());
  ASSERT_TRUE((*txn)->Commit().ok());
  graphs = store->Snapshot()->Graphs();
  ASSERT_TRUE(graphs.ok());
  EXPECT_EQ(std::set<Term>(graphs->begin(), graphs->end()),
            (std::set<Term>{Ex("g2"), Term::BlankNode("g3"), Ex("g4"), Ex("g5")}));
}

TEST(StoreTest, UnknownTermsGiveEmptyResultsAndBadTermsErrors) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  Commit(*store, {{Ex("a"), Ex("p"), Ex("b"), Term()}});
  auto view = store->Snapshot();
  auto it = view->Scan(Pat(Ex("zzz")));
  ASSERT_TRUE(it.ok());
  EXPECT_FALSE((*it)->Valid());
  EXPECT_TRUE((*it)->status().ok());
  EXPECT_EQ(*view->Count(Pat({}, Ex("p"), {}, Ex("nograph"))), 0u);
  EXPECT_EQ(*view->Count(Pat(Term::Literal("a literal subject"))), 0u);
  EXPECT_TRUE(absl::IsInvalidArgument(view->Scan(Pat({}, {}, Term::Iri("http://a b"))).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(view->Count(Pat({}, {}, {}, Term::BlankNode(""))).status()));
}

TEST(StoreTest, IteratorsOutliveTheirView) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  Commit(*store, {{Ex("a"), Ex("p"), Ex("b"), Term()}, {Ex("a"), Ex("p"), Ex("c"), Term()}});
  std::unique_ptr<QuadIterator> it;
  std::unique_ptr<IdQuadIterator> ids;
  {
    auto view = store->Snapshot();
    it = *view->Scan(Pat(Ex("a")));
    ids = *view->ScanIds({});
  }
  Commit(*store, {}, {{Ex("a"), Ex("p"), Ex("b"), Term()}});
  int n = 0;
  for (; it->Valid(); it->Next()) ++n;
  EXPECT_EQ(n, 2);
  n = 0;
  for (; ids->Valid(); ids->Next()) ++n;
  EXPECT_EQ(n, 2);
}

TEST(StoreTest, ReopenKeepsDataStatisticsAndIds) {
  TempDir dir;
  TermId first_id = 0;
  std::set<Quad> quads = {{Ex("a"), Ex("p"), Ex("b"), Term()},
                          {Ex("a"), Ex("q"), Term::Literal("x"), Ex("g")}};
  {
    auto store = OpenOrDie(dir.path());
    Commit(*store, {quads.begin(), quads.end()});
    first_id = *store->Snapshot()->Lookup(Ex("a"));
  }
  auto store = OpenOrDie(dir.path());
  auto view = store->Snapshot();
  EXPECT_EQ(AllQuads(*view), quads);
  EXPECT_EQ(*view->Lookup(Ex("a")), first_id);
  EXPECT_EQ(testing::StoredStatistics(*view->GetStatistics()), testing::ModelStatistics(quads));
  TermId max_id = 0;
  for (const Term& t : {Ex("a"), Ex("p"), Ex("b"), Ex("q"), Term::Literal("x"), Ex("g")}) {
    max_id = std::max(max_id, *view->Lookup(t));
  }
  Commit(*store, {{Ex("new"), Ex("p"), Ex("b"), Term()}});
  EXPECT_EQ(*store->Snapshot()->Lookup(Ex("new")), max_id + 1);  // dense, never reused
}

TEST(StoreTest, BadInputIsRejectedAndNothingIsWritten) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  const Term p = Ex("p");
  const std::vector<std::pair<Quad, std::string>> bad = {
      {{Term::Iri("http://example.org/a b"), p, Ex("o"), Term()}, "subject"},
      {{Ex("s"), Term::Iri("http://example.org/<p>"), Ex("o"), Term()}, "predicate"},
      {{Ex("s"), p, Term::Iri("relative"), Term()}, "object"},
      {{Term::BlankNode("a b"), p, Ex("o"), Term()}, "subject"},
      {{Term::BlankNode("-x"), p, Ex("o"), Term()}, "subject"},
      {{Ex("s"), p, Term::LangLiteral("hi", "en_US"), Term()}, "object"},
      {{Ex("s"), p, Term::LangLiteral("hi", "-en"), Term()}, "object"},
      {{Ex("s"), p, Term::TypedLiteral("1", "not an iri"), Term()}, "object"},
      {{Ex("s"), p, Ex("o"), Term::Iri("http://example.org/g{1}")}, "graph"},
      {{Term::Literal("lit"), p, Ex("o"), Term()}, "subject"},
      {{Ex("s"), Term::BlankNode("p"), Ex("o"), Term()}, "predicate"},
      {{Ex("s"), p, Term(), Term()}, "object"},
      {{Ex("s"), p, Ex("o"), Term::Literal("g")}, "graph"},
      {{Term(), p, Ex("o"), Term()}, "subject"},
  };
  const Quad good{Ex("s"), p, Ex("o"), Term()};
  auto txn = store->BeginWrite();
  ASSERT_TRUE((*txn)->Insert(good).ok());
  for (const auto& [quad, position] : bad) {
    for (bool insert : {true, false}) {
      absl::Status status = insert ? (*txn)->Insert(quad) : (*txn)->Erase(quad);
      EXPECT_TRUE(absl::IsInvalidArgument(status)) << quad.ToNQuads() << " " << status;
      EXPECT_TRUE(Contains(status.message(), position)) << status;
    }
  }
  ASSERT_TRUE((*txn)->Commit().ok());
  auto view = store->Snapshot();
  EXPECT_EQ(AllQuads(*view), (std::set<Quad>{good}));
  EXPECT_EQ(view->GetStatistics()->predicates.size(), 1u);
  // The dictionary holds exactly the good quad's three terms.
  auto it = store->kv().NewIterator(KeyspaceOf(Family::kTerm2Id), nullptr);
  int terms = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++terms;
  EXPECT_EQ(terms, 3);
}

TEST(StoreTest, FailedCommitAppliesNothing) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  const Quad kept{Ex("a"), Ex("p"), Ex("b"), Term()};
  Commit(*store, {kept});
  // Leave one dictionary id: a commit needing two new terms must fail.
  KvWriteBatch batch = store->kv().NewWriteBatch();
  std::string last;
  AppendBigEndian64(kMaxDictionaryId, &last);
  batch.Put(KeyspaceOf(Family::kDefault), kMetaNextId, last);
  ASSERT_TRUE(store->kv().Write(batch, false).ok());

  auto txn = store->BeginWrite();
  ASSERT_TRUE((*txn)->Erase(kept).ok());
  ASSERT_TRUE((*txn)->Insert({Ex("new1"), Ex("p"), Ex("new2"), Term()}).ok());
  absl::Status status = (*txn)->Commit();
  EXPECT_TRUE(absl::IsResourceExhausted(status)) << status;
  txn->reset();

  auto view = store->Snapshot();
  EXPECT_EQ(AllQuads(*view), (std::set<Quad>{kept}));
  EXPECT_EQ(view->GetStatistics()->quads, 1u);
  EXPECT_TRUE(absl::IsNotFound(view->Lookup(Ex("new1")).status()));
  // One new term still fits.
  Commit(*store, {{Ex("new1"), Ex("p"), Ex("b"), Term()}});
  EXPECT_EQ(*store->Snapshot()->Lookup(Ex("new1")), kMaxDictionaryId);
}

TEST(StoreTest, OneWriterAtATime) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  auto first = store->BeginWrite();
  ASSERT_TRUE(first.ok());
  std::atomic<bool> second_started{false};
  std::thread other([&] {
    auto second = store->BeginWrite();
    second_started = true;
    ASSERT_TRUE((*second)->Insert({Ex("b"), Ex("p"), Ex("c"), Term()}).ok());
    ASSERT_TRUE((*second)->Commit().ok());
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(second_started.load());
  ASSERT_TRUE((*first)->Insert({Ex("a"), Ex("p"), Ex("b"), Term()}).ok());
  ASSERT_TRUE((*first)->Commit().ok());
  other.join();
  EXPECT_TRUE(second_started.load());
  EXPECT_EQ(*store->Snapshot()->Count({}), 2u);
}

// --- Open errors -------------------------------------------------------------

TEST(StoreOpenTest, MissingDatabase) {
  TempDir dir;
  Options options = TestOptions();
  options.create_if_missing = false;
  EXPECT_TRUE(absl::IsNotFound(Store::Open(dir.Sub("db"), options).status()));
  EXPECT_TRUE(absl::IsNotFound(Store::Open(dir.path(), options).status()));  // empty directory
  EXPECT_TRUE(Store::Open(dir.Sub("a/b/db"), TestOptions()).ok());           // creates parents
}

TEST(StoreOpenTest, ErrorIfExists) {
  TempDir dir;
  OpenOrDie(dir.path());
  Options options = TestOptions();
  options.error_if_exists = true;
  EXPECT_TRUE(absl::IsAlreadyExists(Store::Open(dir.path(), options).status()));
}

void ExpectNotParley(const absl::Status& status) {
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  EXPECT_TRUE(Contains(status.message(), "is not a Parley database")) << status;
}

TEST(StoreOpenTest, DirectoryWithOtherFilesIsNotAParleyDatabase) {
  TempDir dir;
  std::ofstream(dir.Sub("notes.txt")) << "hello";
  ExpectNotParley(Store::Open(dir.path(), TestOptions()).status());
  ExpectNotParley(Store::Open(dir.Sub("notes.txt"), TestOptions()).status());
  EXPECT_TRUE(std::filesystem::exists(dir.Sub("notes.txt")));
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("CURRENT")));
}

TEST(StoreOpenTest, RocksDbWithoutFormatVersionIsNotAParleyDatabase) {
  TempDir dir;
  {  // A foreign RocksDB with only the default column family.
    KvOptions options;
    options.create_if_missing = true;
    options.keyspaces = {{"default"}};
    auto kv = KvStore::Open(dir.Sub("plain"), options);
    ASSERT_TRUE(kv.ok());
    KvWriteBatch batch = (*kv)->NewWriteBatch();
    batch.Put(0, "some", "data");
    ASSERT_TRUE((*kv)->Write(batch, true).ok());
  }
  ExpectNotParley(Store::Open(dir.Sub("plain"), TestOptions()).status());
  {  // Our column families, but no format key.
    KvOptions options;
    options.create_if_missing = true;
    options.create_missing_keyspaces = true;
    options.keyspaces = StoreKeyspaces();
    ASSERT_TRUE(KvStore::Open(dir.Sub("families"), options).ok());
  }
  ExpectNotParley(Store::Open(dir.Sub("families"), TestOptions()).status());
}

TEST(StoreOpenTest, NewerFormatVersionIsRefused) {
  TempDir dir;
  OpenOrDie(dir.path());
  {
    KvOptions options;
    options.keyspaces = StoreKeyspaces();
    auto kv = KvStore::Open(dir.path(), options);
    ASSERT_TRUE(kv.ok()) << kv.status();
    KvWriteBatch batch = (*kv)->NewWriteBatch();
    batch.Put(KeyspaceOf(Family::kDefault), kMetaFormatVersion, std::to_string(kFormatVersion + 1));
    ASSERT_TRUE((*kv)->Write(batch, true).ok());
  }
  absl::Status status = Store::Open(dir.path(), TestOptions()).status();
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  EXPECT_TRUE(Contains(status.message(), "format version " + std::to_string(kFormatVersion + 1)))
      << status;
  EXPECT_TRUE(Contains(status.message(), "(" + std::to_string(kFormatVersion) + ")")) << status;
}

// A database as format version 1 wrote it: four permutations, none of the
// column families added since (with `psog`, one that has them all the same).
void MakeVersion1Database(const std::string& path, bool psog) {
  KvOptions options;
  options.create_if_missing = true;
  options.create_missing_keyspaces = true;
  for (const KeyspaceOptions& keyspace : StoreKeyspaces()) {
    const bool added_later =
        keyspace.name == FamilyName(Order::kPsog) || keyspace.name == FamilyName(Family::kGraphs);
    if (psog || !added_later) options.keyspaces.push_back(keyspace);
  }
  auto kv = KvStore::Open(path, options);
  ASSERT_TRUE(kv.ok()) << kv.status();
  KvWriteBatch batch = (*kv)->NewWriteBatch();
  batch.Put(KeyspaceOf(Family::kDefault), kMetaFormatVersion, "1");
  batch.Put(KeyspaceOf(Family::kDefault), kMetaNextId, BigEndian64(kDefaultGraphId + 1));
  batch.Put(KeyspaceOf(Family::kDefault), kMetaQuadCount, BigEndian64(0));
  ASSERT_TRUE((*kv)->Write(batch, true).ok());
}

void ExpectOlderVersionRefused(const absl::Status& status, const std::string& path) {
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  EXPECT_TRUE(Contains(status.message(), "has format version 1, older than")) << status;
  EXPECT_TRUE(Contains(status.message(), "(" + std::to_string(kFormatVersion) + ")")) << status;
  // What to do: export with the old version, load into a new database.
  EXPECT_TRUE(Contains(status.message(), "parley export " + path)) << status;
  EXPECT_TRUE(Contains(status.message(), "parley load")) << status;
  EXPECT_FALSE(Contains(status.message(), "not a Parley database")) << status;
}

TEST(StoreOpenTest, OlderFormatVersionIsRefusedWithWhatToDo) {
  static_assert(kFormatVersion == 3 && parley::kFormatVersion == kFormatVersion);
  TempDir dir;
  MakeVersion1Database(dir.path(), /*psog=*/false);
  ExpectOlderVersionRefused(Store::Open(dir.path(), TestOptions()).status(), dir.path());
  // Refusing changed nothing: no column family was added, and it is still
  // version 1 (so the old build can still open and export it).
  KvOptions look;
  look.read_only = true;
  look.keyspaces = {{"default"}};
  auto kv = KvStore::Open(dir.path(), look);
  ASSERT_TRUE(kv.ok()) << kv.status();
  const std::vector<std::string>& families = (*kv)->existing_keyspaces();
  EXPECT_EQ(families.size(), kFamilyCount - 2);
  EXPECT_EQ(std::count(families.begin(), families.end(), "psog"), 0);
  EXPECT_EQ(std::count(families.begin(), families.end(), "graphs"), 0);
  EXPECT_EQ(*(*kv)->Get(0, kMetaFormatVersion, nullptr), std::optional<std::string>("1"));
  kv->reset();

  // Also when it has every column family of this version.
  TempDir full;
  MakeVersion1Database(full.path(), /*psog=*/true);
  ExpectOlderVersionRefused(Store::Open(full.path(), TestOptions()).status(), full.path());
}

// This version's format key, but a column family missing: damaged, not of
// another version.
TEST(StoreOpenTest, MissingColumnFamilyOfThisVersionIsNotAParleyDatabase) {
  TempDir dir;
  {
    KvOptions partial;
    partial.create_if_missing = true;
    partial.create_missing_keyspaces = true;
    for (const KeyspaceOptions& keyspace : StoreKeyspaces()) {
      if (keyspace.name != "psog") partial.keyspaces.push_back(keyspace);
    }
    auto kv = KvStore::Open(dir.path(), partial);
    ASSERT_TRUE(kv.ok()) << kv.status();
    KvWriteBatch batch = (*kv)->NewWriteBatch();
    batch.Put(KeyspaceOf(Family::kDefault), kMetaFormatVersion, std::to_string(kFormatVersion));
    ASSERT_TRUE((*kv)->Write(batch, true).ok());
  }
  absl::Status status = Store::Open(dir.path(), TestOptions()).status();
  ExpectNotParley(status);
  EXPECT_TRUE(Contains(status.message(), "psog")) << status;
}

TEST(StoreOpenTest, InterruptedCreationIsFinished) {
  TempDir dir;
  {  // A crash after RocksDB created its files, before the format key.
    std::ofstream(dir.Sub("PARLEY-CREATING"));
    KvOptions options;
    options.create_if_missing = true;
    options.keyspaces = {{"default"}};
    ASSERT_TRUE(KvStore::Open(dir.path(), options).ok());
  }
  Options no_create = TestOptions();
  no_create.create_if_missing = false;
  EXPECT_TRUE(absl::IsNotFound(Store::Open(dir.path(), no_create).status()));
  auto store = OpenOrDie(dir.path());
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("PARLEY-CREATING")));
  Commit(*store, {{Ex("a"), Ex("p"), Ex("b"), Term()}});
  EXPECT_EQ(*store->Snapshot()->Count({}), 1u);
}

void ExpectInUse(const absl::Status& status) {
  EXPECT_TRUE(absl::IsUnavailable(status)) << status;
  EXPECT_TRUE(Contains(status.message(), "is in use by another process")) << status;
}

TEST(StoreOpenTest, SecondStoreInThisProcessIsUnavailable) {
  TempDir dir;
  auto first = OpenOrDie(dir.path());
  ExpectInUse(Store::Open(dir.path(), TestOptions()).status());
  first.reset();
  EXPECT_TRUE(Store::Open(dir.path(), TestOptions()).ok());
}

// Child mode of the next test: holds the store open until the parent closes
// its pipe.
TEST(HoldOpenChild, HoldOpen) {
  if (testing::ChildMode() != "hold-open") GTEST_SKIP() << "runs as a child process only";
  auto store = Store::Open(testing::ChildArg(), TestOptions());
  testing::TellParent(store.ok() ? "open" : std::string(store.status().message()));
  testing::WaitForParentEof();
}

TEST(StoreOpenTest, StoreHeldByAnotherProcessIsUnavailable) {
  TempDir dir;
  OpenOrDie(dir.path());  // created, then closed
  testing::ChildProcess child("HoldOpenChild.HoldOpen", "hold-open", dir.path());
  std::string line;
  ASSERT_TRUE(child.ReadLine(&line, 20000));
  ASSERT_EQ(line, "open");
  ExpectInUse(Store::Open(dir.path(), TestOptions()).status());
  child.CloseToChild();
  const int status = child.Wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_TRUE(Store::Open(dir.path(), TestOptions()).ok());
}

}  // namespace
}  // namespace parley::engine
