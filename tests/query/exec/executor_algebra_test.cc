// The evaluator on algebra built by hand (independent of the parser), over a
// real database.
#include <atomic>

#include "tests/query/exec/exec_test_support.h"

namespace parley::query {
namespace {

using namespace testing_exec;  // NOLINT: test helpers
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class ExecutorAlgebraTest : public ExecTest {
 protected:
  void SetUp() override {
    ExecTest::SetUp();
    std::vector<Quad> quads = PeopleQuads();
    quads.insert(quads.end(), {
                                  {Ex("alice"), Ex("knows"), Ex("bob"), Ex("g2")},
                              });
    Insert(quads);
  }
};

TEST_F(ExecutorAlgebraTest, BgpJoinOnSharedVariable) {
  auto q = Select(Bgp({{V("x"), Ex("knows"), V("y")}, {V("y"), Ex("age"), V("a")}}),
                  {V("x"), V("y"), V("a")});
  EXPECT_THAT(SelectRows(q), ElementsAre("x=<http://ex.org/alice> y=<http://ex.org/bob> "
                                         "a=\"25\"^^<http://www.w3.org/2001/XMLSchema#integer>",
                                         "x=<http://ex.org/bob> y=<http://ex.org/carol> "
                                         "a=\"35\"^^<http://www.w3.org/2001/XMLSchema#integer>"));
}

TEST_F(ExecutorAlgebraTest, ConstantNeverStoredMakesThePatternEmpty) {
  auto q = Select(Bgp({{V("x"), Ex("unknown-predicate"), V("y")}}), {V("x")});
  EXPECT_THAT(SelectRows(q), IsEmpty());
}

TEST_F(ExecutorAlgebraTest, EmptyBgpIsOneEmptySolution) {
  auto q = Select(Bgp({}), {V("x")});
  EXPECT_THAT(SelectRows(q), ElementsAre(""));
}

TEST_F(ExecutorAlgebraTest, RepeatedVariableInOnePattern) {
  Insert({{Ex("narcissus"), Ex("knows"), Ex("narcissus"), {}}});
  auto q = Select(Bgp({{V("x"), Ex("knows"), V("x")}}), {V("x")});
  EXPECT_THAT(SelectRows(q), ElementsAre("x=<http://ex.org/narcissus>"));
}

TEST_F(ExecutorAlgebraTest, SliceAfterProject) {
  auto pattern = Bgp({{V("x"), Ex("knows"), V("y")}});
  auto q = std::make_shared<Query>();
  q->result_variables = {V("x")};
  q->pattern = SliceOp(Project(pattern, {V("x")}), 1, 1);
  EXPECT_EQ(SelectRows(q).size(), 1u);
}

TEST_F(ExecutorAlgebraTest, BoundEnforcedThroughUnknownVariable) {
  Expr bound;
  bound.kind = Expr::Kind::kBound;
  bound.args = {Var("nothing")};
  auto q = Select(FilterOp(Bgp({{V("x"), Ex("age"), V("a")}}), MakeExpr(bound)), {V("x")});
  EXPECT_THAT(SelectRows(q), IsEmpty());
}

TEST_F(ExecutorAlgebraTest, UnionDefaultGraphMergesTriplesOnce) {
  auto q = Select(Bgp({{Ex("alice"), Ex("knows"), V("y")}}), {V("y")});
  QueryOptions options;
  options.default_graph_is_union = true;
  // alice knows bob is in the default graph and in g2: one triple.
  EXPECT_THAT(SelectRows(q, options), ElementsAre("y=<http://ex.org/bob>"));
  auto likes = Select(Bgp({{V("x"), Ex("likes"), V("y")}}), {V("x"), V("y")});
  EXPECT_EQ(SelectRows(likes, options).size(), 3u);
  EXPECT_THAT(SelectRows(likes), IsEmpty());
}

TEST_F(ExecutorAlgebraTest, GraphVariableOverBgp) {
  Op graph;
  graph.kind = Op::Kind::kGraph;
  graph.graph = V("g");
  graph.children = {Bgp({{V("x"), Ex("likes"), Ex("pizza")}})};
  auto q = Select(MakeOp(graph), {V("g"), V("x")});
  EXPECT_THAT(SelectRows(q), ElementsAre("g=<http://ex.org/g1> x=<http://ex.org/alice>",
                                         "g=<http://ex.org/g2> x=<http://ex.org/bob>"));
}

TEST_F(ExecutorAlgebraTest, GraphVariableOverEmptyPatternListsNamedGraphs) {
  Op graph;
  graph.kind = Op::Kind::kGraph;
  graph.graph = V("g");
  graph.children = {Bgp({})};
  auto q = Select(MakeOp(graph), {V("g")});
  EXPECT_THAT(SelectRows(q), ElementsAre("g=<http://ex.org/g1>", "g=<http://ex.org/g2>"));
}

TEST_F(ExecutorAlgebraTest, GraphIriAndFromNamed) {
  Op graph;
  graph.kind = Op::Kind::kGraph;
  graph.graph = Ex("g2");
  graph.children = {Bgp({{V("x"), Ex("likes"), V("y")}})};
  auto q = Select(MakeOp(graph), {V("y")});
  EXPECT_THAT(SelectRows(q), ElementsAre("y=<http://ex.org/pasta>", "y=<http://ex.org/pizza>"));
  auto restricted = std::make_shared<Query>(*q);
  restricted->has_dataset = true;
  restricted->from_named = {Ex("g1")};
  EXPECT_THAT(SelectRows(restricted), IsEmpty());
  auto from = std::make_shared<Query>(*Select(Bgp({{V("x"), Ex("likes"), V("y")}}), {V("y")}));
  from->has_dataset = true;
  from->from = {Ex("g1"), Ex("g2")};
  EXPECT_THAT(SelectRows(from), ElementsAre("y=<http://ex.org/pasta>", "y=<http://ex.org/pizza>",
                                            "y=<http://ex.org/pizza>"));
}

TEST_F(ExecutorAlgebraTest, OptionalKeepsUnmatchedRows) {
  auto q = Select(Binary(Op::Kind::kLeftJoin, Bgp({{V("x"), Ex("age"), V("a")}}),
                         Bgp({{V("x"), Ex("name"), V("n")}})),
                  {V("x"), V("n")});
  EXPECT_THAT(SelectRows(q),
              ElementsAre("x=<http://ex.org/alice> n=\"Alice\"", "x=<http://ex.org/bob> n=\"Bob\"",
                          "x=<http://ex.org/carol>"));
}

TEST_F(ExecutorAlgebraTest, MinusWithoutSharedVariablesRemovesNothing) {
  auto q = Select(Binary(Op::Kind::kMinus, Bgp({{V("x"), Ex("age"), V("a")}}),
                         Bgp({{V("y"), Ex("name"), V("n")}})),
                  {V("x")});
  EXPECT_EQ(SelectRows(q).size(), 3u);
  auto shared = Select(Binary(Op::Kind::kMinus, Bgp({{V("x"), Ex("age"), V("a")}}),
                              Bgp({{V("x"), Ex("name"), V("n")}})),
                       {V("x")});
  EXPECT_THAT(SelectRows(shared), ElementsAre("x=<http://ex.org/carol>"));
}

TEST_F(ExecutorAlgebraTest, UnionAndTable) {
  Op table;
  table.kind = Op::Kind::kTable;
  table.table_variables = {V("x")};
  table.table_rows = {{Ex("alice")}, {Ex("nobody")}, {std::nullopt}};
  auto q = Select(Binary(Op::Kind::kUnion, MakeOp(table), Bgp({{V("x"), Ex("name"), Str("Bob")}})),
                  {V("x")});
  EXPECT_THAT(SelectRows(q), ElementsAre("", "x=<http://ex.org/alice>", "x=<http://ex.org/bob>",
                                         "x=<http://ex.org/nobody>"));
}

TEST_F(ExecutorAlgebraTest, JoinOfTableAndBgpUsesTheTableRows) {
  Op table;
  table.kind = Op::Kind::kTable;
  table.table_variables = {V("x")};
  table.table_rows = {{Ex("alice")}, {Ex("carol")}, {std::nullopt}};
  auto q = Select(Binary(Op::Kind::kJoin, MakeOp(table), Bgp({{V("x"), Ex("name"), V("n")}})),
                  {V("x"), V("n")});
  EXPECT_THAT(SelectRows(q), ElementsAre("x=<http://ex.org/alice> n=\"Alice\"",
                                         "x=<http://ex.org/alice> n=\"Alice\"",
                                         "x=<http://ex.org/bob> n=\"Bob\""));
}

TEST_F(ExecutorAlgebraTest, PreparedBindings) {
  auto q = Select(Bgp({{V("x"), Ex("knows"), V("y")}}), {V("x"), V("y")});
  QueryOptions options;
  options.bindings = {{"x", Ex("bob")}};
  EXPECT_THAT(SelectRows(q, options), ElementsAre("x=<http://ex.org/bob> y=<http://ex.org/carol>"));
  options.bindings = {{"x", Ex("never-stored")}};
  EXPECT_THAT(SelectRows(q, options), IsEmpty());
}

TEST_F(ExecutorAlgebraTest, DistinctOrderByAndTopN) {
  OrderKey key;
  key.expr = Var("a");
  key.descending = true;
  Op order;
  order.kind = Op::Kind::kOrderBy;
  order.children = {Bgp({{V("x"), Ex("age"), V("a")}})};
  order.order = {key};
  auto q = std::make_shared<Query>();
  q->result_variables = {V("x")};
  q->pattern = SliceOp(Project(MakeOp(order), {V("x")}), 0, 2);
  EXPECT_THAT(SelectRows(q, {}, /*keep_order=*/true),
              ElementsAre("x=<http://ex.org/carol>", "x=<http://ex.org/alice>"));

  auto distinct = std::make_shared<Query>();
  distinct->result_variables = {V("x")};
  distinct->pattern =
      Unary(Op::Kind::kDistinct, Project(Bgp({{V("x"), V("p"), V("o")}}), {V("x")}));
  EXPECT_EQ(SelectRows(distinct).size(), 3u);
}

TEST_F(ExecutorAlgebraTest, GroupWithoutKeysOverEmptyInputGivesOneRow) {
  Op group;
  group.kind = Op::Kind::kGroup;
  group.children = {Bgp({{V("x"), Ex("unknown"), V("y")}})};
  Aggregate count;
  count.function = Aggregate::Function::kCount;
  count.result = V("#agg0");
  group.aggregates = {count};
  Op extend;
  extend.kind = Op::Kind::kExtend;
  extend.children = {MakeOp(group)};
  extend.variable = V("n");
  extend.expr = Var("#agg0");
  auto q = Select(MakeOp(extend), {V("n")});
  EXPECT_THAT(SelectRows(q), ElementsAre("n=\"0\"^^<http://www.w3.org/2001/XMLSchema#integer>"));
}

TEST_F(ExecutorAlgebraTest, GroupByKeyCountsAndSamples) {
  Op group;
  group.kind = Op::Kind::kGroup;
  group.children = {Bgp({{V("x"), Ex("knows"), V("y")}})};
  group.group_keys = {{Var("x"), V("x")}};
  Aggregate count;
  count.function = Aggregate::Function::kCount;
  count.arg = Var("y");
  count.result = V("#agg0");
  Aggregate concat;
  concat.function = Aggregate::Function::kGroupConcat;
  concat.arg = Var("y");
  concat.separator = ",";
  concat.result = V("#agg1");
  group.aggregates = {count, concat};
  auto q = Select(MakeOp(group), {V("x"), V("#agg0"), V("#agg1")});
  EXPECT_EQ(SelectRows(q).size(), 3u);
}

TEST_F(ExecutorAlgebraTest, PathsOneOrMoreAndZeroOrMore) {
  auto link = std::make_shared<Path>();
  link->kind = Path::Kind::kLink;
  link->iri = Ex("knows");
  auto plus = std::make_shared<Path>();
  plus->kind = Path::Kind::kOneOrMore;
  plus->children = {link};
  Op path;
  path.kind = Op::Kind::kPath;
  path.path = PathPattern{Ex("alice"), plus, V("y")};
  EXPECT_THAT(
      SelectRows(Select(MakeOp(path), {V("y")})),
      ElementsAre("y=<http://ex.org/bob>", "y=<http://ex.org/carol>", "y=<http://ex.org/dave>"));
  auto star = std::make_shared<Path>(*plus);
  star->kind = Path::Kind::kZeroOrMore;
  // A start the store has never seen still matches itself at length zero.
  path.path = PathPattern{Ex("stranger"), star, V("y")};
  EXPECT_THAT(SelectRows(Select(MakeOp(path), {V("y")})),
              ElementsAre("y=<http://ex.org/stranger>"));
  // Both ends free: every subject and object of the graph, once each at
  // length zero.
  path.path = PathPattern{V("x"), star, V("y")};
  EXPECT_EQ(SelectRows(Select(MakeOp(path), {V("x"), V("y")})).size(),
            /*reflexive*/ 9u + /*alice*/ 3u + /*bob*/ 2u + /*carol*/ 1u);
}

TEST_F(ExecutorAlgebraTest, ConstructRemovesDuplicatesAndSkipsIllPlacedTerms) {
  auto q = std::make_shared<Query>();
  q->form = Query::Form::kConstruct;
  q->pattern = Bgp({{V("x"), Ex("age"), V("a")}});
  q->construct_template = {{V("x"), Ex("isPerson"), Ex("yes")},
                           {V("a"), Ex("ageOf"), V("x")},  // literal subject: skipped
                           {Term::BlankNode("b"), Ex("about"), V("x")}};
  auto result = Run(q);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ((*result)->kind(), QueryResult::Kind::kTriples);
  Term s, p, o;
  int count = 0;
  while (true) {
    auto more = (*result)->NextTriple(&s, &p, &o);
    ASSERT_TRUE(more.ok()) << more.status();
    if (!*more) break;
    EXPECT_FALSE(s.is_literal());
    ++count;
  }
  EXPECT_EQ(count, 6);
}

TEST_F(ExecutorAlgebraTest, AskAndDescribe) {
  auto ask = std::make_shared<Query>();
  ask->form = Query::Form::kAsk;
  ask->pattern = Bgp({{Ex("alice"), Ex("knows"), V("y")}});
  auto result = Run(ask);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE((*result)->boolean());

  auto describe = std::make_shared<Query>();
  describe->form = Query::Form::kDescribe;
  describe->pattern = Bgp({});
  describe->describe = {Ex("bob")};
  result = Run(describe);
  ASSERT_TRUE(result.ok()) << result.status();
  Term s, p, o;
  int count = 0;
  while (*(*result)->NextTriple(&s, &p, &o)) {
    EXPECT_EQ(s, Ex("bob"));
    ++count;
  }
  EXPECT_EQ(count, 3);  // knows, age, name in the default graph
}

TEST_F(ExecutorAlgebraTest, CancelledAndOverBudget) {
  auto q = Select(Bgp({{V("x"), V("p"), V("o")}}), {V("x")});
  std::atomic<bool> cancel{true};
  QueryOptions options;
  options.cancel = &cancel;
  auto result = Run(q, options);
  EXPECT_TRUE(absl::IsCancelled(result.status())) << result.status();

  auto distinct = std::make_shared<Query>();
  distinct->result_variables = {V("x")};
  distinct->pattern =
      Unary(Op::Kind::kDistinct, Project(Bgp({{V("x"), V("p"), V("o")}}), {V("x")}));
  QueryOptions tight;
  tight.memory_budget_bytes = 16;
  auto over = Run(distinct, tight);
  ASSERT_TRUE(over.ok()) << over.status();
  std::vector<std::optional<Term>> row;
  auto next = (*over)->NextRow(&row);
  EXPECT_TRUE(absl::IsResourceExhausted(next.status())) << next.status();
}

}  // namespace
}  // namespace parley::query
