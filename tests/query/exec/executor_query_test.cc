// The evaluator on queries written as SPARQL text (parsed by
// query/parser), over a real database.
#include <set>

#include "query/parser/parser.h"
#include "tests/query/exec/exec_test_support.h"

namespace parley::query {
namespace {

using namespace testing_exec;  // NOLINT: test helpers
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kPrefix[] =
    "PREFIX ex: <http://ex.org/>\n"
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n";

class ExecutorQueryTest : public ExecTest {
 protected:
  void SetUp() override {
    ExecTest::SetUp();
    std::vector<Quad> quads = PeopleQuads();
    quads.insert(quads.end(), {
                                  {Ex("dave"), Ex("name"), Term::LangLiteral("Dave", "en"), {}},
                              });
    Insert(quads);
  }

  absl::StatusOr<std::unique_ptr<QueryResult>> RunText(const std::string& text,
                                                       const QueryOptions& options = {}) {
    absl::StatusOr<Query> parsed = ParseQuery(kPrefix + text, ParseOptions());
    if (!parsed.ok()) return parsed.status();
    return Run(std::make_shared<const Query>(*std::move(parsed)), options);
  }

  std::vector<std::string> Q(const std::string& text, const QueryOptions& options = {},
                             bool keep_order = false) {
    auto result = RunText(text, options);
    EXPECT_TRUE(result.ok()) << result.status() << "\n" << text;
    if (!result.ok()) return {"<error>"};
    return Rows(**result, keep_order);
  }

  bool Ask(const std::string& text) {
    auto result = RunText(text);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() && (*result)->boolean();
  }

  int CountTriples(const std::string& text) {
    auto result = RunText(text);
    EXPECT_TRUE(result.ok()) << result.status();
    if (!result.ok()) return -1;
    Term s, p, o;
    int n = 0;
    while (true) {
      auto more = (*result)->NextTriple(&s, &p, &o);
      EXPECT_TRUE(more.ok()) << more.status();
      if (!more.ok() || !*more) return n;
      ++n;
    }
  }
};

constexpr char kInt[] = "^^<http://www.w3.org/2001/XMLSchema#integer>";

TEST_F(ExecutorQueryTest, BasicSelectFilterLimit) {
  EXPECT_THAT(Q("SELECT ?x WHERE { ?x ex:age ?a FILTER(?a > 26) } ORDER BY ?x"),
              ElementsAre("x=<http://ex.org/alice>", "x=<http://ex.org/carol>"));
  EXPECT_EQ(Q("SELECT * WHERE { ?x ?p ?o } LIMIT 2").size(), 2u);
  EXPECT_EQ(Q("SELECT * WHERE { ?x ?p ?o } OFFSET 8").size(), 1u);
}

TEST_F(ExecutorQueryTest, OrderByDescendingWithLimit) {
  EXPECT_THAT(Q("SELECT ?x ?a WHERE { ?x ex:age ?a } ORDER BY DESC(?a) LIMIT 2", {}, true),
              ElementsAre(absl::StrCat("x=<http://ex.org/carol> a=\"35\"", kInt),
                          absl::StrCat("x=<http://ex.org/alice> a=\"30\"", kInt)));
}

TEST_F(ExecutorQueryTest, OptionalWithFilterAndBound) {
  EXPECT_THAT(Q("SELECT ?x ?n WHERE { ?x ex:age ?a OPTIONAL { ?x ex:name ?n FILTER(?a < 28) } }"),
              ElementsAre("x=<http://ex.org/alice>", "x=<http://ex.org/bob> n=\"Bob\"",
                          "x=<http://ex.org/carol>"));
  EXPECT_THAT(Q("SELECT ?x WHERE { ?x ex:age ?a OPTIONAL { ?x ex:name ?n } FILTER(!BOUND(?n)) }"),
              ElementsAre("x=<http://ex.org/carol>"));
}

TEST_F(ExecutorQueryTest, ExistsAndNotExists) {
  EXPECT_THAT(Q("SELECT ?x WHERE { ?x ex:age ?a FILTER NOT EXISTS { ?x ex:name ?n } }"),
              ElementsAre("x=<http://ex.org/carol>"));
  EXPECT_THAT(Q("SELECT ?x WHERE { ?x ex:knows ?y FILTER EXISTS { ?y ex:knows ?z "
                "FILTER(?z != ?x) } }"),
              ElementsAre("x=<http://ex.org/alice>", "x=<http://ex.org/bob>"));
}

TEST_F(ExecutorQueryTest, MinusAndUnion) {
  EXPECT_THAT(Q("SELECT ?x WHERE { ?x ex:age ?a MINUS { ?x ex:name ?n } }"),
              ElementsAre("x=<http://ex.org/carol>"));
  EXPECT_THAT(Q("SELECT ?x WHERE { { ?x ex:name \"Alice\" } UNION { ?x ex:name \"Bob\" } }"),
              ElementsAre("x=<http://ex.org/alice>", "x=<http://ex.org/bob>"));
}

TEST_F(ExecutorQueryTest, BindValuesAndExpressions) {
  EXPECT_THAT(Q("SELECT ?x ?b WHERE { ?x ex:age ?a BIND(?a + 1 AS ?b) FILTER(?x = ex:bob) }"),
              ElementsAre(absl::StrCat("x=<http://ex.org/bob> b=\"26\"", kInt)));
  EXPECT_THAT(
      Q("SELECT ?x ?n WHERE { VALUES ?x { ex:alice ex:bob } ?x ex:name ?n }"),
      ElementsAre("x=<http://ex.org/alice> n=\"Alice\"", "x=<http://ex.org/bob> n=\"Bob\""));
  EXPECT_THAT(Q("SELECT ?x WHERE { ?x ex:age ?a FILTER(?a IN (25, 35)) }"),
              ElementsAre("x=<http://ex.org/bob>", "x=<http://ex.org/carol>"));
  EXPECT_THAT(Q("SELECT (COALESCE(?nothing, 7) AS ?v) (IF(true, \"y\", \"n\") AS ?w) {}"),
              ElementsAre(absl::StrCat("v=\"7\"", kInt, " w=\"y\"")));
}

TEST_F(ExecutorQueryTest, ErrorSemanticsOfOrAndAnd) {
  // An unbound variable is an error; error || true is true, error && false
  // is false, error && true is an error (the row is dropped).
  EXPECT_EQ(Q("SELECT ?x WHERE { ?x ex:age ?a FILTER(?nothing > 1 || true) }").size(), 3u);
  EXPECT_EQ(Q("SELECT ?x WHERE { ?x ex:age ?a FILTER(!(?nothing > 1 && false)) }").size(), 3u);
  EXPECT_THAT(Q("SELECT ?x WHERE { ?x ex:age ?a FILTER(?nothing > 1 && true) }"), IsEmpty());
}

TEST_F(ExecutorQueryTest, Aggregates) {
  EXPECT_THAT(Q("SELECT (COUNT(*) AS ?n) (SUM(?a) AS ?s) (MIN(?a) AS ?lo) (MAX(?a) AS ?hi) "
                "WHERE { ?x ex:age ?a }"),
              ElementsAre(absl::StrCat("n=\"3\"", kInt, " s=\"90\"", kInt, " lo=\"25\"", kInt,
                                       " hi=\"35\"", kInt)));
  EXPECT_THAT(Q("SELECT (COUNT(*) AS ?n) (AVG(?a) AS ?avg) WHERE { ?x ex:nothing ?a }"),
              ElementsAre(absl::StrCat("n=\"0\"", kInt, " avg=\"0\"", kInt)));
  EXPECT_THAT(Q("SELECT ?x (COUNT(?y) AS ?n) WHERE { ?x ex:knows ?y } GROUP BY ?x "
                "HAVING (COUNT(?y) >= 1) ORDER BY ?x"),
              ElementsAre(absl::StrCat("x=<http://ex.org/alice> n=\"1\"", kInt),
                          absl::StrCat("x=<http://ex.org/bob> n=\"1\"", kInt),
                          absl::StrCat("x=<http://ex.org/carol> n=\"1\"", kInt)));
  EXPECT_THAT(Q("SELECT (COUNT(DISTINCT ?y) AS ?n) WHERE { GRAPH ?g { ?x ex:likes ?y } }"),
              ElementsAre(absl::StrCat("n=\"2\"", kInt)));
  // AVG over a non-number: unbound.
  EXPECT_THAT(Q("SELECT (AVG(?n) AS ?avg) WHERE { ?x ex:name ?n }"), ElementsAre(""));
  auto concat = Q("SELECT (GROUP_CONCAT(?n; SEPARATOR=\"|\") AS ?c) WHERE { ?x ex:name ?n }");
  ASSERT_EQ(concat.size(), 1u);
  EXPECT_NE(concat[0].find("Alice"), std::string::npos);
  EXPECT_EQ(concat[0].find("@en"), std::string::npos);
}

TEST_F(ExecutorQueryTest, GraphPatterns) {
  EXPECT_THAT(Q("SELECT ?g ?y WHERE { GRAPH ?g { ex:bob ex:likes ?y } }"),
              ElementsAre("g=<http://ex.org/g2> y=<http://ex.org/pasta>",
                          "g=<http://ex.org/g2> y=<http://ex.org/pizza>"));
  EXPECT_THAT(Q("SELECT ?g WHERE { GRAPH ?g { ?x ex:likes ex:pizza OPTIONAL { ?x ex:knows ?k } "
                "} } "),
              ElementsAre("g=<http://ex.org/g1>", "g=<http://ex.org/g2>"));
  EXPECT_THAT(Q("SELECT ?y FROM ex:g1 WHERE { ?x ex:likes ?y }"),
              ElementsAre("y=<http://ex.org/pizza>"));
  EXPECT_THAT(Q("SELECT ?g FROM NAMED ex:g2 WHERE { GRAPH ?g { } }"),
              ElementsAre("g=<http://ex.org/g2>"));
}

TEST_F(ExecutorQueryTest, PropertyPaths) {
  EXPECT_THAT(Q("SELECT ?y WHERE { ex:alice ex:knows/ex:knows ?y }"),
              ElementsAre("y=<http://ex.org/carol>"));
  EXPECT_THAT(
      Q("SELECT ?y WHERE { ex:alice ex:knows+ ?y }"),
      ElementsAre("y=<http://ex.org/bob>", "y=<http://ex.org/carol>", "y=<http://ex.org/dave>"));
  EXPECT_THAT(Q("SELECT ?x WHERE { ?x ex:knows* ex:bob }"),
              ElementsAre("x=<http://ex.org/alice>", "x=<http://ex.org/bob>"));
  EXPECT_THAT(Q("SELECT ?x WHERE { ?x ^ex:knows ex:bob }"), ElementsAre("x=<http://ex.org/carol>"));
  EXPECT_THAT(Q("SELECT ?y WHERE { ex:alice ex:knows? ?y }"),
              ElementsAre("y=<http://ex.org/alice>", "y=<http://ex.org/bob>"));
  EXPECT_THAT(Q("SELECT ?p WHERE { ex:bob !(ex:knows|ex:age) ?o BIND(1 AS ?p) }"),
              ElementsAre(absl::StrCat("p=\"1\"", kInt)));
  EXPECT_THAT(Q("SELECT ?n WHERE { ?x ex:knows+ ex:dave . ?x ex:name ?n }"),
              ElementsAre("n=\"Alice\"", "n=\"Bob\""));
}

TEST_F(ExecutorQueryTest, DistinctAndSubquery) {
  EXPECT_THAT(Q("SELECT DISTINCT ?y WHERE { GRAPH ?g { ?x ex:likes ?y } }"),
              ElementsAre("y=<http://ex.org/pasta>", "y=<http://ex.org/pizza>"));
  EXPECT_THAT(Q("SELECT ?x ?n WHERE { ?x ex:name ?n { SELECT ?x WHERE { ?x ex:age ?a } "
                "ORDER BY ?a LIMIT 1 } }"),
              ElementsAre("x=<http://ex.org/bob> n=\"Bob\""));
}

TEST_F(ExecutorQueryTest, AskConstructDescribe) {
  EXPECT_TRUE(Ask("ASK { ex:alice ex:knows ex:bob }"));
  EXPECT_FALSE(Ask("ASK { ex:alice ex:knows ex:carol }"));
  EXPECT_EQ(CountTriples("CONSTRUCT { ?x ex:olderThan25 true } WHERE { ?x ex:age ?a "
                         "FILTER(?a > 25) }"),
            2);
  EXPECT_EQ(CountTriples("CONSTRUCT { _:b ex:knower ?x } WHERE { ?x ex:knows ?y }"), 3);
  EXPECT_EQ(CountTriples("DESCRIBE ex:alice"), 3);
  EXPECT_EQ(CountTriples("DESCRIBE ?x WHERE { ?x ex:name \"Bob\" }"), 3);
}

TEST_F(ExecutorQueryTest, ComputedValuesJoinWithStoredOnes) {
  // BIND computes 25, which the store also holds: the join must see them
  // as the same term.
  EXPECT_THAT(Q("SELECT ?x WHERE { BIND(20 + 5 AS ?a) ?x ex:age ?a }"),
              ElementsAre("x=<http://ex.org/bob>"));
  EXPECT_THAT(Q("SELECT ?x WHERE { ?x ex:age ?a . BIND(\"computed\" AS ?c) "
                "FILTER(?c = \"computed\" && ?a = 30) }"),
              ElementsAre("x=<http://ex.org/alice>"));
}

TEST_F(ExecutorQueryTest, BnodeOfAStringIsOnePerSolution) {
  auto result = RunText(
      "SELECT ?x (BNODE(\"a\") AS ?b1) (BNODE(\"a\") AS ?b2) (BNODE() AS ?b3) "
      "WHERE { ?x ex:age ?a }");
  ASSERT_TRUE(result.ok()) << result.status();
  std::vector<std::optional<Term>> row;
  std::set<std::string> labels;
  int rows = 0;
  while (*(*result)->NextRow(&row)) {
    ++rows;
    ASSERT_TRUE(row[1].has_value() && row[2].has_value() && row[3].has_value());
    EXPECT_EQ(*row[1], *row[2]);
    EXPECT_NE(*row[1], *row[3]);
    labels.insert(row[1]->value());
  }
  EXPECT_EQ(rows, 3);
  EXPECT_EQ(labels.size(), 3u);
}

TEST_F(ExecutorQueryTest, Deadline) {
  QueryOptions options;
  options.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  auto result = RunText("SELECT * WHERE { ?s ?p ?o }", options);
  EXPECT_TRUE(absl::IsDeadlineExceeded(result.status())) << result.status();
}

}  // namespace
}  // namespace parley::query
