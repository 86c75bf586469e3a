#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "query/results/result_writer.h"
#include "tests/query/results/fake_query_result.h"

namespace parley::query {
namespace {

const Term kLabel = Term::Iri("http://www.w3.org/2000/01/rdf-schema#label");

std::string WriteDot(FakeQueryResult result, const WriteOptions& options = WriteOptions()) {
  std::ostringstream out;
  absl::StatusOr<uint64_t> written = WriteResult(result, ResultFormat::kDot, options, out);
  EXPECT_TRUE(written.ok()) << written.status();
  return out.str();
}

constexpr std::string_view kPreamble =
    "digraph result {\n"
    "  rankdir=LR;\n"
    "  node [shape=box, fontname=\"Helvetica\"];\n"
    "  edge [fontname=\"Helvetica\"];\n";

TEST(DotWriterTest, NodesEdgesAndLabels) {
  WriteOptions options;
  options.prefixes = {{"ex", "http://example.org/"}};
  EXPECT_EQ(WriteDot(FakeQueryResult::Triples({
                         {Ex("alice"), Ex("knows"), Ex("bob")},
                         {Ex("alice"), kLabel, Term::LangLiteral("Alicia", "es")},
                         {Ex("alice"), kLabel, Term::Literal("Alice")},
                         {Ex("alice"), kLabel, Term::LangLiteral("Alice E.", "en")},
                         {Ex("bob"), Ex("age"), Xsd("42", "integer")},
                         {Ex("bob"), Ex("knows"), Term::BlankNode("b0")},
                         {Term::BlankNode("b0"), Ex("seeAlso"), Term::Iri("http://other.org/x")},
                         {Ex("carol"), Ex("age"), Xsd("42", "integer")},
                     }),
                     options),
            std::string(kPreamble) +
                "  n0 [label=\"Alice\"];\n"
                "  n1 [label=\"ex:bob\"];\n"
                "  n2 [label=\"42\", shape=note];\n"
                "  n3 [label=\"_:b0\"];\n"
                "  n4 [label=\"<http://other.org/x>\"];\n"
                "  n5 [label=\"ex:carol\"];\n"
                "  n0 -> n1 [label=\"ex:knows\"];\n"
                "  n1 -> n2 [label=\"ex:age\"];\n"
                "  n1 -> n3 [label=\"ex:knows\"];\n"
                "  n3 -> n4 [label=\"ex:seeAlso\"];\n"
                "  n5 -> n2 [label=\"ex:age\"];\n"
                "}\n");
}

TEST(DotWriterTest, FallsBackToTheFirstLabelAndKeepsIriLabelsAsEdges) {
  EXPECT_EQ(WriteDot(FakeQueryResult::Triples({
                {Ex("a"), kLabel, Term::LangLiteral("eins", "de")},
                {Ex("a"), kLabel, Term::LangLiteral("un", "fr")},
                {Ex("a"), kLabel, Ex("name")},
            })),
            std::string(kPreamble) +
                "  n0 [label=\"eins\"];\n"
                "  n1 [label=\"<http://example.org/name>\"];\n"
                "  n0 -> n1 [label=\"<http://www.w3.org/2000/01/rdf-schema#label>\"];\n"
                "}\n");
}

TEST(DotWriterTest, EscapesDotStrings) {
  EXPECT_EQ(WriteDot(FakeQueryResult::Triples({
                {Ex("a"), kLabel, Term::Literal("say \"hi\"\\ \r\nnext\rlast\x01")},
                {Ex("a"), Ex("p"), Term::Literal("a \"b\" \\ c\nd")},
                {Ex("a"), Ex("p"), Term::LangLiteral("北京", "zh")},
            })),
            std::string(kPreamble) + R"(  n0 [label="say \"hi\"\\ \nnext\nlast�"];)"
                                     "\n"
                                     // The literal's Turtle text, whose own escapes are escaped.
                                     R"(  n1 [label="\"a \\\"b\\\" \\\\ c\\nd\"", shape=note];)"
                                     "\n"
                                     R"(  n2 [label="\"北京\"@zh", shape=note];)"
                                     "\n"
                                     R"(  n0 -> n1 [label="<http://example.org/p>"];)"
                                     "\n"
                                     R"(  n0 -> n2 [label="<http://example.org/p>"];)"
                                     "\n"
                                     "}\n");
}

TEST(DotWriterTest, EmptyGraph) {
  EXPECT_EQ(WriteDot(FakeQueryResult::Triples({})), std::string(kPreamble) + "}\n");
}

TEST(DotWriterTest, CarriesOnlyTriples) {
  FakeQueryResult select = FakeQueryResult::Solutions({"s"}, {});
  std::ostringstream out;
  EXPECT_EQ(WriteResult(select, ResultFormat::kDot, WriteOptions(), out).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace parley::query
