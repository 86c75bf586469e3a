#include "query/results/result_writer.h"

#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "tests/query/results/fake_query_result.h"

namespace parley::query {
namespace {

constexpr ResultFormat kAllFormats[] = {
    ResultFormat::kJson,  ResultFormat::kXml,      ResultFormat::kCsv,    ResultFormat::kTsv,
    ResultFormat::kTable, ResultFormat::kNTriples, ResultFormat::kTurtle, ResultFormat::kDot,
};

bool CarriesOnlyTriples(ResultFormat format) {
  return format == ResultFormat::kNTriples || format == ResultFormat::kTurtle ||
         format == ResultFormat::kDot;
}

TEST(ResultFormatTest, NamesRoundTrip) {
  for (ResultFormat format : kAllFormats) {
    EXPECT_EQ(ResultFormatByName(ResultFormatName(format)), format);
  }
  EXPECT_EQ(ResultFormatByName("dot"), ResultFormat::kDot);
  EXPECT_EQ(ResultFormatName(ResultFormat::kDot), "dot");
  EXPECT_EQ(ResultFormatByName("JSON"), std::nullopt);
  EXPECT_EQ(ResultFormatByName("srj"), std::nullopt);
}

TEST(ResultFormatTest, WhichFormatCarriesWhichKind) {
  using Kind = QueryResult::Kind;
  EXPECT_TRUE(FormatCarries(ResultFormat::kJson, Kind::kBoolean));
  EXPECT_TRUE(FormatCarries(ResultFormat::kCsv, Kind::kSolutions));
  EXPECT_FALSE(FormatCarries(ResultFormat::kXml, Kind::kTriples));
  EXPECT_TRUE(FormatCarries(ResultFormat::kTurtle, Kind::kTriples));
  EXPECT_FALSE(FormatCarries(ResultFormat::kNTriples, Kind::kBoolean));
  EXPECT_TRUE(FormatCarries(ResultFormat::kDot, Kind::kTriples));
  EXPECT_FALSE(FormatCarries(ResultFormat::kDot, Kind::kBoolean));
  EXPECT_FALSE(FormatCarries(ResultFormat::kDot, Kind::kSolutions));
  for (Kind kind : {Kind::kBoolean, Kind::kSolutions, Kind::kTriples}) {
    EXPECT_TRUE(FormatCarries(ResultFormat::kTable, kind));
  }
}

// An error of the result (a timeout after two rows) comes back as is, after
// the rows before it were written, in every format that streams.
TEST(WriteResultTest, ResultErrorsPassThroughAfterTheRowsBeforeThem) {
  for (ResultFormat format : kAllFormats) {
    SCOPED_TRACE(ResultFormatName(format));
    const bool triples = CarriesOnlyTriples(format);
    FakeQueryResult result =
        triples ? FakeQueryResult::Triples({{Ex("a"), Ex("p"), Ex("first")},
                                            {Ex("b"), Ex("p"), Ex("second")},
                                            {Ex("c"), Ex("p"), Ex("third")}})
                : FakeQueryResult::Solutions({"o"}, {{Ex("first")}, {Ex("second")}, {Ex("third")}});
    result.FailAfter(2, absl::DeadlineExceededError("query timed out"));
    std::ostringstream out;
    absl::Status status = WriteResult(result, format, out);
    EXPECT_EQ(status, absl::DeadlineExceededError("query timed out"));
    if (format != ResultFormat::kTable && format != ResultFormat::kDot) {  // they buffer
      EXPECT_NE(out.str().find("second"), std::string::npos) << out.str();
    }
    EXPECT_EQ(out.str().find("third"), std::string::npos) << out.str();
  }
}

TEST(WriteResultTest, OutputErrorsAreUnavailable) {
  for (ResultFormat format : kAllFormats) {
    SCOPED_TRACE(ResultFormatName(format));
    const bool triples = CarriesOnlyTriples(format);
    FakeQueryResult result = triples ? FakeQueryResult::Triples({{Ex("a"), Ex("p"), Ex("o")}})
                                     : FakeQueryResult::Solutions({"o"}, {{Ex("a")}});
    std::ostringstream out;
    out.setstate(std::ios::badbit);  // as after a write to a closed pipe
    EXPECT_EQ(WriteResult(result, format, out).code(), absl::StatusCode::kUnavailable);
  }
}

TEST(WriteResultTest, ReturnsTheNumberOfRowsOrTriplesWritten) {
  for (ResultFormat format : kAllFormats) {
    SCOPED_TRACE(ResultFormatName(format));
    FakeQueryResult result =
        CarriesOnlyTriples(format)
            ? FakeQueryResult::Triples({{Ex("a"), Ex("p"), Ex("b")}, {Ex("b"), Ex("p"), Ex("c")}})
            : FakeQueryResult::Solutions({"o"}, {{Ex("a")}, {std::nullopt}, {Ex("c")}});
    std::ostringstream out;
    absl::StatusOr<uint64_t> written = WriteResult(result, format, WriteOptions(), out);
    ASSERT_TRUE(written.ok()) << written.status();
    EXPECT_EQ(*written, CarriesOnlyTriples(format) ? 2u : 3u);
  }
  for (ResultFormat format : {ResultFormat::kJson, ResultFormat::kTable}) {
    FakeQueryResult ask = FakeQueryResult::Boolean(false);
    std::ostringstream out;
    EXPECT_EQ(WriteResult(ask, format, WriteOptions(), out).value_or(0), 1u);
    FakeQueryResult none = FakeQueryResult::Solutions({"s"}, {});
    EXPECT_EQ(WriteResult(none, format, WriteOptions(), out).value_or(99), 0u);
  }
  FakeQueryResult construct = FakeQueryResult::Triples({{Ex("a"), Ex("p"), Ex("b")}});
  std::ostringstream out;
  EXPECT_EQ(WriteResult(construct, ResultFormat::kTable, WriteOptions(), out).value_or(0), 1u);
}

// The options change only the formats for people: the others are the same
// with and without them.
TEST(WriteResultTest, MachineFormatsIgnoreTheOptions) {
  WriteOptions options;
  options.table_style = WriteOptions::TableStyle::kUnicode;
  options.max_width = 10;
  options.prefixes = {{"ex", "http://example.org/"}};
  options.right_align_numbers = true;
  options.count_footer = false;
  for (ResultFormat format : kAllFormats) {
    if (format == ResultFormat::kTable || format == ResultFormat::kDot) continue;
    SCOPED_TRACE(ResultFormatName(format));
    auto make = [&] {
      if (CarriesOnlyTriples(format)) {
        return FakeQueryResult::Triples({{Ex("a"), Ex("p"), Xsd("1", "integer")}});
      }
      return FakeQueryResult::Solutions({"o"}, {{Ex("a")}, {Xsd("1", "integer")}});
    };
    FakeQueryResult plain = make(), with_options = make();
    std::ostringstream plain_out, options_out;
    ASSERT_TRUE(WriteResult(plain, format, plain_out).ok());
    ASSERT_TRUE(WriteResult(with_options, format, options, options_out).ok());
    EXPECT_EQ(plain_out.str(), options_out.str());
  }
}

TEST(WriteResultTest, KindTheFormatCannotCarryIsInvalidArgument) {
  FakeQueryResult construct = FakeQueryResult::Triples({});
  std::ostringstream out;
  absl::Status status = WriteResult(construct, ResultFormat::kJson, out);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "the json format cannot carry a CONSTRUCT or DESCRIBE result");
}

}  // namespace
}  // namespace parley::query
