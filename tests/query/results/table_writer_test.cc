#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "query/results/result_writer.h"
#include "tests/query/results/fake_query_result.h"

namespace parley::query {
namespace {

std::string WriteTable(FakeQueryResult result) {
  std::ostringstream out;
  absl::Status status = WriteResult(result, ResultFormat::kTable, out);
  EXPECT_TRUE(status.ok()) << status;
  return out.str();
}

TEST(TableWriterTest, AlignsColumnsByDisplayWidth) {
  EXPECT_EQ(WriteTable(FakeQueryResult::Solutions(
                {"city", "label", "n"},
                {{Ex("bj"), Term::LangLiteral("北京", "zh"), Xsd("4", "integer")},
                 {Ex("washington"), Term::Literal("DC"), std::nullopt},
                 {Term::BlankNode("b0"), Xsd("2019-02-15", "date"), Xsd("1.5", "decimal")}})),
            "+---------------------------------+------------------------+-----+\n"
            "| city                            | label                  | n   |\n"
            "+---------------------------------+------------------------+-----+\n"
            "| <http://example.org/bj>         | \"北京\"@zh              | 4   |\n"
            "| <http://example.org/washington> | \"DC\"                   |     |\n"
            "| _:b0                            | \"2019-02-15\"^^xsd:date | 1.5 |\n"
            "+---------------------------------+------------------------+-----+\n"
            "3 rows\n");
}

TEST(TableWriterTest, NoRows) {
  EXPECT_EQ(WriteTable(FakeQueryResult::Solutions({"s"}, {})),
            "+---+\n"
            "| s |\n"
            "+---+\n"
            "0 rows\n");
}

TEST(TableWriterTest, OneRowIsSingular) {
  std::string table = WriteTable(FakeQueryResult::Solutions({"s"}, {{Ex("a")}}));
  EXPECT_TRUE(table.ends_with("+\n1 row\n")) << table;
}

TEST(TableWriterTest, Ask) {
  EXPECT_EQ(WriteTable(FakeQueryResult::Boolean(false)),
            "+-------+\n"
            "| ask   |\n"
            "+-------+\n"
            "| false |\n"
            "+-------+\n");
}

TEST(TableWriterTest, Triples) {
  EXPECT_EQ(WriteTable(FakeQueryResult::Triples({{Ex("a"), Ex("p"), Term::Literal("x")}})),
            "+------------------------+------------------------+--------+\n"
            "| subject                | predicate              | object |\n"
            "+------------------------+------------------------+--------+\n"
            "| <http://example.org/a> | <http://example.org/p> | \"x\"    |\n"
            "+------------------------+------------------------+--------+\n"
            "1 triple\n");
}

}  // namespace
}  // namespace parley::query
