// Random update requests against a model of the store: after every request
// the quads, the named graphs and the statistics equal the model's. Most
// requests run with a tiny memory budget, so that a lone large DELETE WHERE
// or INSERT ... WHERE takes the path through files on disk.
#include <cstdio>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "parley/database.h"
#include "tests/support/engine_support.h"

namespace parley {
namespace {

using engine::testing::AllQuads;
using engine::testing::ModelStatistics;
using engine::testing::StoredStatistics;
using engine::testing::TempDir;

Term Ex(const std::string& name) { return Term::Iri("http://example.org/" + name); }

class UpdateModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Options options;
    options.sync_on_commit = false;
    auto db = Database::Open(dir_.Sub("db"), options);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
  }

  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  Term Subject() { return Ex("s" + std::to_string(Pick(6))); }
  Term Predicate() { return Ex("p" + std::to_string(Pick(3))); }
  Term Object() {
    return Pick(2) == 0 ? Ex("o" + std::to_string(Pick(5)))
                        : Term::TypedLiteral(std::to_string(Pick(5)),
                                             "http://www.w3.org/2001/XMLSchema#integer");
  }
  Term Graph() { return Pick(3) == 0 ? Term() : Ex("g" + std::to_string(Pick(3))); }

  static std::string Text(const Term& term) { return term.ToNTriples(); }
  static std::string InGraph(const Term& graph, const std::string& triples) {
    if (graph.is_default_graph()) return triples;
    return "GRAPH " + Text(graph) + " { " + triples + " }";
  }

  // One random operation, as text, applied to the model.
  std::string RandomOperation(std::set<Quad>* quads, std::set<Term>* graphs) {
    switch (Pick(7)) {
      case 0:
      case 1: {  // INSERT DATA
        std::string body;
        for (int i = 0, n = 1 + Pick(4); i < n; ++i) {
          Quad q{Subject(), Predicate(), Object(), Graph()};
          body += InGraph(q.graph,
                          Text(q.subject) + " " + Text(q.predicate) + " " + Text(q.object) + " .") +
                  " ";
          if (!q.graph.is_default_graph()) graphs->insert(q.graph);
          quads->insert(std::move(q));
        }
        return "INSERT DATA { " + body + "}";
      }
      case 2: {  // DELETE DATA
        Quad q{Subject(), Predicate(), Object(), Graph()};
        quads->erase(q);
        return "DELETE DATA { " +
               InGraph(q.graph,
                       Text(q.subject) + " " + Text(q.predicate) + " " + Text(q.object) + " .") +
               " }";
      }
      case 3: {  // DELETE WHERE on one subject and predicate
        const Term s = Subject(), p = Predicate(), g = Graph();
        std::erase_if(*quads, [&](const Quad& q) {
          return q.subject == s && q.predicate == p && q.graph == g;
        });
        return "DELETE WHERE { " + InGraph(g, Text(s) + " " + Text(p) + " ?o .") + " }";
      }
      case 4: {  // copy one predicate to another, in the default graph
        const Term from = Predicate(), to = Predicate();
        std::vector<Quad> added;
        for (const Quad& q : *quads) {
          if (q.predicate == from && q.graph.is_default_graph()) {
            added.push_back({q.subject, to, q.object, Term()});
          }
        }
        quads->insert(added.begin(), added.end());
        return "INSERT { ?s " + Text(to) + " ?o } WHERE { ?s " + Text(from) + " ?o }";
      }
      case 5: {  // DELETE WHERE on one predicate in every named graph
        const Term p = Predicate();
        std::erase_if(
            *quads, [&](const Quad& q) { return q.predicate == p && !q.graph.is_default_graph(); });
        return "DELETE WHERE { GRAPH ?g { ?s " + Text(p) + " ?o } }";
      }
      default: {  // graph management
        const Term g = Ex("g" + std::to_string(Pick(3)));
        if (Pick(2) == 0) {
          std::erase_if(*quads, [&](const Quad& q) { return q.graph == g; });
          graphs->erase(g);
          return "DROP SILENT GRAPH " + Text(g);
        }
        graphs->insert(g);
        return "CREATE SILENT GRAPH " + Text(g);
      }
    }
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
  std::mt19937 rng_{20261202};
};

TEST_F(UpdateModelTest, QuadsGraphsAndStatisticsFollowRandomRequests) {
  std::set<Quad> quads;
  // The graph the failing requests try to create again.
  ASSERT_TRUE(db_->Update("CREATE GRAPH <http://example.org/always>", {}).ok());
  std::set<Term> graphs{Ex("always")};
  int on_disk_requests = 0;
  for (int request = 0; request < 300; ++request) {
    std::set<Quad> next_quads = quads;
    std::set<Term> next_graphs = graphs;
    std::string text;
    for (int i = 0, n = 1 + Pick(3); i < n; ++i) {
      if (i > 0) text += " ;\n";
      text += RandomOperation(&next_quads, &next_graphs);
    }
    const bool fail = Pick(10) == 0;  // a failing last operation undoes all
    if (fail) text += " ;\nCREATE GRAPH <http://example.org/always>";
    // Three requests in four may hold 2 quads in memory: a single large
    // DELETE WHERE or INSERT ... WHERE then goes through files on disk.
    UpdateOptions options;
    if (Pick(4) != 0) options.memory_budget_bytes = 2 * 4096;
    bool on_disk = false;
    options.progress = [&on_disk](const UpdateOptions::Progress&) { on_disk = true; };
    auto summary = db_->Update(text, options);
    on_disk_requests += on_disk ? 1 : 0;
    if (fail) {
      ASSERT_FALSE(summary.ok()) << text;
    } else {
      ASSERT_TRUE(summary.ok()) << summary.status() << "\n" << text;
      quads = std::move(next_quads);
      graphs = std::move(next_graphs);
    }
    auto view = db_->Snapshot();
    ASSERT_EQ(AllQuads(*view), quads) << "after\n" << text;
    auto listed = view->Graphs();
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(std::set<Term>(listed->begin(), listed->end()), graphs) << "after\n" << text;
    auto statistics = view->GetStatistics();
    ASSERT_TRUE(statistics.ok());
    EXPECT_EQ(statistics->quads, quads.size());
    ASSERT_EQ(StoredStatistics(*statistics), ModelStatistics(quads)) << "after\n" << text;
  }
  EXPECT_GT(on_disk_requests, 5);
  std::printf("%d of 300 requests went through files on disk\n", on_disk_requests);
}

}  // namespace
}  // namespace parley
