#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "query/results/result_writer.h"
#include "tests/query/results/fake_query_result.h"

namespace parley::query {
namespace {

std::string WriteXml(FakeQueryResult result) {
  std::ostringstream out;
  absl::Status status = WriteResult(result, ResultFormat::kXml, out);
  EXPECT_TRUE(status.ok()) << status;
  return out.str();
}

TEST(XmlWriterTest, Select) {
  EXPECT_EQ(WriteXml(FakeQueryResult::Solutions(
                {"s", "o", "n"},
                {{Ex("a?x=1&y=2"), Term::LangLiteral("<北京>", "zh"), Xsd("4", "integer")},
                 {Term::BlankNode("b0"), Term::Literal("a \"q\"\r\n"), std::nullopt}})),
            "<?xml version=\"1.0\"?>\n"
            "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
            "  <head>\n"
            "    <variable name=\"s\"/>\n"
            "    <variable name=\"o\"/>\n"
            "    <variable name=\"n\"/>\n"
            "  </head>\n"
            "  <results>\n"
            "    <result>\n"
            "      <binding name=\"s\"><uri>http://example.org/a?x=1&amp;y=2</uri></binding>\n"
            "      <binding name=\"o\"><literal xml:lang=\"zh\">&lt;北京&gt;</literal></binding>\n"
            "      <binding name=\"n\"><literal "
            "datatype=\"http://www.w3.org/2001/XMLSchema#integer\">4</literal></binding>\n"
            "    </result>\n"
            "    <result>\n"
            "      <binding name=\"s\"><bnode>b0</bnode></binding>\n"
            "      <binding name=\"o\"><literal>a &quot;q&quot;&#13;\n</literal></binding>\n"
            "    </result>\n"
            "  </results>\n"
            "</sparql>\n");
}

TEST(XmlWriterTest, Ask) {
  EXPECT_EQ(WriteXml(FakeQueryResult::Boolean(true)),
            "<?xml version=\"1.0\"?>\n"
            "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
            "  <head/>\n"
            "  <boolean>true</boolean>\n"
            "</sparql>\n");
}

TEST(XmlWriterTest, ControlCharactersXmlCannotHoldAreReplaced) {
  std::string written = WriteXml(FakeQueryResult::Solutions({"x"}, {{Term::Literal("a\x01z")}}));
  EXPECT_NE(written.find("<literal>a\xEF\xBF\xBDz</literal>"), std::string::npos) << written;
}

}  // namespace
}  // namespace parley::query
