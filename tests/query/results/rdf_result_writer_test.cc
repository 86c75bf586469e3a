#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "query/results/result_writer.h"
#include "tests/query/results/fake_query_result.h"

namespace parley::query {
namespace {

const Term kType = Term::Iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");

std::string Write(FakeQueryResult result, ResultFormat format) {
  std::ostringstream out;
  absl::Status status = WriteResult(result, format, out);
  EXPECT_TRUE(status.ok()) << status;
  return out.str();
}

FakeQueryResult Graph() {
  return FakeQueryResult::Triples({
      {Ex("alice"), kType, Ex("Person")},
      {Ex("alice"), Ex("name"), Term::Literal("Alice \"A\"\n")},
      {Ex("alice"), Ex("name"), Term::LangLiteral("アリス", "ja")},
      {Ex("alice"), Ex("born"), Xsd("1970-01-01", "date")},
      {Term::BlankNode("b1"), Ex("age"), Xsd("42", "integer")},
  });
}

TEST(NTriplesWriterTest, OneTriplePerLine) {
  EXPECT_EQ(Write(Graph(), ResultFormat::kNTriples),
            "<http://example.org/alice> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
            "<http://example.org/Person> .\n"
            "<http://example.org/alice> <http://example.org/name> \"Alice \\\"A\\\"\\n\" .\n"
            "<http://example.org/alice> <http://example.org/name> \"アリス\"@ja .\n"
            "<http://example.org/alice> <http://example.org/born> "
            "\"1970-01-01\"^^<http://www.w3.org/2001/XMLSchema#date> .\n"
            "_:b1 <http://example.org/age> \"42\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
}

TEST(TurtleWriterTest, GroupsConsecutiveTriplesBySubjectAndPredicate) {
  EXPECT_EQ(Write(Graph(), ResultFormat::kTurtle),
            "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
            "\n"
            "<http://example.org/alice> a <http://example.org/Person> ;\n"
            "    <http://example.org/name> \"Alice \\\"A\\\"\\n\" ,\n"
            "        \"アリス\"@ja ;\n"
            "    <http://example.org/born> \"1970-01-01\"^^xsd:date .\n"
            "_:b1 <http://example.org/age> 42 .\n");
}

TEST(TurtleWriterTest, EmptyGraphIsOnlyThePrefix) {
  EXPECT_EQ(Write(FakeQueryResult::Triples({}), ResultFormat::kTurtle),
            "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n");
}

TEST(RdfResultWriterTest, SolutionsAreNotTriples) {
  FakeQueryResult select = FakeQueryResult::Solutions({"s"}, {});
  std::ostringstream out;
  absl::Status status = WriteResult(select, ResultFormat::kNTriples, out);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace parley::query
