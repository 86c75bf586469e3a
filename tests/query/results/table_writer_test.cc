#include <sstream>
#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "query/results/result_writer.h"
#include "query/results/term_text.h"
#include "tests/query/results/fake_query_result.h"

namespace parley::query {
namespace {

std::string WriteTable(FakeQueryResult result) {
  std::ostringstream out;
  absl::Status status = WriteResult(result, ResultFormat::kTable, out);
  EXPECT_TRUE(status.ok()) << status;
  return out.str();
}

std::string WriteTable(FakeQueryResult result, const WriteOptions& options) {
  std::ostringstream out;
  absl::StatusOr<uint64_t> written = WriteResult(result, ResultFormat::kTable, options, out);
  EXPECT_TRUE(written.ok()) << written.status();
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

TEST(TableWriterTest, UnicodeStyle) {
  WriteOptions options;
  options.table_style = WriteOptions::TableStyle::kUnicode;
  EXPECT_EQ(
      WriteTable(FakeQueryResult::Solutions({"s", "label"}, {{Ex("a"), Term::Literal("北京")}}),
                 options),
      "┌────────────────────────┬────────┐\n"
      "│ s                      │ label  │\n"
      "├────────────────────────┼────────┤\n"
      "│ <http://example.org/a> │ \"北京\" │\n"
      "└────────────────────────┴────────┘\n"
      "1 row\n");
  EXPECT_EQ(WriteTable(FakeQueryResult::Boolean(true), options),
            "┌──────┐\n"
            "│ ask  │\n"
            "├──────┤\n"
            "│ true │\n"
            "└──────┘\n");
}

TEST(TableWriterTest, NumbersRightAlignedOnRequest) {
  WriteOptions options;
  options.right_align_numbers = true;
  EXPECT_EQ(WriteTable(FakeQueryResult::Solutions({"value"}, {{Xsd("4", "integer")},
                                                              {Xsd("-1.25", "decimal")},
                                                              {Xsd("1.0E6", "double")},
                                                              {Xsd("7", "unsignedByte")},
                                                              {Xsd("true", "boolean")},
                                                              {Term::Literal("12")},
                                                              {std::nullopt}}),
                       options),
            "+-----------------------+\n"
            "| value                 |\n"
            "+-----------------------+\n"
            "|                     4 |\n"
            "|                 -1.25 |\n"
            "|                 1.0E6 |\n"
            "| \"7\"^^xsd:unsignedByte |\n"
            "| true                  |\n"
            "| \"12\"                  |\n"
            "|                       |\n"
            "+-----------------------+\n"
            "7 rows\n");
}

TEST(TableWriterTest, PrefixesShortenIrisAndDatatypes) {
  WriteOptions options;
  options.prefixes = {{"ex", "http://example.org/"}, {"neg", "http://example.org/neg#"}};
  EXPECT_EQ(WriteTable(FakeQueryResult::Triples(
                           {{Ex("neg#talks"), Ex("neg#type"), Ex("neg#Meeting")},
                            {Ex("neg#talks"), Ex("date"),
                             Term::TypedLiteral("Feb", "http://example.org/neg#month")},
                            {Ex("a/b"), Ex("neg#"), Xsd("2019-02-15", "date")}}),
                       options),
            "+--------------------------+-----------+------------------------+\n"
            "| subject                  | predicate | object                 |\n"
            "+--------------------------+-----------+------------------------+\n"
            "| neg:talks                | neg:type  | neg:Meeting            |\n"
            "| neg:talks                | ex:date   | \"Feb\"^^neg:month       |\n"
            "| <http://example.org/a/b> | neg:      | \"2019-02-15\"^^xsd:date |\n"
            "+--------------------------+-----------+------------------------+\n"
            "3 triples\n");
}

TEST(TableWriterTest, MaxWidthCutsTheWidestColumnsWithAnEllipsis) {
  WriteOptions options;
  options.max_width = 40;
  const std::string table = WriteTable(
      FakeQueryResult::Solutions(
          {"city", "label", "n"},
          {{Ex("washington"), Term::LangLiteral("北京市人民政府", "zh"), Xsd("4", "integer")}}),
      options);
  EXPECT_EQ(table,
            "+-----------------+----------------+---+\n"
            "| city            | label          | n |\n"
            "+-----------------+----------------+---+\n"
            "| <http://exampl… | \"北京市人民政… | 4 |\n"
            "+-----------------+----------------+---+\n"
            "1 row\n");
  for (size_t start = 0; start < table.size();) {  // every line fits
    const size_t end = table.find('\n', start);
    EXPECT_LE(DisplayWidth(std::string_view(table).substr(start, end - start)), 40u);
    start = end + 1;
  }
}

TEST(TableWriterTest, NoCountFooter) {
  WriteOptions options;
  options.count_footer = false;
  EXPECT_EQ(WriteTable(FakeQueryResult::Solutions({"s"}, {{Ex("a")}}), options),
            "+------------------------+\n"
            "| s                      |\n"
            "+------------------------+\n"
            "| <http://example.org/a> |\n"
            "+------------------------+\n");
  EXPECT_EQ(WriteTable(FakeQueryResult::Triples({}), options),
            "+---------+-----------+--------+\n"
            "| subject | predicate | object |\n"
            "+---------+-----------+--------+\n");
}

}  // namespace
}  // namespace parley::query
