#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "query/results/result_writer.h"
#include "tests/query/results/w3c_results.h"

namespace parley::query {
namespace {

std::string WriteJson(FakeQueryResult result) {
  std::ostringstream out;
  absl::Status status = WriteResult(result, ResultFormat::kJson, out);
  EXPECT_TRUE(status.ok()) << status;
  return out.str();
}

// Our output and the W3C file, both parsed: the same JSON value (key order
// and spacing are free in JSON).
void ExpectSameJsonAsW3c(const std::string& written, const std::string& w3c_file) {
  std::optional<std::string> expected = ReadW3cFile(w3c_file);
  if (!expected) GTEST_SKIP() << "no conformance checkout at " << PARLEY_CONFORMANCE_DIR;
  nlohmann::json got = nlohmann::json::parse(written, nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(got.is_discarded()) << "not JSON:\n" << written;
  EXPECT_EQ(got, nlohmann::json::parse(*expected)) << written;
}

TEST(JsonWriterTest, SelectMatchesW3cJsonres01) {
  ExpectSameJsonAsW3c(WriteJson(DataTtlSolutions(false, "b0", false)), "json-res/jsonres01.srj");
}

TEST(JsonWriterTest, UnboundVariablesAreLeftOutAsInJsonres02) {
  ExpectSameJsonAsW3c(WriteJson(DataTtlSolutions(false, "b0", true)), "json-res/jsonres02.srj");
}

TEST(JsonWriterTest, AskMatchesW3cJsonres03And04) {
  ExpectSameJsonAsW3c(WriteJson(FakeQueryResult::Boolean(true)), "json-res/jsonres03.srj");
  ExpectSameJsonAsW3c(WriteJson(FakeQueryResult::Boolean(false)), "json-res/jsonres04.srj");
}

TEST(JsonWriterTest, OneBindingPerLine) {
  EXPECT_EQ(WriteJson(FakeQueryResult::Solutions(
                {"s", "label"}, {{Ex("a"), Term::LangLiteral("北京", "zh")}, {Ex("b"), {}}})),
            "{\"head\":{\"vars\":[\"s\",\"label\"]},\"results\":{\"bindings\":[\n"
            "{\"s\":{\"type\":\"uri\",\"value\":\"http://example.org/a\"},"
            "\"label\":{\"type\":\"literal\",\"value\":\"北京\",\"xml:lang\":\"zh\"}},\n"
            "{\"s\":{\"type\":\"uri\",\"value\":\"http://example.org/b\"}}\n"
            "]}}\n");
}

TEST(JsonWriterTest, NoRows) {
  EXPECT_EQ(WriteJson(FakeQueryResult::Solutions({"x"}, {})),
            "{\"head\":{\"vars\":[\"x\"]},\"results\":{\"bindings\":[\n]}}\n");
}

TEST(JsonWriterTest, EscapesStringsAndKeepsUnicode) {
  std::string written =
      WriteJson(FakeQueryResult::Solutions({"q"}, {{Term::Literal("say \"hi\"\\\n\t\x01 🤝")}}));
  EXPECT_NE(written.find(R"("value":"say \"hi\"\\\n\t\u0001 🤝")"), std::string::npos) << written;
  nlohmann::json parsed = nlohmann::json::parse(written);
  EXPECT_EQ(parsed["results"]["bindings"][0]["q"]["value"], "say \"hi\"\\\n\t\x01 🤝");
}

TEST(JsonWriterTest, TypedLiteralsCarryTheirDatatypeButXsdStringDoesNot) {
  nlohmann::json parsed = nlohmann::json::parse(WriteJson(FakeQueryResult::Solutions(
      {"d", "s"}, {{Xsd("2019-02-15", "date"), Term::Literal("plain")}})));
  const nlohmann::json& row = parsed["results"]["bindings"][0];
  EXPECT_EQ(row["d"]["datatype"], "http://www.w3.org/2001/XMLSchema#date");
  EXPECT_FALSE(row["s"].contains("datatype"));
}

}  // namespace
}  // namespace parley::query
