// Inputs big enough to take the other side of the evaluator's adaptive
// choices: hash joins inside BGPs (past 16 K input rows) and the hash
// OPTIONAL / MINUS (past 2 K left rows), plus the memory budget on them.
#include "tests/query/exec/exec_test_support.h"

namespace parley::query {
namespace {

using namespace testing_exec;  // NOLINT: test helpers

constexpr int kSubjects = 20000;
constexpr int kNamed = 1000;

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
    }
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

TEST_F(ExecutorScaleTest, BgpHashJoin) {
  auto q =
      Select(Bgp({{V("s"), Ex("type"), Ex("T")}, {V("s"), Ex("val"), V("v")}}), {V("s"), V("v")});
  EXPECT_EQ(Count(q), static_cast<size_t>(kSubjects));
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
