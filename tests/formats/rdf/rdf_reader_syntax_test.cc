// ReadRdf on text the grammars forbid: every such input is a positioned
// error, strict or lenient, and no valid statement next to it is lost.
// Covers what serd alone accepts or drops without a message (stray braces,
// a statement of only "[]", graphs in Turtle, N3's "[ = x ]", text after
// an N-Triples statement) and nesting deep enough to overflow serd's stack.
#include <string>
#include <vector>

#include "formats/rdf/statement_splitter.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/rdf_support.h"

namespace parley::engine::io {
namespace {

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using testing::ReadString;
using ::testing::StartsWith;

constexpr int kMaxNesting = StatementSplitter::kMaxNesting;
const std::string kPrefix = "@prefix ex: <http://example.org/> .\n";

struct BadInput {
  RdfFormat format;
  std::string text;  // ok1 and ok2 are the objects of its valid statements
  uint64_t line;     // of the error
  uint64_t column;   // of the error; 0: not checked (serd's own convention)
};

std::string Describe(const BadInput& input) {
  return std::string(RdfFormatName(input.format)) + ": " + input.text;
}

// The objects of `quads`, by local name (ex:ok1 -> "ok1").
std::vector<std::string> Objects(const std::vector<Quad>& quads) {
  std::vector<std::string> out;
  for (const Quad& q : quads) {
    std::string value = q.object.value();
    out.push_back(value.substr(value.rfind('/') + 1));
  }
  return out;
}

// Strict: an InvalidArgument error at the expected position. Lenient: the
// broken statement is skipped and reported at the same position, and the
// valid statements before and after it (objects ok1, ok2) are all read.
void ExpectRejected(const BadInput& input, std::vector<std::string> kept = {"ok1", "ok2"}) {
  SCOPED_TRACE(Describe(input));
  auto strict = ReadString(input.text, input.format);
  ASSERT_FALSE(strict.ok()) << "accepted, " << strict->size() << " statements";
  EXPECT_EQ(strict.status().code(), absl::StatusCode::kInvalidArgument);
  std::string where = "test:" + std::to_string(input.line) + ":";
  if (input.column != 0) where += std::to_string(input.column) + ":";
  EXPECT_THAT(std::string(strict.status().message()), StartsWith(where));

  ReadOptions options;
  options.lenient = true;
  ReadSummary summary;
  auto lenient = ReadString(input.text, input.format, &summary, options);
  ASSERT_TRUE(lenient.ok()) << lenient.status();
  EXPECT_THAT(Objects(*lenient), ElementsAreArray(kept));
  EXPECT_GE(summary.skipped, 1u);
  ASSERT_FALSE(summary.first_errors.empty());
  EXPECT_THAT(summary.first_errors[0].ToString(), StartsWith(where));
}

TEST(ReadTurtleSyntaxTest, StrayClosersAndNonTurtleSyntaxAreErrors) {
  const std::string ok1 = "ex:s ex:p ex:ok1 .\n", ok2 = "ex:s ex:p ex:ok2 .\n";
  for (const BadInput& input : std::vector<BadInput>{
           {RdfFormat::kTurtle, kPrefix + ok1 + "}\n" + ok2, 3, 1},
           {RdfFormat::kTurtle, kPrefix + ok1 + "} .\n" + ok2, 3, 1},
           {RdfFormat::kTurtle, kPrefix + ok1 + "  }}\n" + ok2, 3, 3},
           {RdfFormat::kTurtle, kPrefix + ok1 + "ex:s ex:p ex:o }\n" + ok2, 3, 16},
           {RdfFormat::kTurtle, kPrefix + ok1 + "ex:s ex:p ex:o ] .\n" + ok2, 3, 0},
           {RdfFormat::kTurtle, kPrefix + ok1 + "ex:s ex:p ex:o ) .\n" + ok2, 3, 0},
           {RdfFormat::kTurtle, kPrefix + ok1 + "[] .\n" + ok2, 3, 1},
           {RdfFormat::kTurtle, kPrefix + ok1 + "[ # nothing\n ] .\n" + ok2, 3, 1},
           {RdfFormat::kTurtle, kPrefix + ok1 + "<http://example.org/a> ex:p ex:b.[].\n" + ok2, 3,
            34},
           {RdfFormat::kTurtle, kPrefix + ok1 + "ex:g { ex:s ex:p ex:o }\n" + ok2, 3, 6},
           {RdfFormat::kTurtle, kPrefix + ok1 + "GRAPH ex:g { ex:s ex:p ex:o }\n" + ok2, 3, 12},
           {RdfFormat::kTurtle, kPrefix + ok1 + "{ ex:s ex:p ex:o }\n" + ok2, 3, 1},
           {RdfFormat::kTurtle, kPrefix + ok1 + "[ == ex:x ; ex:p ex:o ] .\n" + ok2, 3, 3},
       }) {
    ExpectRejected(input);
  }
  // The stray '}' of the issue: also with nothing after it.
  ExpectRejected({RdfFormat::kTurtle, kPrefix + ok1 + "}", 3, 1}, {"ok1"});
  ExpectRejected({RdfFormat::kTurtle, kPrefix + "[]", 2, 1}, {});
}

TEST(ReadTrigSyntaxTest, StrayClosersAndBareBlankNodesAreErrors) {
  const std::string ok1 = "ex:s ex:p ex:ok1 .\n", ok2 = "ex:g { ex:s ex:p ex:ok2 }\n";
  for (const BadInput& input : std::vector<BadInput>{
           {RdfFormat::kTrig, kPrefix + ok1 + "}\n" + ok2, 3, 1},
           {RdfFormat::kTrig, kPrefix + ok1 + "} .\n" + ok2, 3, 1},
           {RdfFormat::kTrig, kPrefix + "ex:g { ex:s ex:p ex:ok1 } }\n" + ok2, 2, 27},
           {RdfFormat::kTrig, kPrefix + ok1 + "ex:h { ex:a { ex:s ex:p ex:o } }\n" + ok2, 3, 13},
           {RdfFormat::kTrig, kPrefix + ok1 + "ex:h { ex:s ex:p [ ex:q ex:o }\n" + ok2, 3, 30},
           {RdfFormat::kTrig, kPrefix + ok1 + "[] .\n" + ok2, 3, 1},
           {RdfFormat::kTrig, kPrefix + ok1 + "{ [] }\n" + ok2, 3, 3},
           {RdfFormat::kTrig, kPrefix + ok1 + "ex:h { [ ] . }\n" + ok2, 3, 8},
           {RdfFormat::kTrig, kPrefix + ok1 + "ex:h { ex:s ex:p ex:o } .\n" + ok2, 3, 0},
           {RdfFormat::kTrig, kPrefix + ok1 + "ex:h { [ == ex:x ; ex:p ex:o ] }\n" + ok2, 3, 10},
       }) {
    ExpectRejected(input);
  }
  // Inside a graph, the statements around the broken one are kept.
  ExpectRejected(
      {RdfFormat::kTrig, kPrefix + "ex:g { ex:s ex:p ex:ok1 . [] . ex:s ex:p ex:ok2 }\n", 2, 27});
}

TEST(ReadBlankNodeLabelTest, LabelsTheGrammarForbidsAreErrors) {
  // serd takes a label starting with '-' (found by rdf_reader_fuzz).
  const std::string ok1 = "ex:s ex:p ex:ok1 .\n", ok2 = "ex:s ex:p ex:ok2 .\n";
  for (RdfFormat format : {RdfFormat::kTurtle, RdfFormat::kTrig}) {
    ExpectRejected({format, kPrefix + ok1 + "ex:s ex:p _:-x .\n" + ok2, 3, 0});
    ExpectRejected({format, kPrefix + ok1 + "_:-x ex:p ex:o .\n" + ok2, 3, 0});
  }
  ExpectRejected({RdfFormat::kTrig, kPrefix + ok1 + "{ ex:s ex:p _:-_:x }\n" + ok2, 3, 0});
  const std::string s = "<http://example.org/s> <http://example.org/p> ";
  ExpectRejected(
      {RdfFormat::kNQuads,
       s + "<http://example.org/ok1> .\n" + s + "_:-x .\n" + s + "<http://example.org/ok2> .\n", 2,
       0});
}

TEST(ReadErrorMessageTest, TheEndOfTheInputIsNamedNotPrintedAsAByte) {
  for (const auto& [text, format] : std::vector<std::pair<std::string, RdfFormat>>{
           {"<http://a> <http://b> <http://c", RdfFormat::kTurtle},
           {"<http://a> <http://b> <http://c", RdfFormat::kNTriples},
           {kPrefix + "ex:a ex:b \"\\u12", RdfFormat::kTurtle},
       }) {
    SCOPED_TRACE(text);
    auto read = ReadString(text, format);
    ASSERT_FALSE(read.ok());
    const std::string message(read.status().message());
    EXPECT_EQ(message.find('\xFF'), std::string::npos) << message;
    EXPECT_EQ(message.find("FFFFFFFF"), std::string::npos) << message;
  }
}

TEST(ReadTrigSyntaxTest, ValidNeighboursOfTheCheckedTokens) {
  // What the checks above must not reject.
  auto quads = ReadString(kPrefix +
                              "[] ex:p ex:o1 .\n"
                              "[ ex:p ex:o2 ] .\n"
                              "[ ex:p ex:o3 ] ex:q ex:o4 .\n"
                              "ex:s ex:p [] , ( ) , \"}\" , '{' .\n"
                              "ex:s ex:p ex:a\\=b .ex:s ex:p ex:o5.[ ex:p ex:o6 ].\n"
                              "[] { ex:s ex:p ex:o7 }\n"
                              "ex:g { [ ex:p ex:o8 ] . [] ex:p ex:o9 }\n"
                              "ex:g {}\n{ }\n",
                          RdfFormat::kTrig);
  ASSERT_TRUE(quads.ok()) << quads.status();
  EXPECT_EQ(quads->size(), 14u);
}

TEST(ReadTrigSyntaxTest, StatementsThatStartWithADotAreErrors) {
  const std::string ok1 = "ex:s ex:p ex:ok1 .\n", ok2 = "ex:s ex:p ex:ok2 .\n";
  // The valid statement before the second '.' is kept.
  ExpectRejected({RdfFormat::kTurtle, kPrefix + ok1 + "ex:s ex:p ex:o . .\n" + ok2, 3, 18},
                 {"ok1", "o", "ok2"});
  ExpectRejected(
      {RdfFormat::kTrig, kPrefix + "ex:g { ex:s ex:p ex:ok1 . . ex:s ex:p ex:ok2 }\n", 2, 27});
  // A graph followed by '.', even after a comment, loses its last statement.
  ExpectRejected(
      {RdfFormat::kTrig, kPrefix + ok1 + "ex:g { ex:s ex:p ex:o } # c\n .\n" + ok2, 4, 2});
  ExpectRejected({RdfFormat::kTurtle, kPrefix + ok1 + "() .\n" + ok2, 3, 0});
  // Names and numbers with '.' inside are no statement ends.
  auto quads = ReadString(kPrefix + "ex:s ex:p ex:a..b , 1.5 , .5 , 1. ex:s ex:p ex:a.b.\n",
                          RdfFormat::kTurtle);
  ASSERT_TRUE(quads.ok()) << quads.status();
  EXPECT_EQ(quads->size(), 5u);
}

// `levels` of "[ ex:p " (or "( ") around one object, closed again.
std::string Nested(char open, int levels, bool close) {
  std::string text;
  for (int i = 0; i < levels; ++i) text += open == '[' ? "[ ex:p " : "( ";
  text += "ex:o";
  if (close) {
    for (int i = 0; i < levels; ++i) text += open == '[' ? " ]" : " )";
  }
  return text;
}

TEST(ReaderNestingTest, DeepNestingIsAnErrorNotACrash) {
  constexpr int kLevels = 100000;
  const std::string ok1 = "ex:s ex:p ex:ok1 .\n";
  // The first bracket past the limit is at this column of "ex:s ex:p [ ex:p ...".
  const uint64_t square = 11 + 7 * kMaxNesting;
  const uint64_t round = 11 + 2 * kMaxNesting;
  for (bool close : {true, false}) {
    SCOPED_TRACE(close ? "closed" : "unclosed");
    std::string tail = close ? " .\nex:s ex:p ex:ok2 .\n" : "";
    std::vector<std::string> kept = {"ok1"};
    if (close) kept.push_back("ok2");
    ExpectRejected({RdfFormat::kTurtle,
                    kPrefix + ok1 + "ex:s ex:p " + Nested('[', kLevels, close) + tail, 3, square},
                   kept);
    ExpectRejected({RdfFormat::kTurtle,
                    kPrefix + ok1 + "ex:s ex:p " + Nested('(', kLevels, close) + tail, 3, round},
                   kept);
    ExpectRejected({RdfFormat::kTrig,
                    kPrefix + ok1 + "ex:s ex:p " + Nested('[', kLevels, close) + tail, 3, square},
                   kept);
    // Inside a graph: the graph's other statements survive.
    std::string graph_tail = close ? " . ex:s ex:p ex:ok2 }\n" : "";
    ExpectRejected({RdfFormat::kTrig,
                    kPrefix + "ex:g { ex:s ex:p ex:ok1 .\nex:s ex:p " +
                        Nested('(', kLevels, close) + graph_tail,
                    3, round},
                   kept);
    // As a subject, too.
    ExpectRejected(
        {RdfFormat::kTurtle, kPrefix + ok1 + Nested('[', kLevels, close) + tail, 3, square - 10},
        kept);
  }
  // At the limit itself, nesting is fine.
  auto quads = ReadString(kPrefix + "ex:s ex:p " + Nested('[', kMaxNesting, true) + " .\n",
                          RdfFormat::kTurtle);
  ASSERT_TRUE(quads.ok()) << quads.status();
  EXPECT_EQ(quads->size(), static_cast<size_t>(kMaxNesting) + 1);
}

TEST(ReadNTriplesSyntaxTest, OnlyWhiteSpaceOrACommentFollowsTheFinalDot) {
  const std::string s = "<http://example.org/s> <http://example.org/p> ";
  const std::string ok1 = s + "<http://example.org/ok1> .\n";
  const std::string ok2 = s + "<http://example.org/ok2> .\n";
  // Column of the first byte after "<s> <p> <o> . " when <o> is `object`.
  auto after = [&](const std::string& object) { return s.size() + object.size() + 4; };
  for (RdfFormat format : {RdfFormat::kNTriples, RdfFormat::kNQuads}) {
    for (const auto& [object, rest, column] :
         std::vector<std::tuple<std::string, std::string, uint64_t>>{
             {"\"lit\"", "\"stray\" <http://example.org/p> <http://example.org/o> .", 0},
             {"\"lit\"", ".", 0},
             {"\"lit\"", "x", 0},
             {"\"lit\"", "}", 0},
             {"\"a . b\"@en", "stray", 0},
             {"\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>", "<http://example.org/o>", 0},
             {"<http://example.org/o>", s + "<http://example.org/o2> .", 0},
             {"_:a.b", "_:x", 0},
         }) {
      ExpectRejected({format, ok1 + s + object + " . " + rest + "\n" + ok2, 2,
                      column != 0 ? column : after(object)});
    }
    // No space before the stray text, and a label whose last '.' ends the line.
    ExpectRejected({format, ok1 + s + "<http://example.org/o> .<http://example.org/x>\n" + ok2, 2,
                    s.size() + 25});
    ExpectRejected({format, ok1 + s + "_:a. \"x\"\n" + ok2, 2, s.size() + 6});
  }
  ExpectRejected({RdfFormat::kNQuads,
                  ok1 + s + "<http://example.org/o> <http://example.org/g> . \"stray\"\n" + ok2, 2,
                  s.size() + 49});
  // White space and comments may follow.
  auto quads = ReadString(s + "<http://example.org/o> . # c . <x> <y> <z> .\n" + s +
                              "\"x\" .\t \n" + s + "_:a.b .#\n" + s + "_:c. \n",
                          RdfFormat::kNTriples);
  ASSERT_TRUE(quads.ok()) << quads.status();
  EXPECT_EQ(quads->size(), 4u);
}

// Found by the differential check against serdi on fuzz inputs: a line
// that starts with neither '<' nor '_:' but holds a NUL byte inside a
// string went to serd, which read nothing and reported no error, so the
// line was dropped and the document accepted.
TEST(ReadNTriplesSyntaxTest, EveryLineThatIsNotBlankOrACommentHoldsAStatement) {
  const std::string s = "<http://example.org/s> <http://example.org/p> ";
  const std::string ok1 = s + "<http://example.org/ok1> .\n";
  const std::string ok2 = s + "<http://example.org/ok2> .\n";
  const std::string nul(1, '\0');
  for (RdfFormat format : {RdfFormat::kNTriples, RdfFormat::kNQuads}) {
    for (const std::string& line : {" \"a" + nul + "\"", "\"a" + nul, " \"a\\U1]0" + nul + "a",
                                    "'x" + nul + "' .", "\"" + nul + "\" ."}) {
      const uint64_t column = line[0] == ' ' ? 2 : 1;
      ExpectRejected({format, ok1 + line + "\n" + ok2, 2, column});
    }
  }
  // A NUL inside a string of a statement stays a valid character.
  auto quads = ReadString(s + "\"a" + nul + "b\" .\n", RdfFormat::kNTriples);
  ASSERT_TRUE(quads.ok()) << quads.status();
  ASSERT_EQ(quads->size(), 1u);
  EXPECT_EQ((*quads)[0].object.value(), "a" + nul + "b");
}

}  // namespace
}  // namespace parley::engine::io
