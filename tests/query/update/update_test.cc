// SPARQL 1.1 Update through parley::Database::Update: every operation and
// its SILENT form, atomicity of a request, fresh blank nodes, and LOAD's
// sandbox.
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "parley/database.h"
#include "tests/support/engine_support.h"

namespace parley {
namespace {

using engine::testing::TempDir;

bool Contains(const absl::Status& status, std::string_view part) {
  return std::string(status.message()).find(part) != std::string::npos;
}

Term Ex(const std::string& name) { return Term::Iri("http://example.org/" + name); }

constexpr char kPrefix[] = "PREFIX : <http://example.org/>\n";

class UpdateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Options options;
    options.sync_on_commit = false;
    auto db = Database::Open(dir_.Sub("db"), options);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    options_.load_directories = {dir_.Sub("files")};
    std::filesystem::create_directories(dir_.Sub("files"));
  }

  absl::StatusOr<UpdateSummary> Update(const std::string& text) {
    return db_->Update(kPrefix + text, options_);
  }
  void MustUpdate(const std::string& text) {
    absl::StatusOr<UpdateSummary> summary = Update(text);
    ASSERT_TRUE(summary.ok()) << summary.status() << "\n" << text;
  }

  // Every quad, as N-Quads lines.
  std::set<std::string> Quads() {
    std::set<std::string> lines;
    auto view = db_->Snapshot();
    auto it = view->Scan(QuadPattern{});
    EXPECT_TRUE(it.ok());
    for (; (*it)->Valid(); (*it)->Next()) lines.insert((*it)->quad().ToNQuads());
    return lines;
  }
  std::set<Term> Graphs() {
    auto graphs = db_->Snapshot()->Graphs();
    EXPECT_TRUE(graphs.ok());
    return {graphs->begin(), graphs->end()};
  }
  std::string Line(const std::string& s, const std::string& p, const std::string& o,
                   const std::string& g = "") {
    Quad quad{Ex(s), Ex(p), Ex(o), g.empty() ? Term() : Ex(g)};
    return quad.ToNQuads();
  }
  void WriteFile(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

  TempDir dir_;
  std::unique_ptr<Database> db_;
  UpdateOptions options_;
};

TEST_F(UpdateTest, InsertDataAndDeleteDataReportWhatChanged) {
  auto summary = Update("INSERT DATA { :a :p :b . :a :p :c . GRAPH :g { :a :p :b } }");
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->operations, 1u);
  EXPECT_EQ(summary->quads_inserted, 3u);
  EXPECT_EQ(summary->quads_deleted, 0u);
  summary = Update("DELETE DATA { :a :p :b . :a :p :zzz } ; INSERT DATA { :a :p :b }");
  ASSERT_TRUE(summary.ok()) << summary.status();
  // Deleted, then inserted again: no change to report.
  EXPECT_EQ(summary->quads_inserted, 0u);
  EXPECT_EQ(summary->quads_deleted, 0u);
  EXPECT_EQ(Quads(), (std::set<std::string>{Line("a", "p", "b"), Line("a", "p", "c"),
                                            Line("a", "p", "b", "g")}));
}

TEST_F(UpdateTest, ModifyEvaluatesWhereBeforeChangingAnything) {
  MustUpdate("INSERT DATA { :a :next :b . :b :next :c }");
  // Every ?x :next ?y becomes ?y :next ?x at once (a "Halloween" test).
  MustUpdate("DELETE { ?x :next ?y } INSERT { ?y :next ?x } WHERE { ?x :next ?y }");
  EXPECT_EQ(Quads(), (std::set<std::string>{Line("b", "next", "a"), Line("c", "next", "b")}));
  // A later operation of the request sees the earlier one's changes.
  MustUpdate("INSERT DATA { :c :next :d } ; DELETE WHERE { :c :next ?any }");
  EXPECT_EQ(Quads(), (std::set<std::string>{Line("b", "next", "a")}));
}

TEST_F(UpdateTest, WithAndUsingChooseTheGraphs) {
  MustUpdate("INSERT DATA { GRAPH :g1 { :a :p :b } GRAPH :g2 { :c :p :d } :e :p :f }");
  // WITH: the WHERE's default graph and the templates' graph.
  MustUpdate("WITH :g1 DELETE { ?s :p ?o } INSERT { ?o :q ?s } WHERE { ?s :p ?o }");
  // USING: the WHERE reads g2; the template writes the default graph.
  MustUpdate("INSERT { ?s :r ?o } USING :g2 WHERE { ?s :p ?o }");
  EXPECT_EQ(Quads(), (std::set<std::string>{Line("b", "q", "a", "g1"), Line("c", "p", "d", "g2"),
                                            Line("e", "p", "f"), Line("c", "r", "d")}));
}

TEST_F(UpdateTest, BlankNodesAreFreshPerRequestAndPerSolution) {
  MustUpdate("INSERT DATA { :a :p _:x . :b :p _:x }");
  MustUpdate("INSERT DATA { :c :p _:x }");
  auto result = db_->Query(std::string(kPrefix) +
                               "SELECT (COUNT(DISTINCT ?o) AS ?n) "
                               "{ ?s :p ?o }",
                           QueryOptions());
  ASSERT_TRUE(result.ok()) << result.status();
  std::vector<std::optional<Term>> row;
  ASSERT_TRUE(*(*result)->NextRow(&row));
  EXPECT_EQ(row[0]->value(), "2");  // _:x of the first request twice, another
  // Per solution: each ?s gets its own node.
  MustUpdate("INSERT { ?s :q [] } WHERE { ?s :p ?o }");
  result = db_->Query(std::string(kPrefix) + "SELECT (COUNT(DISTINCT ?o) AS ?n) { ?s :q ?o }",
                      QueryOptions());
  ASSERT_TRUE(result.ok());
  ASSERT_TRUE(*(*result)->NextRow(&row));
  EXPECT_EQ(row[0]->value(), "3");
}

TEST_F(UpdateTest, GraphManagementFollowsTheSpecification) {
  MustUpdate("CREATE GRAPH :empty");
  EXPECT_EQ(Graphs(), (std::set<Term>{Ex("empty")}));
  auto again = Update("CREATE GRAPH :empty");
  EXPECT_TRUE(absl::IsAlreadyExists(again.status())) << again.status();
  EXPECT_TRUE(Contains(again.status(), "update operation 1 (CREATE)"));
  MustUpdate("CREATE SILENT GRAPH :empty");
  EXPECT_TRUE(absl::IsNotFound(Update("DROP GRAPH :missing").status()));
  EXPECT_TRUE(absl::IsNotFound(Update("CLEAR GRAPH :missing").status()));
  MustUpdate("DROP SILENT GRAPH :missing ; CLEAR SILENT GRAPH :missing");

  MustUpdate("INSERT DATA { :a :p :b . GRAPH :g1 { :c :p :d } GRAPH :g2 { :e :p :f } }");
  MustUpdate("CLEAR GRAPH :g1");  // emptied, kept
  EXPECT_EQ(Graphs(), (std::set<Term>{Ex("empty"), Ex("g1"), Ex("g2")}));
  MustUpdate("DROP GRAPH :g1");
  EXPECT_EQ(Graphs(), (std::set<Term>{Ex("empty"), Ex("g2")}));
  MustUpdate("CLEAR DEFAULT");
  EXPECT_EQ(Quads(), (std::set<std::string>{Line("e", "p", "f", "g2")}));
  MustUpdate("INSERT DATA { :a :p :b }");
  MustUpdate("DROP NAMED");
  EXPECT_EQ(Graphs(), std::set<Term>{});
  EXPECT_EQ(Quads(), (std::set<std::string>{Line("a", "p", "b")}));
  MustUpdate("INSERT DATA { GRAPH :g { :c :p :d } } ; DROP ALL");
  EXPECT_EQ(Graphs(), std::set<Term>{});
  EXPECT_EQ(Quads(), std::set<std::string>{});
}

TEST_F(UpdateTest, AddMoveAndCopy) {
  MustUpdate("INSERT DATA { :a :p :b . GRAPH :g1 { :c :p :d } GRAPH :g2 { :e :p :f } }");
  MustUpdate("ADD DEFAULT TO :g1");
  EXPECT_EQ(Quads(), (std::set<std::string>{Line("a", "p", "b"), Line("a", "p", "b", "g1"),
                                            Line("c", "p", "d", "g1"), Line("e", "p", "f", "g2")}));
  MustUpdate("COPY :g2 TO :g1");  // replaces g1
  EXPECT_EQ(Quads(), (std::set<std::string>{Line("a", "p", "b"), Line("e", "p", "f", "g1"),
                                            Line("e", "p", "f", "g2")}));
  MustUpdate("MOVE :g1 TO :g3");
  EXPECT_EQ(Graphs(), (std::set<Term>{Ex("g2"), Ex("g3")}));
  MustUpdate("MOVE :g3 TO :g3");  // to itself: nothing
  EXPECT_TRUE(absl::IsNotFound(Update("COPY :nothing TO :g2").status()));
  MustUpdate("COPY SILENT :nothing TO :g2");
  MustUpdate("COPY :g2 TO DEFAULT");
  EXPECT_EQ(Quads(), (std::set<std::string>{Line("e", "p", "f"), Line("e", "p", "f", "g2"),
                                            Line("e", "p", "f", "g3")}));
  // Copying an empty graph creates the destination, empty.
  MustUpdate("CREATE GRAPH :empty ; COPY :empty TO :g4");
  EXPECT_TRUE(Graphs().contains(Ex("g4")));
}

TEST_F(UpdateTest, AFailingOperationLeavesTheWholeRequestUnapplied) {
  MustUpdate("INSERT DATA { :keep :p :me }");
  const std::set<std::string> before = Quads();
  auto failed = Update(
      "INSERT DATA { :a :p :b } ; DELETE WHERE { :keep ?p ?o } ; CREATE GRAPH :g ;"
      "CREATE GRAPH :g");
  EXPECT_TRUE(absl::IsAlreadyExists(failed.status())) << failed.status();
  EXPECT_TRUE(Contains(failed.status(), "update operation 4 (CREATE)"));
  EXPECT_EQ(Quads(), before);
  EXPECT_EQ(Graphs(), std::set<Term>{});
  // A syntax error anywhere applies nothing either.
  auto syntax = Update("INSERT DATA { :a :p :b } ; DELET DATA { :keep :p :me }");
  EXPECT_TRUE(absl::IsInvalidArgument(syntax.status())) << syntax.status();
  EXPECT_EQ(Quads(), before);
  // And the database still takes writes: the lock was released.
  MustUpdate("INSERT DATA { :a :p :b }");
}

TEST_F(UpdateTest, LiteralSubjectInInsertDataIsAnError) {
  auto status = Update("INSERT DATA { \"text\" :p :o }").status();
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  EXPECT_EQ(Quads(), std::set<std::string>{});
  // In a template, such a triple is left out (the spec's rule).
  MustUpdate("INSERT DATA { :a :p \"lit\" }");
  MustUpdate("INSERT { ?o :p :x } WHERE { :a :p ?o }");
  EXPECT_EQ(Quads().size(), 1u);
}

TEST_F(UpdateTest, LoadReadsAllowedLocalFilesOnly) {
  const std::string data = dir_.Sub("files/data.ttl");
  WriteFile(data, "@prefix : <http://example.org/> . :a :p :b , [ :q :c ] .\n");
  const std::string iri = "file://" + data;
  auto summary = Update("LOAD <" + iri + "> INTO GRAPH :g");
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->quads_inserted, 3u);
  MustUpdate("LOAD <" + iri + ">");
  EXPECT_EQ(Quads().size(), 6u);

  // Outside the allowed directory, through "..", or through a symlink.
  const std::string outside = dir_.Sub("outside.ttl");
  WriteFile(outside, "<http://example.org/x> <http://example.org/p> <http://example.org/y> .\n");
  std::filesystem::create_symlink(outside, dir_.Sub("files/link.ttl"));
  for (const std::string& refused :
       {"file://" + outside, "file://" + dir_.Sub("files/../outside.ttl"),
        "file://" + dir_.Sub("files/link.ttl")}) {
    auto status = Update("LOAD <" + refused + ">").status();
    EXPECT_TRUE(absl::IsPermissionDenied(status)) << refused << ": " << status;
  }
  for (std::string_view remote :
       {"http://example.org/data.ttl", "ftp://host/x.nt", "file://otherhost/etc/passwd"}) {
    auto status = Update("LOAD <" + std::string(remote) + ">").status();
    EXPECT_TRUE(absl::IsInvalidArgument(status)) << remote << ": " << status;
    EXPECT_TRUE(Contains(status, "local files only")) << status;
  }
  EXPECT_TRUE(absl::IsNotFound(Update("LOAD <file://" + dir_.Sub("files/none.nt") + ">").status()));
  // A malformed file: positioned error, nothing loaded; SILENT: no error.
  WriteFile(dir_.Sub("files/bad.nt"), "<http://example.org/a> <http://example.org/p> .\n");
  auto bad = Update("INSERT DATA { :z :z :z } ; LOAD <file://" + dir_.Sub("files/bad.nt") + ">");
  EXPECT_TRUE(absl::IsInvalidArgument(bad.status())) << bad.status();
  EXPECT_TRUE(Contains(bad.status(), "bad.nt:1:")) << bad.status();
  EXPECT_EQ(Quads().size(), 6u);
  MustUpdate("LOAD SILENT <file://" + dir_.Sub("files/bad.nt") + "> ; LOAD SILENT <http://x/>");
  EXPECT_EQ(Quads().size(), 6u);
  // No directory allowed: every LOAD is refused.
  options_.load_directories.clear();
  EXPECT_TRUE(absl::IsPermissionDenied(Update("LOAD <" + iri + ">").status()));
}

}  // namespace
}  // namespace parley
