#include <sstream>
#include <string>

#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "query/results/result_writer.h"
#include "tests/query/results/w3c_results.h"

namespace parley::query {
namespace {

std::string Write(FakeQueryResult result, ResultFormat format) {
  std::ostringstream out;
  absl::Status status = WriteResult(result, format, out);
  EXPECT_TRUE(status.ok()) << status;
  return out.str();
}

// The W3C files end lines in LF; the CSV format (RFC 4180) asks for CRLF.
void ExpectCsvAsW3c(FakeQueryResult result, const std::string& w3c_file) {
  std::optional<std::string> expected = ReadW3cFile(w3c_file);
  if (!expected) GTEST_SKIP() << "no conformance checkout at " << PARLEY_CONFORMANCE_DIR;
  EXPECT_EQ(Write(std::move(result), ResultFormat::kCsv),
            absl::StrReplaceAll(*expected, {{"\n", "\r\n"}}));
}

void ExpectTsvAsW3c(FakeQueryResult result, const std::string& w3c_file) {
  std::optional<std::string> expected = ReadW3cFile(w3c_file);
  if (!expected) GTEST_SKIP() << "no conformance checkout at " << PARLEY_CONFORMANCE_DIR;
  EXPECT_EQ(Write(std::move(result), ResultFormat::kTsv), *expected);
}

TEST(CsvWriterTest, MatchesW3cCsvtsv01To03) {
  ExpectCsvAsW3c(DataTtlSolutions(true, "a", false), "csv-tsv-res/csvtsv01.csv");
  ExpectCsvAsW3c(DataTtlSolutions(true, "a", true), "csv-tsv-res/csvtsv02.csv");
  ExpectCsvAsW3c(Data2TtlSolutions("1.0E6"), "csv-tsv-res/csvtsv03.csv");
}

TEST(TsvWriterTest, MatchesW3cCsvtsv01To03) {
  ExpectTsvAsW3c(DataTtlSolutions(true, "b0", false), "csv-tsv-res/csvtsv01.tsv");
  ExpectTsvAsW3c(DataTtlSolutions(true, "b0", true), "csv-tsv-res/csvtsv02.tsv");
  ExpectTsvAsW3c(Data2TtlSolutions("1.0e6"), "csv-tsv-res/csvtsv03.tsv");
}

TEST(CsvWriterTest, QuotesFieldsWithCommasQuotesAndLineBreaks) {
  EXPECT_EQ(Write(FakeQueryResult::Solutions(
                      {"a", "b", "c"}, {{Term::Literal("say \"hi\""), Term::Literal("two\nlines"),
                                         Term::LangLiteral("北京", "zh")}}),
                  ResultFormat::kCsv),
            "a,b,c\r\n\"say \"\"hi\"\"\",\"two\nlines\",北京\r\n");
}

TEST(TsvWriterTest, EscapesTabsAndLineBreaksInsideLiterals) {
  EXPECT_EQ(Write(FakeQueryResult::Solutions({"a", "b"}, {{Term::Literal("tab\there\nnext"),
                                                           Term::LangLiteral("x", "en")}}),
                  ResultFormat::kTsv),
            "?a\t?b\n\"tab\\there\\nnext\"\t\"x\"@en\n");
}

TEST(DelimitedWriterTest, AskIsAOneCellTable) {
  EXPECT_EQ(Write(FakeQueryResult::Boolean(true), ResultFormat::kCsv), "_askResult\r\ntrue\r\n");
  EXPECT_EQ(Write(FakeQueryResult::Boolean(false), ResultFormat::kTsv), "?_askResult\nfalse\n");
}

}  // namespace
}  // namespace parley::query
