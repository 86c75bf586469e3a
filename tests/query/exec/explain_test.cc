// EXPLAIN and EXPLAIN ANALYZE (QueryOptions::explain, QueryResult::plan):
// the operator tree's labels and nesting, the figures ANALYZE counts, and
// the sealing rule for operators that build sub-plans while running.
//
// Plans are compared as outlines that may leave nodes out: the BGP nodes
// gain per-pattern children of their own (bgp.cc), which these tests do not
// pin down.
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "query/exec/profile.h"
#include "query/parser/parser.h"
#include "tests/query/exec/exec_test_support.h"

namespace parley::query {
namespace {

using namespace testing_exec;  // NOLINT: test helpers
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kPrefix[] = "PREFIX ex: <http://ex.org/>\n";

// One line of a rendered plan: its depth, its label (figures removed) and,
// under ANALYZE, the rows it counted.
struct PlanLine {
  size_t depth = 0;
  std::string label;
  std::optional<uint64_t> rows;
};

std::vector<PlanLine> ParsePlan(const std::string& plan) {
  std::vector<PlanLine> lines;
  for (absl::string_view text : absl::StrSplit(plan, '\n', absl::SkipEmpty())) {
    PlanLine line;
    size_t indent = 0;
    while (indent < text.size() && text[indent] == ' ') ++indent;
    line.depth = indent / 2;
    std::string label(text.substr(indent));
    const size_t rows_at = label.find("  rows ");
    if (rows_at != std::string::npos) {
      uint64_t rows = 0;
      const std::string digits =
          label.substr(rows_at + 7, label.find(' ', rows_at + 7) - rows_at - 7);
      if (absl::SimpleAtoi(digits, &rows)) line.rows = rows;
    }
    label = label.substr(0, std::min(label.find("  (est "), label.find("  rows ")));
    line.label = label;
    lines.push_back(std::move(line));
  }
  return lines;
}

// The plan without its figures: what kPlan renders for the same tree.
std::string Shape(const std::string& plan) {
  std::string out;
  for (const PlanLine& line : ParsePlan(plan)) {
    if (line.label.rfind("total  ", 0) == 0) continue;
    out += std::string(line.depth * 2, ' ') + line.label + "\n";
  }
  return out;
}

// True when every node of `expected` (an indented outline of label
// prefixes) matches a node of `actual` at the same place: the roots in
// order, each node's expected children among its actual children, in
// order. Extra actual nodes are allowed.
bool MatchChildren(const std::vector<PlanLine>& actual, size_t a_begin, size_t a_end,
                   const std::vector<PlanLine>& expected, size_t e_begin, size_t e_end) {
  auto subtree_end = [](const std::vector<PlanLine>& lines, size_t i, size_t end) {
    size_t j = i + 1;
    while (j < end && lines[j].depth > lines[i].depth) ++j;
    return j;
  };
  size_t a = a_begin;
  for (size_t e = e_begin; e < e_end; e = subtree_end(expected, e, e_end)) {
    bool found = false;
    for (; a < a_end; a = subtree_end(actual, a, a_end)) {
      const size_t a_sub = subtree_end(actual, a, a_end);
      if (actual[a].label.rfind(expected[e].label, 0) == 0 &&
          MatchChildren(actual, a + 1, a_sub, expected, e + 1, subtree_end(expected, e, e_end))) {
        a = a_sub;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

MATCHER_P(HasOutline, outline, "has the outline\n" + std::string(outline)) {
  const std::vector<PlanLine> actual = ParsePlan(arg);
  const std::vector<PlanLine> expected = ParsePlan(outline);
  return MatchChildren(actual, 0, actual.size(), expected, 0, expected.size());
}

class ExplainTest : public ExecTest {
 protected:
  void SetUp() override {
    ExecTest::SetUp();
    std::vector<Quad> quads = PeopleQuads();
    quads.insert(quads.end(), {
                                  {Ex("alice"), Ex("knows"), Ex("carol"), {}},
                              });
    Insert(quads);
  }

  std::unique_ptr<QueryResult> Start(const std::string& text, QueryOptions::Explain explain) {
    absl::StatusOr<Query> parsed = ParseQuery(kPrefix + text, ParseOptions());
    EXPECT_TRUE(parsed.ok()) << parsed.status() << "\n" << text;
    if (!parsed.ok()) return nullptr;
    QueryOptions options;
    options.explain = explain;
    auto result = Run(std::make_shared<const Query>(*std::move(parsed)), options);
    EXPECT_TRUE(result.ok()) << result.status() << "\n" << text;
    if (!result.ok()) return nullptr;
    return *std::move(result);
  }

  // kPlan's plan, no row pulled.
  std::string Explain(const std::string& text) {
    std::unique_ptr<QueryResult> result = Start(text, QueryOptions::Explain::kPlan);
    return result != nullptr ? result->plan() : "<error>";
  }

  // kAnalyze: every row pulled; *rows counts them.
  std::string Analyze(const std::string& text, size_t* rows) {
    std::unique_ptr<QueryResult> result = Start(text, QueryOptions::Explain::kAnalyze);
    if (result == nullptr) return "<error>";
    *rows = Rows(*result).size();
    return result->plan();
  }
};

TEST_F(ExplainTest, BgpWithFilterIsOneNodeAndOtherFiltersAreTheirOwn) {
  const std::string plan = Explain("SELECT ?s ?n WHERE { ?s ex:name ?n FILTER(?n != \"Bob\") }");
  EXPECT_THAT(plan, HasOutline("Project ?s ?n\n"
                               "  BGP 1 pattern + Filter (?n != \"Bob\")\n"));
  EXPECT_THAT(plan, Not(HasSubstr("rows ")));
  EXPECT_THAT(Explain("SELECT ?s WHERE { ?s ex:age ?a OPTIONAL { ?s ex:name ?n } "
                      "FILTER(!BOUND(?n)) }"),
              HasOutline("Project ?s\n"
                         "  Filter !BOUND(?n)\n"
                         "    Optional\n"
                         "      BGP 1 pattern\n"));
}

TEST_F(ExplainTest, BgpShowsEachPatternAndHowItJoins) {
  // A star on ?s: the first pattern is scanned in ?s order, so the second
  // merge-joins on ?s. Each step's node has the step before it as child.
  size_t rows = 0;
  const std::string plan = Analyze("SELECT * WHERE { ?s ex:age ?a ; ex:name ?n }", &rows);
  EXPECT_EQ(rows, 2);
  EXPECT_THAT(plan, HasOutline("Project ?s ?a ?n\n"
                               "  BGP 2 patterns\n"
                               "    ?s <http://ex.org/\n"
                               "      ?s <http://ex.org/\n"));
  EXPECT_THAT(plan, HasSubstr("[merge join on ?s, psog]"));
  EXPECT_THAT(plan, HasSubstr("[scan psog]"));
  // Probing by a variable the rows do not ascend in: a keyed probe.
  EXPECT_THAT(Explain("SELECT * WHERE { ex:alice ex:knows ?x . ?x ex:knows ?y . ?y ex:age ?a }"),
              HasSubstr("keyed probe on ?"));
}

TEST_F(ExplainTest, OptionalNestsItsSides) {
  // Right side one pattern with a key the left binds: probed by the key.
  EXPECT_THAT(Explain("SELECT * WHERE { ?s ex:age ?a OPTIONAL { ?s ex:name ?n } }"),
              HasOutline("Project ?s ?a ?n\n"
                         "  Optional keyed probe: ?s <http://ex.org/name> ?n\n"
                         "    BGP 1 pattern\n"));
  // Right side a larger BGP: evaluated per left row, so only the left side
  // shows.
  EXPECT_THAT(
      Explain("SELECT * WHERE { ?s ex:age ?a OPTIONAL { ?s ex:name ?n . ?s ex:knows ?k } }"),
      HasOutline("Project ?s ?a ?n ?k\n"
                 "  Optional correlated: BGP 2 patterns\n"
                 "    BGP 1 pattern\n"));
  // Right side anything else: a hash join with both sides as children.
  EXPECT_THAT(Explain("SELECT * WHERE { ?s ex:age ?a OPTIONAL { { ?s ex:name ?n } UNION "
                      "{ ?s ex:knows ?n } } }"),
              HasOutline("Project ?s ?a ?n\n"
                         "  Optional hash on ?s\n"
                         "    BGP 1 pattern\n"
                         "    Union\n"
                         "      BGP 1 pattern\n"
                         "      BGP 1 pattern\n"));
}

TEST_F(ExplainTest, UnionAndJoins) {
  const std::string plan =
      Explain("SELECT ?x WHERE { { ?x ex:name \"Alice\" } UNION { ?x ex:age 25 } ?x ex:knows ?y }");
  EXPECT_THAT(plan, HasOutline("Project ?x\n"
                               "  Join into BGP 1 pattern\n"
                               "    Union\n"
                               "      BGP 1 pattern\n"
                               "      BGP 1 pattern\n"));
  // The outline matcher itself: wrong nesting does not match.
  EXPECT_THAT(plan, Not(HasOutline("Project ?x\n"
                                   "  Union\n")));
  EXPECT_THAT(plan, Not(HasOutline("Project ?x\n"
                                   "  Join into BGP 1 pattern\n"
                                   "    BGP 1 pattern\n"
                                   "    Union\n")));
}

TEST_F(ExplainTest, GroupOrderByLimit) {
  EXPECT_THAT(Explain("SELECT ?s (COUNT(?o) AS ?c) WHERE { ?s ex:knows ?o } GROUP BY ?s "
                      "ORDER BY DESC(?c) LIMIT 2"),
              HasOutline("Slice limit 2\n"
                         "  Project ?s ?c\n"
                         "    OrderBy top 2 DESC(?c)\n"
                         "      Bind ?c := ?#agg0\n"
                         "        Group by ?s computing COUNT(?o)\n"
                         "          BGP 1 pattern\n"));
  EXPECT_THAT(Explain("SELECT DISTINCT ?o WHERE { VALUES ?s { ex:alice ex:bob } ?s ex:knows ?o } "
                      "OFFSET 1"),
              HasOutline("Slice offset 1\n"
                         "  Distinct\n"
                         "    Project ?o\n"
                         "      Join into BGP 1 pattern\n"
                         "        Values ?s  (est 2)\n"));
}

TEST_F(ExplainTest, AnalyzeCountsTheRowsReturned) {
  size_t rows = 0;
  const std::string plan = Analyze(
      "SELECT ?s (COUNT(?o) AS ?c) WHERE { ?s ex:knows ?o } GROUP BY ?s ORDER BY DESC(?c)", &rows);
  EXPECT_EQ(rows, 3u);
  const std::vector<PlanLine> lines = ParsePlan(plan);
  ASSERT_GE(lines.size(), 6u) << plan;
  EXPECT_THAT(lines[0].label, StartsWith("Project"));
  EXPECT_EQ(lines[0].rows, std::optional<uint64_t>(rows)) << plan;
  // The group's input: every ex:knows triple.
  bool saw_bgp = false;
  for (const PlanLine& line : lines) {
    if (line.label == "BGP 1 pattern") {
      saw_bgp = true;
      EXPECT_EQ(line.rows, std::optional<uint64_t>(4)) << plan;
    }
  }
  EXPECT_TRUE(saw_bgp) << plan;
  EXPECT_THAT(lines.back().label, StartsWith("total  3 results  time "));
  // The group and the sort hold memory: the budget's peak is not zero.
  EXPECT_THAT(plan, Not(HasSubstr("peak memory 0 B"))) << plan;

  const std::string limited = Analyze("SELECT ?s WHERE { ?s ?p ?o } LIMIT 5", &rows);
  EXPECT_EQ(rows, 5u);
  EXPECT_EQ(ParsePlan(limited)[0].rows, std::optional<uint64_t>(5)) << limited;
}

TEST_F(ExplainTest, AnalyzeFiguresAreThoseOfTheRowsPulledSoFar) {
  std::unique_ptr<QueryResult> result =
      Start("SELECT ?s ?o WHERE { ?s ex:knows ?o }", QueryOptions::Explain::kAnalyze);
  ASSERT_NE(result, nullptr);
  EXPECT_EQ(ParsePlan(result->plan())[0].rows, std::optional<uint64_t>(0));
  std::vector<std::optional<Term>> row;
  ASSERT_TRUE(*result->NextRow(&row));
  EXPECT_THAT(result->plan(), HasSubstr("total  1 result  time"));
  while (*result->NextRow(&row)) {
  }
  EXPECT_EQ(ParsePlan(result->plan())[0].rows, std::optional<uint64_t>(4));
  EXPECT_THAT(result->plan(), HasSubstr("total  4 results  time"));
}

TEST_F(ExplainTest, ExplainRunsNothingAndRowsMayStillBePulled) {
  std::unique_ptr<QueryResult> result =
      Start("SELECT ?s WHERE { ?s ex:age ?a } ORDER BY ?a", QueryOptions::Explain::kPlan);
  ASSERT_NE(result, nullptr);
  const std::string before = result->plan();
  EXPECT_THAT(before, HasOutline("Project ?s\n  OrderBy ?a\n    BGP 1 pattern\n"));
  EXPECT_THAT(before, Not(HasSubstr("total")));
  EXPECT_THAT(Rows(*result, true), ElementsAre("s=<http://ex.org/bob>", "s=<http://ex.org/alice>",
                                               "s=<http://ex.org/carol>"));
  EXPECT_EQ(result->plan(), before);

  // ASK is answered while the query starts: under kPlan it is not.
  std::unique_ptr<QueryResult> ask =
      Start("ASK { ?s ex:age ?a FILTER(?a > 30) }", QueryOptions::Explain::kPlan);
  ASSERT_NE(ask, nullptr);
  EXPECT_THAT(ask->plan(), StartsWith("BGP 1 pattern + Filter"));
  EXPECT_FALSE(ask->boolean());
  std::unique_ptr<QueryResult> analyzed =
      Start("ASK { ?s ex:age ?a FILTER(?a > 30) }", QueryOptions::Explain::kAnalyze);
  ASSERT_NE(analyzed, nullptr);
  EXPECT_TRUE(analyzed->boolean());
  EXPECT_THAT(analyzed->plan(), HasSubstr("total  1 result  time"));
}

TEST_F(ExplainTest, NoPlanUnlessAsked) {
  std::unique_ptr<QueryResult> result =
      Start("SELECT ?s WHERE { ?s ex:age ?a }", QueryOptions::Explain::kNone);
  ASSERT_NE(result, nullptr);
  EXPECT_EQ(result->plan(), "");
  EXPECT_EQ(Rows(*result).size(), 3u);
  EXPECT_EQ(result->plan(), "");
}

TEST_F(ExplainTest, ConstructCountsTriples) {
  std::unique_ptr<QueryResult> result = Start(
      "CONSTRUCT { ?o ex:knownBy ?s } WHERE { ?s ex:knows ?o }", QueryOptions::Explain::kAnalyze);
  ASSERT_NE(result, nullptr);
  Term s, p, o;
  int triples = 0;
  while (*result->NextTriple(&s, &p, &o)) ++triples;
  EXPECT_EQ(triples, 4);
  EXPECT_EQ(ParsePlan(result->plan())[0].label, "BGP 1 pattern");
  EXPECT_EQ(ParsePlan(result->plan())[0].rows, std::optional<uint64_t>(4));
  EXPECT_THAT(result->plan(), HasSubstr("total  4 results"));
}

// Sub-plans built while rows are pulled (EXISTS, GRAPH ?g over a non-BGP,
// correlated OPTIONAL) are not added to the sealed tree.
TEST_F(ExplainTest, SubPlansBuiltWhileRunningAreNotShown) {
  for (const char* text : {
           "SELECT ?x WHERE { ?x ex:knows ?y FILTER EXISTS { ?y ex:knows ?z FILTER(?z != ?x) } }",
           "SELECT ?g ?x ?k WHERE { GRAPH ?g { ?x ex:likes ex:pizza OPTIONAL { ?x ex:knows ?k } } "
           "}",
           "SELECT ?x ?n WHERE { ?x ex:age ?a OPTIONAL { ?x ex:name ?n } "
           "FILTER NOT EXISTS { GRAPH ?g { { ?x ex:likes ?f } UNION { ?x ex:knows ?f } } } }",
       }) {
    SCOPED_TRACE(text);
    size_t rows = 0;
    const std::string analyzed = Analyze(text, &rows);
    EXPECT_EQ(Shape(analyzed), Shape(Explain(text)));
    EXPECT_EQ(ParsePlan(analyzed)[0].rows, std::optional<uint64_t>(rows)) << analyzed;
  }
  size_t rows = 0;
  const std::string graph = Analyze(
      "SELECT ?g ?x ?k WHERE { GRAPH ?g { ?x ex:likes ex:pizza OPTIONAL { ?x ex:knows ?k } } }",
      &rows);
  EXPECT_EQ(rows, 2u);
  const std::vector<PlanLine> lines = ParsePlan(graph);
  ASSERT_GE(lines.size(), 3u) << graph;
  EXPECT_THAT(lines[1].label, StartsWith("Graph ?g (the pattern once per named graph, 2 graphs"));
  EXPECT_EQ(lines[1].rows, std::optional<uint64_t>(2));
  EXPECT_THAT(lines[2].label, StartsWith("total")) << graph;
}

}  // namespace
}  // namespace parley::query
