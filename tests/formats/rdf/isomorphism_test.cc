#include "tests/support/isomorphism.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace parley::engine::io {
namespace {

Term B(const std::string& label) { return Term::BlankNode(label); }
Term I(const std::string& local) { return Term::Iri("http://example.org/" + local); }

std::vector<Quad> Cycle(const std::vector<std::vector<std::string>>& cycles) {
  std::vector<Quad> quads;
  for (const auto& cycle : cycles) {
    for (size_t i = 0; i < cycle.size(); ++i) {
      quads.push_back(Quad{B(cycle[i]), I("next"), B(cycle[(i + 1) % cycle.size()]), Term()});
    }
  }
  return quads;
}

TEST(IsomorphismTest, RenamedBlankNodesMatch) {
  std::vector<Quad> a = {{B("x"), I("p"), B("y"), Term()},
                         {B("y"), I("p"), Term::Literal("v"), B("g")},
                         {I("s"), I("p"), I("o"), Term()}};
  std::vector<Quad> b = {{I("s"), I("p"), I("o"), Term()},
                         {B("2"), I("p"), Term::Literal("v"), B("3")},
                         {B("1"), I("p"), B("2"), Term()},
                         {I("s"), I("p"), I("o"), Term()}};  // duplicates are ignored
  EXPECT_TRUE(IsomorphicDatasets(a, b));
  EXPECT_TRUE(IsomorphicDatasets(b, a));
}

TEST(IsomorphismTest, DifferencesAreFound) {
  std::vector<Quad> a = {{B("x"), I("p"), B("y"), Term()}};
  EXPECT_FALSE(IsomorphicDatasets(a, {{B("x"), I("p"), B("x"), Term()}}));
  EXPECT_FALSE(IsomorphicDatasets(a, {{B("x"), I("q"), B("y"), Term()}}));
  EXPECT_FALSE(IsomorphicDatasets(a, {{B("x"), I("p"), B("y"), I("g")}}));
  EXPECT_FALSE(IsomorphicDatasets(a, {{B("x"), I("p"), I("y"), Term()}}));
  EXPECT_FALSE(IsomorphicDatasets(a, {}));
  // A blank graph name is not the same node as a subject of another label.
  std::vector<Quad> c = {{B("x"), I("p"), I("o"), B("x")}};
  std::vector<Quad> d = {{B("x"), I("p"), I("o"), B("y")}};
  EXPECT_FALSE(IsomorphicDatasets(c, d));
  EXPECT_TRUE(IsomorphicDatasets(c, {{B("z"), I("p"), I("o"), B("z")}}));
}

TEST(IsomorphismTest, RegularGraphsNeedBacktracking) {
  // Every node has one successor and one predecessor: colour refinement
  // cannot tell a 6-cycle from two 3-cycles; the search must.
  auto six = Cycle({{"a", "b", "c", "d", "e", "f"}});
  auto two_threes = Cycle({{"a", "b", "c"}, {"d", "e", "f"}});
  auto six_renamed = Cycle({{"u", "w", "y", "v", "x", "z"}});
  EXPECT_FALSE(IsomorphicDatasets(six, two_threes));
  EXPECT_TRUE(IsomorphicDatasets(six, six_renamed));
  EXPECT_TRUE(IsomorphicDatasets(two_threes, Cycle({{"q", "r", "s"}, {"t", "u", "v"}})));
}

TEST(IsomorphismTest, DescribesDifferences) {
  std::string text = DescribeDatasetDifference({{I("s"), I("p"), I("o"), Term()}},
                                               {{I("s"), I("p"), I("x"), Term()}});
  EXPECT_NE(text.find("only in first:  <http://example.org/s>"), std::string::npos) << text;
  EXPECT_NE(text.find("only in second: <http://example.org/s>"), std::string::npos) << text;
}

}  // namespace
}  // namespace parley::engine::io
