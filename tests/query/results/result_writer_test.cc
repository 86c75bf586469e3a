#include "query/results/result_writer.h"

#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "tests/query/results/fake_query_result.h"

namespace parley::query {
namespace {

constexpr ResultFormat kAllFormats[] = {
    ResultFormat::kJson,  ResultFormat::kXml,      ResultFormat::kCsv,    ResultFormat::kTsv,
    ResultFormat::kTable, ResultFormat::kNTriples, ResultFormat::kTurtle,
};

TEST(ResultFormatTest, NamesRoundTrip) {
  for (ResultFormat format : kAllFormats) {
    EXPECT_EQ(ResultFormatByName(ResultFormatName(format)), format);
  }
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
  for (Kind kind : {Kind::kBoolean, Kind::kSolutions, Kind::kTriples}) {
    EXPECT_TRUE(FormatCarries(ResultFormat::kTable, kind));
  }
}

// An error of the result (a timeout after two rows) comes back as is, after
// the rows before it were written, in every format that streams.
TEST(WriteResultTest, ResultErrorsPassThroughAfterTheRowsBeforeThem) {
  for (ResultFormat format : kAllFormats) {
    SCOPED_TRACE(ResultFormatName(format));
    const bool triples = format == ResultFormat::kNTriples || format == ResultFormat::kTurtle;
    FakeQueryResult result =
        triples ? FakeQueryResult::Triples({{Ex("a"), Ex("p"), Ex("first")},
                                            {Ex("b"), Ex("p"), Ex("second")},
                                            {Ex("c"), Ex("p"), Ex("third")}})
                : FakeQueryResult::Solutions({"o"}, {{Ex("first")}, {Ex("second")}, {Ex("third")}});
    result.FailAfter(2, absl::DeadlineExceededError("query timed out"));
    std::ostringstream out;
    absl::Status status = WriteResult(result, format, out);
    EXPECT_EQ(status, absl::DeadlineExceededError("query timed out"));
    if (format != ResultFormat::kTable) {  // the table buffers: nothing yet
      EXPECT_NE(out.str().find("second"), std::string::npos) << out.str();
    }
    EXPECT_EQ(out.str().find("third"), std::string::npos) << out.str();
  }
}

TEST(WriteResultTest, OutputErrorsAreUnavailable) {
  for (ResultFormat format : kAllFormats) {
    SCOPED_TRACE(ResultFormatName(format));
    const bool triples = format == ResultFormat::kNTriples || format == ResultFormat::kTurtle;
    FakeQueryResult result = triples ? FakeQueryResult::Triples({{Ex("a"), Ex("p"), Ex("o")}})
                                     : FakeQueryResult::Solutions({"o"}, {{Ex("a")}});
    std::ostringstream out;
    out.setstate(std::ios::badbit);  // as after a write to a closed pipe
    EXPECT_EQ(WriteResult(result, format, out).code(), absl::StatusCode::kUnavailable);
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
