// A DELETE or an INSERT past the memory limit
// (UpdateOptions::memory_budget_bytes) goes through files on disk: the same
// quads, statistics and graphs afterwards as the same request held in
// memory, with progress reported; stored blank nodes keep their identity
// and template blank nodes are fresh; requests that cannot take that path
// (DELETE and INSERT together, several operations, strict mode) still work
// in memory; cancellation leaves the database as it was.
#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "parley/database.h"
#include "parley/validation.h"
#include "tests/support/engine_support.h"

namespace parley {
namespace {

using engine::testing::TempDir;
using Phase = UpdateOptions::Progress::Phase;

constexpr char kPrefix[] = "PREFIX : <http://example.org/>\n";
constexpr uint64_t kSmallBudget = 64 << 10;  // 16 quads held in memory

std::unique_ptr<Database> OpenWithData(const std::string& path) {
  Options options;
  options.sync_on_commit = false;
  auto db = Database::Open(path, options);
  EXPECT_TRUE(db.ok()) << db.status();
  auto txn = (*db)->BeginWrite();
  EXPECT_TRUE(txn.ok());
  auto ex = [](const std::string& name) { return Term::Iri("http://example.org/" + name); };
  for (int i = 0; i < 3000; ++i) {
    // Some subjects are blank nodes, which inserts must keep apart.
    const Term subject = i % 50 == 0 ? Term::BlankNode("b" + std::to_string(i % 200))
                                     : ex("s" + std::to_string(i % 700));
    const Term graph = i % 3 == 0 ? Term() : ex("g" + std::to_string(i % 4));
    const Term predicate = ex("p" + std::to_string(i % 5));
    const Term object = i % 2 == 0 ? Term::Literal("v" + std::to_string(i % 40))
                                   : ex("s" + std::to_string((i * 7) % 700));
    EXPECT_TRUE((*txn)->Insert({subject, predicate, object, graph}).ok());
  }
  EXPECT_TRUE((*txn)->Commit().ok());
  return *std::move(db);
}

struct State {
  std::set<std::string> quads;
  std::map<std::string, std::vector<uint64_t>> predicates;
  std::set<Term> graphs;
  bool operator==(const State&) const = default;
};

State StateOf(Database& db) {
  State state;
  auto view = db.Snapshot();
  auto it = view->Scan(QuadPattern{});
  EXPECT_TRUE(it.ok());
  for (; (*it)->Valid(); (*it)->Next()) state.quads.insert((*it)->quad().ToNQuads());
  auto statistics = view->GetStatistics();
  EXPECT_TRUE(statistics.ok());
  EXPECT_EQ(statistics->quads, state.quads.size());
  for (const auto& predicate : statistics->predicates) {
    state.predicates[predicate.predicate.ToNTriples()] = {
        predicate.quads, predicate.distinct_subjects, predicate.distinct_objects};
  }
  auto graphs = view->Graphs();
  EXPECT_TRUE(graphs.ok());
  state.graphs = {graphs->begin(), graphs->end()};
  return state;
}

class LargeChangeTest : public ::testing::Test {
 protected:
  // Runs `text` on a database with the small budget and on a twin with the
  // default one, expects the same summary and state, and returns the
  // phases the small one reported.
  std::vector<Phase> ExpectSameAsInMemory(
      const std::string& text,
      UpdateOptions::Progress::Change change = UpdateOptions::Progress::Change::kDelete) {
    auto small = OpenWithData(dir_.Sub("small"));
    auto twin = OpenWithData(dir_.Sub("twin"));
    std::vector<Phase> phases;
    UpdateOptions options;
    options.memory_budget_bytes = kSmallBudget;
    options.progress = [&](const UpdateOptions::Progress& p) {
      EXPECT_EQ(p.change, change);
      phases.push_back(p.phase);
    };
    auto on_disk = small->Update(kPrefix + text, options);
    bool twin_progress = false;
    UpdateOptions default_options;
    default_options.progress = [&](const UpdateOptions::Progress&) { twin_progress = true; };
    auto in_memory = twin->Update(kPrefix + text, default_options);
    EXPECT_TRUE(on_disk.ok()) << on_disk.status() << "\n" << text;
    EXPECT_TRUE(in_memory.ok()) << in_memory.status() << "\n" << text;
    EXPECT_FALSE(twin_progress);
    if (on_disk.ok() && in_memory.ok()) {
      EXPECT_EQ(on_disk->quads_deleted, in_memory->quads_deleted) << text;
      EXPECT_EQ(on_disk->quads_inserted, in_memory->quads_inserted) << text;
      EXPECT_GT(on_disk->quads_deleted + on_disk->quads_inserted, 0u) << text;
    }
    EXPECT_TRUE(StateOf(*small) == StateOf(*twin)) << text;
    auto integrity = small->CheckIntegrity();
    EXPECT_TRUE(integrity.ok()) << integrity.status();
    EXPECT_TRUE(integrity.ok() && integrity->ok());
    EXPECT_TRUE(small->Close().ok());
    EXPECT_TRUE(twin->Close().ok());
    std::filesystem::remove_all(dir_.Sub("small"));
    std::filesystem::remove_all(dir_.Sub("twin"));
    return phases;
  }

  TempDir dir_;
};

const std::vector<Phase> kOnDisk = {Phase::kCollect, Phase::kSort, Phase::kWrite, Phase::kIngest};

TEST_F(LargeChangeTest, DeleteWhereGoesThroughFilesOnDisk) {
  EXPECT_EQ(ExpectSameAsInMemory("DELETE WHERE { ?s :p1 ?o }"), kOnDisk);
  // Every graph, emptying some named graphs (they stay, as in memory).
  EXPECT_EQ(ExpectSameAsInMemory("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }"), kOnDisk);
  EXPECT_EQ(ExpectSameAsInMemory("DELETE WHERE { ?s ?p ?o }"), kOnDisk);
}

TEST_F(LargeChangeTest, DeleteTemplatesGoThroughFilesOnDisk) {
  // Constants, a template quad that is not stored for most solutions, one
  // whose constant the store lacks, a FILTER, and WITH.
  EXPECT_EQ(ExpectSameAsInMemory("DELETE { ?s :p2 ?o . ?o :p3 ?s . ?s :nowhere ?o . "
                                 "GRAPH :g1 { ?s :p2 ?o } } "
                                 "WHERE { { ?s :p2 ?o } UNION { GRAPH ?g { ?s :p2 ?o } } "
                                 "FILTER(!isLiteral(?o) || STR(?o) != \"v4\") }"),
            kOnDisk);
  EXPECT_EQ(ExpectSameAsInMemory("WITH :g2 DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"), kOnDisk);
}

TEST_F(LargeChangeTest, InsertWhereGoesThroughFilesOnDisk) {
  constexpr auto kInsert = UpdateOptions::Progress::Change::kInsert;
  // Quads partly stored already (counted once), stored blank nodes bound by
  // the WHERE (the same nodes afterwards), a new named graph, literals.
  EXPECT_EQ(ExpectSameAsInMemory("INSERT { ?s :p2 ?o . ?s :copy ?o } WHERE { ?s :p1 ?o }", kInsert),
            kOnDisk);
  EXPECT_EQ(ExpectSameAsInMemory("INSERT { GRAPH :new { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } "
                                 "FILTER(?g != :g1) }",
                                 kInsert),
            kOnDisk);
}

TEST_F(LargeChangeTest, InsertedTemplateBlankNodesAreFreshPerSolution) {
  auto db = OpenWithData(dir_.Sub("blanks"));
  UpdateOptions options;
  options.memory_budget_bytes = kSmallBudget;
  std::vector<Phase> phases;
  options.progress = [&phases](const UpdateOptions::Progress& p) { phases.push_back(p.phase); };
  auto summary = db->Update(
      std::string(kPrefix) + "INSERT { ?s :has _:n . _:n :value ?o } WHERE { ?s :p1 ?o }", options);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(phases, kOnDisk);
  QueryOptions query;
  auto count = [&](const std::string& text) -> uint64_t {
    auto result = db->Query(std::string(kPrefix) + text, query);
    EXPECT_TRUE(result.ok()) << result.status();
    std::vector<std::optional<Term>> row;
    EXPECT_TRUE((*result)->NextRow(&row).ok());
    return std::stoull(row[0]->value());
  };
  const uint64_t solutions = count("SELECT (COUNT(*) AS ?n) WHERE { ?s :p1 ?o }");
  EXPECT_GT(solutions, 16u);
  EXPECT_EQ(summary->quads_inserted, 2 * solutions);
  // One fresh node per solution, none of them a stored one.
  EXPECT_EQ(count("SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE { ?s :has ?n FILTER(isBlank(?n)) }"),
            solutions);
  EXPECT_EQ(count("SELECT (COUNT(*) AS ?c) WHERE { ?s :p1 ?o . ?s :has ?n . ?n :value ?o }"),
            solutions);
  EXPECT_EQ(count("SELECT (COUNT(*) AS ?c) WHERE { ?n :value ?o . ?n ?p ?x FILTER(?p != :value) }"),
            0u);
}

TEST_F(LargeChangeTest, OtherRequestsStayInMemory) {
  EXPECT_TRUE(ExpectSameAsInMemory("DELETE { ?s :p1 ?o } INSERT { ?o :back ?s } "
                                   "WHERE { ?s :p1 ?o FILTER(!isLiteral(?o)) }")
                  .empty());
  EXPECT_TRUE(
      ExpectSameAsInMemory("INSERT DATA { :x :y :z } ; DELETE WHERE { ?s :p1 ?o }").empty());
  EXPECT_TRUE(
      ExpectSameAsInMemory("DELETE WHERE { ?s :p1 ?o } ; DELETE WHERE { ?s :p2 ?o }").empty());
  // Few enough quads for memory.
  EXPECT_TRUE(ExpectSameAsInMemory("DELETE WHERE { :s1 ?p ?o }").empty());
}

TEST_F(LargeChangeTest, StrictModeKeepsEveryChangeInTheTransaction) {
  auto db = OpenWithData(dir_.Sub("strict"));
  auto shapes = Shapes::FromTurtle("@prefix sh: <http://www.w3.org/ns/shacl#> .\n");
  ASSERT_TRUE(shapes.ok()) << shapes.status();
  db->SetStrictShapes(*shapes);
  auto p1 =
      db->Snapshot()->Count({.predicate = Term::Iri("http://example.org/p1"), .graph = Term()});
  ASSERT_TRUE(p1.ok());
  UpdateOptions options;
  options.memory_budget_bytes = kSmallBudget;
  bool progress = false;
  options.progress = [&progress](const UpdateOptions::Progress&) { progress = true; };
  auto summary = db->Update(std::string(kPrefix) + "DELETE WHERE { ?s :p1 ?o }", options);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->quads_deleted, *p1);
  EXPECT_GT(*p1, 16u);
  EXPECT_FALSE(progress);
}

TEST_F(LargeChangeTest, CancelledLeavesTheDatabaseAsItWas) {
  for (const char* request : {"DELETE WHERE { ?s ?p ?o }",
                              "INSERT { ?o :back ?s } WHERE { ?s ?p ?o FILTER(!isLiteral(?o)) }"})
    for (Phase cancel_at : kOnDisk) {
      auto db = OpenWithData(dir_.Sub("cancel"));
      const State before = StateOf(*db);
      std::atomic<bool> cancel{false};
      UpdateOptions options;
      options.memory_budget_bytes = kSmallBudget;
      options.cancel = &cancel;
      options.progress = [&](const UpdateOptions::Progress& p) {
        if (p.phase == cancel_at) cancel = true;
      };
      auto summary = db->Update(std::string(kPrefix) + request, options);
      EXPECT_EQ(summary.status().code(), absl::StatusCode::kCancelled)
          << request << " " << static_cast<int>(cancel_at) << ": " << summary.status();
      // Named like any operation's error, also when the commit on disk fails.
      EXPECT_TRUE(
          absl::StartsWith(summary.status().message(), "update operation 1 (DELETE/INSERT)"))
          << summary.status();
      EXPECT_TRUE(StateOf(*db) == before);
      EXPECT_TRUE(db->Close().ok());
      for (const auto& entry : std::filesystem::directory_iterator(dir_.Sub("cancel"))) {
        EXPECT_NE(entry.path().filename().string().rfind("load-tmp-", 0), 0u) << entry.path();
      }
      std::filesystem::remove_all(dir_.Sub("cancel"));
    }
}

// A request held in memory past Options::max_transaction_bytes fails and
// changes nothing; a lone large DELETE WHERE goes to disk instead and is not
// held to that limit.
TEST_F(LargeChangeTest, TransactionLimitStopsRequestsHeldInMemory) {
  Options options;
  options.sync_on_commit = false;
  options.max_transaction_bytes = 256 << 10;
  auto db = Database::Open(dir_.Sub("limited"), options);
  ASSERT_TRUE(db.ok()) << db.status();
  auto txn = (*db)->BeginWrite();
  ASSERT_TRUE(txn.ok());
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE((*txn)
                    ->Insert({Term::Iri("http://example.org/s" + std::to_string(i)),
                              Term::Iri("http://example.org/p1"), Term::Literal("v"), Term()})
                    .ok());
  }
  ASSERT_TRUE((*txn)->Commit().ok());
  const State before = StateOf(**db);
  UpdateOptions small;
  small.memory_budget_bytes = kSmallBudget;
  auto held = (*db)->Update(std::string(kPrefix) +
                                "INSERT { ?s :p2 ?o } WHERE { ?s :p1 ?o } ; "
                                "INSERT { ?s :p3 ?o } WHERE { ?s :p1 ?o }",
                            small);
  EXPECT_EQ(held.status().code(), absl::StatusCode::kResourceExhausted) << held.status();
  EXPECT_NE(held.status().message().find("update operation 2"), std::string::npos) << held.status();
  EXPECT_TRUE(StateOf(**db) == before);
  auto on_disk = (*db)->Update(std::string(kPrefix) + "DELETE WHERE { ?s :p1 ?o }", small);
  ASSERT_TRUE(on_disk.ok()) << on_disk.status();
  EXPECT_EQ(on_disk->quads_deleted, 200u);
}

}  // namespace
}  // namespace parley
