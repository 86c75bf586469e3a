// Inputs big enough to take the other side of the evaluator's adaptive
// choices: keyed probes over several sorted runs of input rows (16 K rows
// each) and repeated keys past the replay bound, the hash OPTIONAL / MINUS
// (past 2 K left rows), plus the memory budget on them.
#include "query/exec/block.h"
#include "tests/query/exec/exec_test_support.h"

namespace parley::query {
namespace {

using namespace testing_exec;  // NOLINT: test helpers

constexpr int kSubjects = 20000;
constexpr int kNamed = 1000;
// Every subject links to one of kHubs hubs, in no order of the subjects;
// hub 0 has kBigHub attributes (more than a replay keeps), the others one.
// kOthers subjects that are no hub have one too, so that there are more
// attributes than links and the planner starts from the links.
constexpr int kHubs = 50;
constexpr int kBigHub = 3000;
constexpr int kOthers = 30000;

int HubOf(int subject) { return (subject * 7919) % kHubs; }

class ExecutorScaleTest : public ExecTest {
 protected:
  void SetUp() override {
    ExecTest::SetUp();
    std::vector<Quad> quads;
    for (int i = 0; i < kSubjects; ++i) {
      const Term s = Ex(absl::StrCat("s", i));
      quads.push_back({s, Ex("type"), Ex("T"), {}});
      quads.push_back({s, Ex("val"), Int(i), {}});
      if (i < kNamed) quads.push_back({s, Ex("name"), Str(absl::StrCat("n", i)), {}});
      quads.push_back({s, Ex("link"), Ex(absl::StrCat("h", HubOf(i))), {}});
    }
    for (int h = 0; h < kHubs; ++h) {
      for (int a = 0; a < (h == 0 ? kBigHub : 1); ++a) {
        quads.push_back({Ex(absl::StrCat("h", h)), Ex("attr"), Int(a), {}});
      }
    }
    for (int k = 0; k < kOthers; ++k)
      quads.push_back({Ex(absl::StrCat("o", k)), Ex("attr"), Int(k), {}});
    Insert(quads);
  }

  size_t Count(std::shared_ptr<const Query> query, const QueryOptions& options = {}) {
    auto result = Run(std::move(query), options);
    EXPECT_TRUE(result.ok()) << result.status();
    if (!result.ok()) return 0;
    std::vector<std::optional<Term>> row;
    size_t n = 0;
    while (true) {
      auto more = (*result)->NextRow(&row);
      EXPECT_TRUE(more.ok()) << more.status();
      if (!more.ok() || !*more) return n;
      ++n;
    }
  }
};

TEST_F(ExecutorScaleTest, BgpStarMergeJoin) {
  auto q =
      Select(Bgp({{V("s"), Ex("type"), Ex("T")}, {V("s"), Ex("val"), V("v")}}), {V("s"), V("v")});
  EXPECT_EQ(Count(q), static_cast<size_t>(kSubjects));
}

TEST_F(ExecutorScaleTest, KeyedProbesOfUnsortedRepeatedKeys) {
  // The rows ascend in ?s; the probes by ?h come in no order, repeat each
  // hub hundreds of times, and hub 0 has too many quads to replay.
  auto q = Select(Bgp({{V("s"), Ex("val"), V("v")},
                       {V("s"), Ex("link"), V("h")},
                       {V("h"), Ex("attr"), V("a")}}),
                  {V("s"), V("a")});
  QueryOptions explain;
  explain.explain = QueryOptions::Explain::kPlan;
  auto planned = Run(q, explain);
  ASSERT_TRUE(planned.ok()) << planned.status();
  EXPECT_NE((*planned)->plan().find("keyed probe on ?h"), std::string::npos) << (*planned)->plan();
  size_t expected = 0;
  for (int i = 0; i < kSubjects; ++i) expected += HubOf(i) == 0 ? kBigHub : 1;
  EXPECT_EQ(Count(q), expected);
}

TEST_F(ExecutorScaleTest, AskAndFirstBlocksComputeFewRows) {
  // Blocks start small and grow: ASK stops after a few rows of the join,
  // not a full block at every level.
  auto q = std::make_shared<Query>();
  q->form = Query::Form::kAsk;
  q->pattern = Bgp({{V("s"), Ex("type"), Ex("T")}, {V("s"), Ex("val"), V("v")}});
  QueryOptions options;
  options.explain = QueryOptions::Explain::kAnalyze;
  auto result = Run(q, options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE((*result)->boolean());
  const std::string plan = (*result)->plan();
  const size_t at = plan.find("BGP 2 patterns  rows ");
  ASSERT_NE(at, std::string::npos) << plan;
  EXPECT_LE(std::stoul(plan.substr(at + std::string("BGP 2 patterns  rows ").size())),
            kFirstBlockRows)
      << plan;
}

TEST_F(ExecutorScaleTest, HashOptionalAndMinus) {
  auto left = Bgp({{V("s"), Ex("val"), V("v")}});
  auto names = Bgp({{V("s"), Ex("name"), V("n")}});
  EXPECT_EQ(Count(Select(Binary(Op::Kind::kLeftJoin, left, names), {V("s"), V("n")})),
            static_cast<size_t>(kSubjects));
  EXPECT_EQ(Count(Select(Binary(Op::Kind::kMinus, left, names), {V("s")})),
            static_cast<size_t>(kSubjects - kNamed));
  // The same through the correlated (per row) evaluation: a small left side.
  auto few = Bgp({{V("s"), Ex("val"), Int(5)}});
  EXPECT_EQ(Count(Select(Binary(Op::Kind::kLeftJoin, few, names), {V("s"), V("n")})), 1u);
  EXPECT_EQ(Count(Select(Binary(Op::Kind::kMinus, few, names), {V("s")})), 0u);
}

TEST_F(ExecutorScaleTest, MemoryBudgetOnHashJoin) {
  auto q = Select(Binary(Op::Kind::kLeftJoin, Bgp({{V("s"), Ex("val"), V("v")}}),
                         Bgp({{V("s"), Ex("type"), V("t")}})),
                  {V("s")});
  QueryOptions options;
  options.memory_budget_bytes = 64 * 1024;
  auto result = Run(q, options);
  ASSERT_TRUE(result.ok()) << result.status();
  std::vector<std::optional<Term>> row;
  absl::StatusOr<bool> more = true;
  while (more.ok() && *more) more = (*result)->NextRow(&row);
  EXPECT_TRUE(absl::IsResourceExhausted(more.status())) << more.status();
  EXPECT_NE(more.status().message().find("bytes of memory"), std::string::npos);
}

}  // namespace
}  // namespace parley::query
