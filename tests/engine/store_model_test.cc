// engine::Store against a brute-force in-memory model on random data: every
// pattern shape, and statistics after random insert/erase transactions.
#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/graph_set.h"
#include "engine/layout/key_layout.h"
#include "engine/quad_scan.h"
#include "engine/statistics.h"
#include "engine/store.h"
#include "gtest/gtest.h"
#include "tests/engine/permutation_check.h"
#include "tests/support/engine_support.h"

namespace parley::engine {
namespace {

using testing::AllQuads;
using testing::ModelStatistics;
using testing::StoredStatistics;
using testing::TempDir;

const std::string kEx = "http://example.org/";

// Small pools, so that random quads collide often: re-inserts, erases of
// present quads, subjects and objects shared across predicates and graphs.
struct Pools {
  std::vector<Term> subjects, predicates, objects, graphs;
  Pools() {
    for (int i = 0; i < 6; ++i) subjects.push_back(Term::Iri(kEx + "s" + std::to_string(i)));
    subjects.push_back(Term::BlankNode("b0"));
    subjects.push_back(Term::BlankNode("b1"));
    for (int i = 0; i < 4; ++i) predicates.push_back(Term::Iri(kEx + "p" + std::to_string(i)));
    objects = subjects;
    const std::string xsd(kXsd);
    for (const Term& t :
         {Term::Literal("x"), Term::Literal(""), Term::LangLiteral("hi", "en"),
          Term::LangLiteral("hi", "en-GB"), Term::TypedLiteral("5", xsd + "integer"),
          Term::TypedLiteral("05", xsd + "integer"), Term::TypedLiteral("-3", xsd + "integer"),
          Term::TypedLiteral("true", xsd + "boolean"), Term::TypedLiteral("2.5", xsd + "decimal"),
          Term::TypedLiteral("2019-03-01", xsd + "date")}) {
      objects.push_back(t);
    }
    graphs = {Term(), Term::Iri(kEx + "g0"), Term::Iri(kEx + "g1"), Term::BlankNode("gb")};
  }
};

class StoreModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Options options;
    options.sync_on_commit = false;
    options.block_cache_bytes = 4 << 20;
    auto store = Store::Open(dir_.path(), options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng_)];
  }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  Quad RandomQuad() {
    return {Pick(pools_.subjects), Pick(pools_.predicates), Pick(pools_.objects),
            Pick(pools_.graphs)};
  }
  Quad ExistingOrRandom() {
    if (model_.empty() || Chance(0.3)) return RandomQuad();
    std::vector<Quad> quads(model_.begin(), model_.end());
    return Pick(quads);
  }

  // One random transaction, committed or rolled back, mirrored in model_.
  void RandomTransaction(int max_ops, double insert_chance = 0.6) {
    std::set<Quad> next = model_;
    auto txn = store_->BeginWrite();
    ASSERT_TRUE(txn.ok());
    const int ops = std::uniform_int_distribution<int>(1, max_ops)(rng_);
    std::set<Term> next_graphs = graphs_;
    for (int i = 0; i < ops; ++i) {
      if (Chance(graph_op_chance_)) {  // now and then a graph is created or dropped
        const Term& g = Pick(pools_.graphs);
        if (!g.is_default_graph() && Chance(0.5)) {
          ASSERT_TRUE((*txn)->CreateGraph(g).ok());
          next_graphs.insert(g);
        } else {
          ASSERT_TRUE((*txn)->DropGraph(g).ok());
          std::erase_if(next, [&g](const Quad& q) { return q.graph == g; });
          next_graphs.erase(g);
        }
        continue;
      }
      const bool insert = Chance(insert_chance);
      // Inserts mostly add new quads (some re-insert stored ones); erases
      // mostly hit stored quads (some miss).
      const Quad q = Chance(insert ? 0.8 : 0.3) ? RandomQuad() : ExistingOrRandom();
      if (insert) {
        ASSERT_TRUE((*txn)->Insert(q).ok());
        next.insert(q);
        if (!q.graph.is_default_graph()) next_graphs.insert(q.graph);
      } else {
        ASSERT_TRUE((*txn)->Erase(q).ok());
        next.erase(q);
      }
    }
    if (Chance(0.1)) {
      (*txn)->Rollback();
    } else {
      absl::Status committed = (*txn)->Commit();
      ASSERT_TRUE(committed.ok()) << committed;
      model_ = std::move(next);
      graphs_ = std::move(next_graphs);
    }
  }

  void ExpectStatisticsExact() {
    auto view = store_->Snapshot();
    auto stats = view->GetStatistics();
    ASSERT_TRUE(stats.ok()) << stats.status();
    EXPECT_EQ(stats->quads, model_.size());
    EXPECT_EQ(StoredStatistics(*stats), ModelStatistics(model_));
    // Predicates come by id.
    for (size_t i = 1; i < stats->predicates.size(); ++i) {
      EXPECT_LT(*view->Lookup(stats->predicates[i - 1].predicate),
                *view->Lookup(stats->predicates[i].predicate));
    }
    // And the incremental numbers equal a recomputation from the indexes.
    auto snapshot = store_->kv().GetSnapshot();
    auto stored = ReadStatistics(store_->kv(), snapshot);
    auto computed = ComputeStatistics(store_->kv(), snapshot);
    ASSERT_TRUE(stored.ok() && computed.ok());
    EXPECT_EQ(stored->quads, computed->quads);
    EXPECT_EQ(stored->predicates, computed->predicates);

    // The set of named graphs: the model's, each with its quads.
    auto listed = view->Graphs();
    ASSERT_TRUE(listed.ok()) << listed.status();
    EXPECT_EQ(std::set<Term>(listed->begin(), listed->end()), graphs_);
    auto entries = ReadGraphs(store_->kv(), snapshot);
    ASSERT_TRUE(entries.ok()) << entries.status();
    std::map<Term, uint64_t> counts;
    for (const GraphEntry& entry : *entries) {
      counts[*view->Decode(entry.graph)] = entry.quads;
    }
    std::map<Term, uint64_t> expected;
    for (const Term& g : graphs_) expected[g] = 0;
    for (const Quad& q : model_) {
      if (!q.graph.is_default_graph()) ++expected[q.graph];
    }
    EXPECT_EQ(counts, expected);
  }

  // Every permutation, PSOG included, holds exactly the model's quads.
  void ExpectPermutationsHoldTheModel() {
    auto view = store_->Snapshot();
    std::set<IdQuad> expected;
    for (const Quad& q : model_) {
      auto s = view->Lookup(q.subject), p = view->Lookup(q.predicate), o = view->Lookup(q.object),
           g = view->Lookup(q.graph);
      ASSERT_TRUE(s.ok() && p.ok() && o.ok() && g.ok()) << q.ToNQuads();
      expected.insert({*s, *p, *o, *g});
    }
    EXPECT_TRUE(testing::ExpectPermutationsAgree(store_->kv(), store_->kv().GetSnapshot()) ==
                expected);
  }

  // Scan, ScanIds and Count of one pattern against the model.
  void CheckPattern(const QuadPattern& pattern) {
    auto matches = [&](const Quad& q) {
      return (!pattern.subject || *pattern.subject == q.subject) &&
             (!pattern.predicate || *pattern.predicate == q.predicate) &&
             (!pattern.object || *pattern.object == q.object) &&
             (!pattern.graph || *pattern.graph == q.graph);
    };
    std::vector<Quad> expected;
    for (const Quad& q : model_) {
      if (matches(q)) expected.push_back(q);
    }
    auto view = store_->Snapshot();
    const std::string where = QuadPatternText(pattern);

    auto it = view->Scan(pattern);
    ASSERT_TRUE(it.ok()) << it.status();
    std::vector<Quad> got;
    for (; (*it)->Valid(); (*it)->Next()) got.push_back((*it)->quad());
    ASSERT_TRUE((*it)->status().ok());
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, expected) << where;
    EXPECT_EQ(*view->Count(pattern), expected.size()) << where;

    // The same at the id level, in the key order of the chosen index.
    IdPattern ids;
    for (auto [term, id] :
         {std::pair{&pattern.subject, &ids.subject}, std::pair{&pattern.predicate, &ids.predicate},
          std::pair{&pattern.object, &ids.object}, std::pair{&pattern.graph, &ids.graph}}) {
      if (!term->has_value()) continue;
      auto found = view->Lookup(**term);
      if (!found.ok()) {
        ASSERT_TRUE(absl::IsNotFound(found.status()));
        EXPECT_TRUE(expected.empty()) << where;
        return;
      }
      *id = *found;
    }
    auto id_it = view->ScanIds(ids);
    ASSERT_TRUE(id_it.ok());
    const Order order = PlanScan(ids).order;
    std::vector<Quad> decoded;
    std::string previous;
    for (; (*id_it)->Valid(); (*id_it)->Next()) {
      const IdQuad& q = (*id_it)->quad();
      const std::string key = EncodeQuadKey(order, q);
      EXPECT_LT(previous, key) << where;
      previous = key;
      decoded.push_back({*view->Decode(q.subject), *view->Decode(q.predicate),
                         *view->Decode(q.object), *view->Decode(q.graph)});
    }
    std::sort(decoded.begin(), decoded.end());
    EXPECT_EQ(decoded, expected) << where;
  }

  static std::string QuadPatternText(const QuadPattern& p) {
    auto text = [](const std::optional<Term>& t) {
      return t ? (t->is_default_graph() ? std::string("DEFAULT") : t->ToNTriples())
               : std::string("?");
    };
    return text(p.subject) + " " + text(p.predicate) + " " + text(p.object) + " " + text(p.graph);
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::set<Quad> model_;
  std::set<Term> graphs_;  // the named graphs that exist
  double graph_op_chance_ = 0.03;
  Pools pools_;
  std::mt19937 rng_{20240611};
};

TEST_F(StoreModelTest, StatisticsStayExactUnderRandomTransactions) {
  for (int t = 0; t < 150; ++t) {
    RandomTransaction(t < 100 ? 12 : 40);
    ExpectStatisticsExact();
    if (HasFailure()) return;
  }
  // Erase everything: every predicate's entry disappears.
  auto txn = store_->BeginWrite();
  for (const Quad& q : model_) ASSERT_TRUE((*txn)->Erase(q).ok());
  ASSERT_TRUE((*txn)->Commit().ok());
  model_.clear();
  ExpectStatisticsExact();
  ExpectPermutationsHoldTheModel();
  EXPECT_TRUE(store_->Snapshot()->GetStatistics()->predicates.empty());
}

TEST_F(StoreModelTest, EveryPatternShapeMatchesTheModel) {
  graph_op_chance_ = 0;  // drops would keep the store small
  for (int t = 0; t < 40; ++t) RandomTransaction(25, 0.85);
  ASSERT_GT(model_.size(), 150u);
  EXPECT_EQ(AllQuads(*store_->Snapshot()), model_);
  for (int round = 0; round < 12; ++round) {
    for (int mask = 0; mask < 16; ++mask) {
      // Bound positions come from a stored quad mostly, else from the pools
      // (possibly absent, possibly a term the store never saw).
      Quad base = ExistingOrRandom();
      if (Chance(0.1)) base.object = Term::Iri(kEx + "never-stored");
      QuadPattern pattern;
      if (mask & 1) pattern.subject = base.subject;
      if (mask & 2) pattern.predicate = base.predicate;
      if (mask & 4) pattern.object = base.object;
      if (mask & 8) {
        // Alternate the default graph and named graphs.
        pattern.graph = round % 3 == 0 ? Term() : base.graph;
      }
      CheckPattern(pattern);
      if (HasFailure()) return;
    }
  }
  for (const Term& g : pools_.graphs) CheckPattern(QuadPattern{{}, {}, {}, g});
}

TEST_F(StoreModelTest, EveryPermutationHoldsTheModelUnderInsertsAndErases) {
  for (int t = 0; t < 120; ++t) {
    // Insert-heavy first, then erase-heavy, so the store grows and shrinks.
    RandomTransaction(t < 60 ? 20 : 30, t < 60 ? 0.8 : 0.3);
    ExpectPermutationsHoldTheModel();
    if (HasFailure()) return;
  }
  ASSERT_FALSE(model_.empty());
  auto txn = store_->BeginWrite();
  for (const Quad& q : model_) ASSERT_TRUE((*txn)->Erase(q).ok());
  ASSERT_TRUE((*txn)->Commit().ok());
  model_.clear();
  ExpectPermutationsHoldTheModel();
}

TEST_F(StoreModelTest, GraphsListsNamedGraphsFromCreationToDrop) {
  for (int t = 0; t < 30; ++t) {
    RandomTransaction(10);
    auto graphs = store_->Snapshot()->Graphs();
    ASSERT_TRUE(graphs.ok());
    EXPECT_EQ(std::set<Term>(graphs->begin(), graphs->end()), graphs_);
    EXPECT_EQ(graphs->size(), graphs_.size());
  }
}

TEST(QuadScanTest, PlanPicksTheLongestBoundPrefix) {
  const TermId x = 5;
  auto plan = [&](bool s, bool p, bool o, bool g) {
    return PlanScan({s ? x : kAnyId, p ? x : kAnyId, o ? x : kAnyId, g ? x : kAnyId});
  };
  EXPECT_EQ(plan(false, false, false, false).order, Order::kSpog);
  EXPECT_EQ(plan(true, false, true, false).order, Order::kOspg);
  EXPECT_EQ(plan(true, false, true, false).bound_prefix, 2);
  EXPECT_EQ(plan(false, true, true, false).order, Order::kPosg);
  EXPECT_EQ(plan(false, false, false, true).order, Order::kGspo);
  EXPECT_EQ(plan(true, true, false, true).order, Order::kGspo);
  EXPECT_EQ(plan(true, true, false, true).bound_prefix, 3);
  EXPECT_EQ(plan(true, true, true, true).bound_prefix, 4);
  // The default graph (id 0) is a bound graph like any other.
  EXPECT_EQ(PlanScan({kAnyId, kAnyId, kAnyId, kDefaultGraphId}).order, Order::kGspo);
  // PSOG is read only when a scan names it: no pattern plans it.
  for (int mask = 0; mask < 16; ++mask) {
    EXPECT_NE(plan((mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0, (mask & 8) != 0).order,
              Order::kPsog)
        << mask;
  }
}

TEST(QuadScanTest, PrefixRange) {
  std::string lower, upper;
  PrefixRange(std::string("\x01\xff\xff", 3), &lower, &upper);
  EXPECT_EQ(lower, std::string("\x01\xff\xff", 3));
  EXPECT_EQ(upper, std::string("\x02"));
  PrefixRange(std::string("\xff", 1), &lower, &upper);
  EXPECT_EQ(upper, "");
  PrefixRange("", &lower, &upper);
  EXPECT_EQ(lower, "");
  EXPECT_EQ(upper, "");
}

}  // namespace
}  // namespace parley::engine
