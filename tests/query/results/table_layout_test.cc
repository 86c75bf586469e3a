#include "query/results/table_layout.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace parley::query {
namespace {

using Style = WriteOptions::TableStyle;

TableCell Left(std::string text) { return {std::move(text), false}; }
TableCell Right(std::string text) { return {std::move(text), true}; }

TEST(TableLayoutTest, AsciiAlignsLeftAndRight) {
  TextTable table{{"name", "n"}, {{Left("a"), Right("42")}, {Left("bcd"), Right("1.5")}}};
  EXPECT_EQ(RenderTable(table, Style::kAscii, 0),
            "+------+-----+\n"
            "| name | n   |\n"
            "+------+-----+\n"
            "| a    |  42 |\n"
            "| bcd  | 1.5 |\n"
            "+------+-----+\n");
}

TEST(TableLayoutTest, UnicodeBoxDrawing) {
  TextTable table{{"s", "n"}, {{Left("北京"), Right("7")}}};
  EXPECT_EQ(RenderTable(table, Style::kUnicode, 0),
            "┌──────┬───┐\n"
            "│ s    │ n │\n"
            "├──────┼───┤\n"
            "│ 北京 │ 7 │\n"
            "└──────┴───┘\n");
}

TEST(TableLayoutTest, HeaderWithoutRows) {
  TextTable table{{"s"}, {}};
  EXPECT_EQ(RenderTable(table, Style::kAscii, 0), "+---+\n| s |\n+---+\n");
  EXPECT_EQ(RenderTable(table, Style::kUnicode, 0), "┌───┐\n│ s │\n└───┘\n");
  EXPECT_EQ(RenderTable(TextTable{}, Style::kAscii, 0), "");
}

TEST(TableLayoutTest, FitsTheNaturalWidthsWhenTheyFit) {
  TextTable table{{"a", "b"}, {{Left("12345678901234567890"), Left("x")}}};
  // 20 + 1 columns of cells and 7 of frame.
  EXPECT_EQ(ColumnWidths(table, 0), (std::vector<size_t>{20, 1}));
  EXPECT_EQ(ColumnWidths(table, 28), (std::vector<size_t>{20, 1}));
  EXPECT_EQ(ColumnWidths(table, 27), (std::vector<size_t>{19, 1}));
}

TEST(TableLayoutTest, ShrinksTheWidestColumnsFirst) {
  TextTable table{{"a", "b", "c"},
                  {{Left(std::string(30, 'x')), Left(std::string(20, 'y')), Left("z")}}};
  // Frame 10; 40 columns for cells: the 30 and the 20 both come down to 19
  // and 20, the narrow column keeps its 1.
  EXPECT_EQ(ColumnWidths(table, 50), (std::vector<size_t>{20, 19, 1}));
  EXPECT_EQ(ColumnWidths(table, 45), (std::vector<size_t>{17, 17, 1}));
  // Not below 8 columns: past that the lines exceed the width.
  EXPECT_EQ(ColumnWidths(table, 20), (std::vector<size_t>{8, 8, 1}));
  EXPECT_EQ(ColumnWidths(table, 5), (std::vector<size_t>{8, 8, 1}));
}

TEST(TableLayoutTest, HeadersUpToSixteenColumnsAreKept) {
  TextTable table{{"a_long_variable", std::string(20, 'h')},
                  {{Left(std::string(40, 'x')), Left(std::string(40, 'y'))}}};
  EXPECT_EQ(ColumnWidths(table, 10), (std::vector<size_t>{15, 16}));
}

TEST(TableLayoutTest, CutsCellsToTheWidthWithAnEllipsis) {
  TextTable table{{"iri", "label", "n"},
                  {{Left("<http://example.org/washington>"), Left("\"北京市人民政府\"@zh"),
                    Right("1234567890123")}}};
  const std::string text = RenderTable(table, Style::kAscii, 40);
  EXPECT_EQ(text,
            "+------------+------------+------------+\n"
            "| iri        | label      | n          |\n"
            "+------------+------------+------------+\n"
            "| <http://e… | \"北京市人… | 123456789… |\n"
            "+------------+------------+------------+\n");
  EXPECT_EQ(text.find('\n'), 40u);  // 40 columns, all ASCII in the border
}

}  // namespace
}  // namespace parley::query
