// ReadRdf: syntax, errors and their positions, lenient mode, options.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rdf/iri.h"
#include "tests/support/isomorphism.h"
#include "tests/support/rdf_support.h"

namespace parley::engine::io {
namespace {

using testing::Blank;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Iri;
using testing::Lit;
using testing::ReadString;

const std::string kEx = "http://example.org/";
const std::string kXsdInteger = "http://www.w3.org/2001/XMLSchema#integer";

Quad Q(Term s, Term p, Term o, Term g = Term()) { return Quad{s, p, o, g}; }

// The error message of a failed strict read.
std::string ErrorOf(const std::string& text, RdfFormat format, ReadOptions options = {}) {
  auto quads = ReadString(text, format, nullptr, options);
  if (quads.ok()) return "(no error)";
  EXPECT_EQ(quads.status().code(), absl::StatusCode::kInvalidArgument) << quads.status();
  return std::string(quads.status().message());
}

TEST(ReadNTriplesTest, ReadsEveryTermKind) {
  auto quads = ReadString(
      "<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n"
      "_:b1 <http://example.org/p> \"plain\" .\n"
      "_:b1 <http://example.org/p> \"chat\"@FR-ca .\n"
      "# a comment line\n"
      "\n"
      "  <http://example.org/s> <http://example.org/p> "
      "\"42\"^^<http://www.w3.org/2001/XMLSchema#integer> . # trailing comment\n"
      "<http://example.org/s> <http://example.org/p> \"esc \\\"\\\\\\n\\u00E9\\U0001F600\" .",
      RdfFormat::kNTriples);
  ASSERT_TRUE(quads.ok()) << quads.status();
  EXPECT_THAT(
      *quads,
      ElementsAre(Q(Iri(kEx + "s"), Iri(kEx + "p"), Iri(kEx + "o")),
                  Q(Blank("b1"), Iri(kEx + "p"), Lit("plain")),
                  Q(Blank("b1"), Iri(kEx + "p"), Term::LangLiteral("chat", "fr-ca")),
                  Q(Iri(kEx + "s"), Iri(kEx + "p"), Term::TypedLiteral("42", kXsdInteger)),
                  Q(Iri(kEx + "s"), Iri(kEx + "p"), Lit("esc \"\\\n\xC3\xA9\xF0\x9F\x98\x80"))));
  EXPECT_EQ((*quads)[2].object.language(), "fr-ca");
  EXPECT_EQ((*quads)[1].object.datatype(), kXsdString);
}

TEST(ReadNTriplesTest, ErrorsNameFileLineAndColumn) {
  std::string error = ErrorOf(
      "<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n"
      "\n"
      "<http://example.org/s> <http://example.org/p> <http://example.org/a b> .\n",
      RdfFormat::kNTriples);
  // The space is column 68 of line 3; serd reports the column after it.
  EXPECT_THAT(error, ::testing::StartsWith("test:3:69: ")) << error;
  EXPECT_THAT(error, HasSubstr("IRI"));
}

TEST(ReadNTriplesTest, StatementSplitAcrossLinesIsAnError) {
  // serd alone would read the triple <a> <p> <c> here (NOTES-deps P7a).
  std::vector<Quad> seen;
  auto source = ByteSource::FromString(
      "<http://example.org/a> <http://example.org/p>\n"
      "<http://example.org/c> <http://example.org/p> <http://example.org/d> .\n",
      "test");
  ReadOptions options;
  auto result = ReadRdf(*source, "test", options, [&](const QuadView& q) {
    seen.push_back(q.ToQuad());
    return absl::OkStatus();
  });
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(std::string(result.status().message()), ::testing::StartsWith("test:1:"));
  EXPECT_TRUE(seen.empty());
}

TEST(ReadNTriplesTest, RejectsTurtleSyntaxAndSecondStatements) {
  const std::string s = "<http://example.org/s> ";
  EXPECT_THAT(ErrorOf(s + "a <http://example.org/o> .", RdfFormat::kNTriples), HasSubstr("1:"));
  EXPECT_THAT(ErrorOf(s + "<http://example.org/p> :o .", RdfFormat::kNTriples),
              HasSubstr("prefixed name"));
  EXPECT_THAT(ErrorOf("[] <http://example.org/p> <http://example.org/o> .", RdfFormat::kNTriples),
              HasSubstr("test:1:1: expected '<' or '_:'"));
  EXPECT_THAT(ErrorOf(s + "<http://example.org/p> \"a\" ; <http://example.org/q> \"b\" .",
                      RdfFormat::kNTriples),
              HasSubstr("test:1:"));
  EXPECT_THAT(ErrorOf(s + "<http://example.org/p> \"a\" . " + s + "<http://example.org/p> \"b\" .",
                      RdfFormat::kNTriples),
              HasSubstr("test:1:53: only white space or a comment may follow the final '.'"));
  EXPECT_THAT(
      ErrorOf(s + "<http://example.org/p> \"a\" <http://example.org/g> .", RdfFormat::kNTriples),
      HasSubstr("graph"));
  EXPECT_THAT(ErrorOf(s + "<http://example.org/p> \"\"\"long\"\"\" .", RdfFormat::kNTriples),
              HasSubstr("test:1:"));
}

TEST(ReadNTriplesTest, ValidatesTerms) {
  const std::string sp = "<http://example.org/s> <http://example.org/p> ";
  EXPECT_THAT(ErrorOf(sp + "<relative> .", RdfFormat::kNTriples),
              HasSubstr("test:1:56: missing IRI scheme"));
  EXPECT_THAT(ErrorOf(sp + "\"x\"@en- .", RdfFormat::kNTriples), HasSubstr("test:1:"));
  EXPECT_THAT(ErrorOf(sp + "<http://example.org/a\\u0020b> .", RdfFormat::kNTriples),
              HasSubstr("test:1:"));
  EXPECT_THAT(ErrorOf(sp + "\"\\uD800\" .", RdfFormat::kNTriples), HasSubstr("UTF-8"));
  EXPECT_THAT(ErrorOf(sp + "\"x\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString> .",
                      RdfFormat::kNTriples),
              HasSubstr("language tag"));
}

TEST(ReadNTriplesTest, NulInsideAStringIsData) {
  auto quads =
      ReadString(std::string("<http://example.org/s> <http://example.org/p> \"a\0b\" .\n", 53),
                 RdfFormat::kNTriples);
  ASSERT_TRUE(quads.ok()) << quads.status();
  ASSERT_EQ(quads->size(), 1u);
  EXPECT_EQ((*quads)[0].object.value(), std::string("a\0b", 3));
}

TEST(ReadNTriplesTest, AcceptsCrLfAndLoneCrAndBom) {
  auto quads = ReadString(
      "\xEF\xBB\xBF<http://example.org/s> <http://example.org/p> \"1\" .\r\n"
      "<http://example.org/s> <http://example.org/p> \"2\" .\r"
      "<http://example.org/s> <http://example.org/p> \"3\" .",
      RdfFormat::kNTriples);
  ASSERT_TRUE(quads.ok()) << quads.status();
  EXPECT_EQ(quads->size(), 3u);
}

TEST(ReadNQuadsTest, GraphsAndTheGraphOption) {
  std::string text =
      "<http://example.org/s> <http://example.org/p> \"d\" .\n"
      "<http://example.org/s> <http://example.org/p> \"n\" <http://example.org/g> .\n"
      "<http://example.org/s> <http://example.org/p> \"b\" _:g .\n";
  auto quads = ReadString(text, RdfFormat::kNQuads);
  ASSERT_TRUE(quads.ok()) << quads.status();
  EXPECT_THAT(*quads, ElementsAre(Q(Iri(kEx + "s"), Iri(kEx + "p"), Lit("d")),
                                  Q(Iri(kEx + "s"), Iri(kEx + "p"), Lit("n"), Iri(kEx + "g")),
                                  Q(Iri(kEx + "s"), Iri(kEx + "p"), Lit("b"), Blank("g"))));
  ReadOptions options;
  options.graph = Iri(kEx + "target");
  quads = ReadString(text, RdfFormat::kNQuads, nullptr, options);
  ASSERT_TRUE(quads.ok()) << quads.status();
  EXPECT_EQ((*quads)[0].graph, Iri(kEx + "target"));
  EXPECT_EQ((*quads)[1].graph, Iri(kEx + "g"));
  EXPECT_EQ((*quads)[2].graph, Blank("g"));

  quads = ReadString("<http://example.org/s> <http://example.org/p> \"t\" .\n",
                     RdfFormat::kNTriples, nullptr, options);
  ASSERT_TRUE(quads.ok()) << quads.status();
  EXPECT_EQ((*quads)[0].graph, Iri(kEx + "target"));

  options.graph = Lit("not a graph");
  EXPECT_FALSE(ReadString(text, RdfFormat::kNQuads, nullptr, options).ok());
}

TEST(LenientTest, NTriplesSkipsBadLinesAndKeepsPositions) {
  std::string text =
      "<http://example.org/s> <http://example.org/p> \"1\" .\n"
      "<http://example.org/s> <http://example.org/p> \"2\" \n"
      "<http://example.org/s> <http://example.org/p> \"3\" .\n"
      "<http://example.org/s> <http://example.org/p> <bad iri> .\n"
      "<http://example.org/s> <http://example.org/p> \"5\" . <http://example.org/x> .\n"
      "<http://example.org/s> <http://example.org/p> \"6\" .\n";
  ReadOptions options;
  options.lenient = true;
  ReadSummary summary;
  auto quads = ReadString(text, RdfFormat::kNTriples, &summary, options);
  ASSERT_TRUE(quads.ok()) << quads.status();
  EXPECT_THAT(*quads, ElementsAre(Q(Iri(kEx + "s"), Iri(kEx + "p"), Lit("1")),
                                  Q(Iri(kEx + "s"), Iri(kEx + "p"), Lit("3")),
                                  Q(Iri(kEx + "s"), Iri(kEx + "p"), Lit("6"))));
  EXPECT_EQ(summary.statements, 3u);
  EXPECT_EQ(summary.skipped, 3u);
  ASSERT_EQ(summary.first_errors.size(), 3u);
  EXPECT_EQ(summary.first_errors[0].line, 2u);
  EXPECT_EQ(summary.first_errors[1].line, 4u);
  EXPECT_EQ(summary.first_errors[2].line, 5u);
  EXPECT_EQ(summary.first_errors[0].file, "test");
  EXPECT_THAT(summary.first_errors[1].ToString(), ::testing::StartsWith("test:4:"));

  options.max_reported_errors = 1;
  quads = ReadString(text, RdfFormat::kNTriples, &summary, options);
  ASSERT_TRUE(quads.ok());
  EXPECT_EQ(summary.skipped, 3u);
  EXPECT_EQ(summary.first_errors.size(), 1u);
}

TEST(ReadTurtleTest, PrefixesBaseAndAbbreviations) {
  ReadOptions options;
  options.base_iri = "http://example.org/dir/file.ttl";
  auto quads = ReadString(
      "@prefix ex: <http://example.org/> .\n"
      "PREFIX rel: <sub/>\n"
      "<s> a ex:Thing ; ex:p 1, 2.5, -1e3, true, \"x\"@EN ;\n"
      "  ex:q rel:item, <../up>, <#frag> .\n"
      "@base <http://other.org/base/> .\n"
      "<t> ex:r \"\"\"multi\nline \"quoted\" \"\"\" .\n",
      RdfFormat::kTurtle, nullptr, options);
  ASSERT_TRUE(quads.ok()) << quads.status();
  const std::string xsd = "http://www.w3.org/2001/XMLSchema#";
  Term s = Iri("http://example.org/dir/s");
  EXPECT_THAT(
      *quads,
      ElementsAre(
          Q(s, Iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), Iri(kEx + "Thing")),
          Q(s, Iri(kEx + "p"), Term::TypedLiteral("1", xsd + "integer")),
          Q(s, Iri(kEx + "p"), Term::TypedLiteral("2.5", xsd + "decimal")),
          Q(s, Iri(kEx + "p"), Term::TypedLiteral("-1e3", xsd + "double")),
          Q(s, Iri(kEx + "p"), Term::TypedLiteral("true", xsd + "boolean")),
          Q(s, Iri(kEx + "p"), Term::LangLiteral("x", "en")),
          Q(s, Iri(kEx + "q"), Iri("http://example.org/dir/sub/item")),
          Q(s, Iri(kEx + "q"), Iri("http://example.org/up")),
          Q(s, Iri(kEx + "q"), Iri("http://example.org/dir/file.ttl#frag")),
          Q(Iri("http://other.org/base/t"), Iri(kEx + "r"), Lit("multi\nline \"quoted\" "))));
}

TEST(ReadTurtleTest, BaseDefaultsToTheFileIri) {
  testing::TempDir dir;
  std::string path = dir.File("data dir.ttl");
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fputs("<s> <p> <o> .\n", f);
    std::fclose(f);
  }
  auto source = ByteSource::Open(path);
  ASSERT_TRUE(source.ok());
  ReadOptions options;
  options.format = RdfFormat::kTurtle;
  auto quads = testing::ReadAll(**source, options);
  ASSERT_TRUE(quads.ok()) << quads.status();
  std::string dir_iri = rdf::FileIri(path);
  dir_iri.erase(dir_iri.rfind('/') + 1);
  EXPECT_EQ((*quads)[0].subject, Iri(dir_iri + "s"));
  EXPECT_THAT(dir_iri, ::testing::StartsWith("file:///"));

  // A string has no location: relative IRIs need --base.
  EXPECT_THAT(ErrorOf("<s> <p> <o> .", RdfFormat::kTurtle),
              HasSubstr("relative IRI <s> with no base IRI"));
  ReadOptions relative_base;
  relative_base.base_iri = "relative";
  EXPECT_THAT(ErrorOf("<http://example.org/s> <p> <o> .", RdfFormat::kTurtle, relative_base),
              HasSubstr("not absolute"));
}

TEST(ReadTurtleTest, TokensThatLookLikeStatementEnds) {
  auto quads = ReadString(
      "@prefix ex: <http://example.org/> .\n"
      "ex:s ex:p \"a . b\", 'c . d', \"\"\"e .\n f\"\"\", <http://example.org/x.y> ;\n"
      "  ex:q ex:a.b, ex:c\\.d, 1.5, [ ex:r \"in . blank\" ] . # comment . with dot\n"
      "ex:t ex:p ( 1 2 ) .ex:u ex:p ex:v.\n",
      RdfFormat::kTurtle);
  ASSERT_TRUE(quads.ok()) << quads.status();
  EXPECT_EQ(quads->size(), 15u);  // 4 + 4 + 1 in [], 5 for the list, 1
  EXPECT_EQ((*quads)[4].object, Iri(kEx + "a.b"));
  EXPECT_EQ((*quads)[5].object, Iri(kEx + "c.d"));
  EXPECT_EQ(quads->back(), Q(Iri(kEx + "u"), Iri(kEx + "p"), Iri(kEx + "v")));
}

TEST(ReadTurtleTest, BlankNodeLabelsNeverCollide) {
  auto quads = ReadString(
      "@prefix ex: <http://example.org/> .\n"
      "_:B1 ex:p _:b1 .\n"
      "[] ex:p _:b1 .\n"
      "_:b1 ex:p _:B_1, _:B1, [ ex:q _:x ] .\n"
      "ex:s ex:list ( _:x ) .\n",
      RdfFormat::kTurtle);
  ASSERT_TRUE(quads.ok()) << quads.status();
  ASSERT_EQ(quads->size(), 9u);
  const Quad* q = quads->data();
  Term user_big_b1 = q[0].subject, user_b1 = q[0].object, anon = q[1].subject;
  EXPECT_NE(user_big_b1, user_b1);
  EXPECT_NE(anon, user_b1);
  EXPECT_NE(anon, user_big_b1);
  EXPECT_EQ(q[1].object, user_b1);
  EXPECT_EQ(q[2].subject, user_b1);
  EXPECT_NE(q[2].object, user_big_b1);  // _:B_1
  EXPECT_EQ(q[3].object, user_big_b1);
  // The same generated label never denotes two nodes.
  std::vector<Term> blanks;
  for (const Quad& x : *quads) {
    for (const Term* t : {&x.subject, &x.object}) {
      if (t->is_blank_node()) blanks.push_back(*t);
    }
  }
  EXPECT_EQ(q[5].object, q[7].object);  // _:x twice
  // Expected graph, up to blank node renaming.
  auto expected = ReadString(
      "_:k <http://example.org/p> _:l .\n"
      "_:m <http://example.org/p> _:l .\n"
      "_:l <http://example.org/p> _:n .\n"
      "_:l <http://example.org/p> _:k .\n"
      "_:o <http://example.org/q> _:x .\n"
      "_:l <http://example.org/p> _:o .\n"
      "_:h <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> _:x .\n"
      "_:h <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> "
      "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n"
      "<http://example.org/s> <http://example.org/list> _:h .\n",
      RdfFormat::kNTriples);
  ASSERT_TRUE(expected.ok()) << expected.status();
  EXPECT_TRUE(IsomorphicDatasets(*quads, *expected))
      << DescribeDatasetDifference(*quads, *expected);
}

TEST(ReadTurtleTest, ErrorPositionsAcrossStatements) {
  std::string error = ErrorOf(
      "@prefix ex: <http://example.org/> .\n"
      "# comment\n"
      "ex:s ex:p ex:o ;\n"
      "     ex:q \"ok\" , ex:r\"bad\" .\n",
      RdfFormat::kTurtle);
  EXPECT_THAT(error, ::testing::StartsWith("test:4:")) << error;
  EXPECT_THAT(
      ErrorOf("@prefix ex: <http://example.org/> .\nex:s ex:p undefined:o .\n", RdfFormat::kTurtle),
      HasSubstr("test:2:1: undefined prefix in undefined:o"));
  EXPECT_THAT(
      ErrorOf("<http://example.org/s> <http://example.org/p> \"x\"@1a .\n", RdfFormat::kTurtle),
      HasSubstr("test:1:"));
}

TEST(LenientTest, TurtleDropsTheWholeBrokenStatement) {
  std::string text =
      "@prefix ex: <http://example.org/> .\n"
      "ex:a ex:p 1 .\n"
      "ex:b ex:p 2 ;\n"
      "     ex:q <bad iri> ;\n"
      "     ex:r 3 .\n"
      "ex:c ex:p 4 .\n"
      "ex:d ex:p undefined:x .\n"
      "ex:e ex:p 5 .\n";
  ReadOptions options;
  options.lenient = true;
  ReadSummary summary;
  auto quads = ReadString(text, RdfFormat::kTurtle, &summary, options);
  ASSERT_TRUE(quads.ok()) << quads.status();
  std::vector<std::string> subjects;
  for (const Quad& q : *quads) subjects.push_back(q.subject.value());
  EXPECT_THAT(subjects, ElementsAre(kEx + "a", kEx + "c", kEx + "e"));
  EXPECT_EQ(summary.skipped, 2u);
  ASSERT_EQ(summary.first_errors.size(), 2u);
  EXPECT_EQ(summary.first_errors[0].line, 4u);
  EXPECT_EQ(summary.first_errors[1].line, 7u);
}

TEST(ReadTrigTest, GraphsAndLenientInnerStatements) {
  std::string text =
      "@prefix ex: <http://example.org/> .\n"
      "ex:d ex:p 0 .\n"
      "ex:g { ex:a ex:p 1 . ex:b ex:p <bad iri> .\n"
      "  ex:c ex:p 3 }\n"
      "GRAPH ex:h { ex:e ex:p 4 }\n"
      "[] { ex:f ex:p 5 . ex:f ex:p 6 }\n"
      "{ ex:z ex:p 7 }\n";
  EXPECT_THAT(ErrorOf(text, RdfFormat::kTrig), HasSubstr("test:3:"));
  ReadOptions options;
  options.lenient = true;
  ReadSummary summary;
  auto quads = ReadString(text, RdfFormat::kTrig, &summary, options);
  ASSERT_TRUE(quads.ok()) << quads.status();
  ASSERT_EQ(quads->size(), 7u);
  EXPECT_EQ(summary.skipped, 1u);
  const Quad* q = quads->data();
  EXPECT_EQ(q[0], Q(Iri(kEx + "d"), Iri(kEx + "p"), Term::TypedLiteral("0", kXsdInteger)));
  EXPECT_EQ(q[1].graph, Iri(kEx + "g"));
  EXPECT_EQ(q[2].subject, Iri(kEx + "c"));
  EXPECT_EQ(q[2].graph, Iri(kEx + "g"));
  EXPECT_EQ(q[3].graph, Iri(kEx + "h"));
  EXPECT_TRUE(q[4].graph.is_blank_node());
  EXPECT_EQ(q[4].graph, q[5].graph);  // one anonymous graph
  EXPECT_TRUE(q[6].graph.is_default_graph());

  ReadOptions with_graph;
  with_graph.graph = Iri(kEx + "target");
  quads = ReadString(
      "{ <http://example.org/s> <http://example.org/p> 1 }\n"
      "<http://example.org/g> { <http://example.org/s> <http://example.org/p> 2 }",
      RdfFormat::kTrig, nullptr, with_graph);
  ASSERT_TRUE(quads.ok()) << quads.status();
  EXPECT_EQ((*quads)[0].graph, Iri(kEx + "target"));
  EXPECT_EQ((*quads)[1].graph, Iri(kEx + "g"));
}

TEST(ReadTrigTest, UnclosedGraphIsAnError) {
  EXPECT_THAT(ErrorOf("<http://example.org/g> { <http://example.org/s> <http://example.org/p> 1 .",
                      RdfFormat::kTrig),
              HasSubstr("test:1:"));
}

TEST(ReaderTest, LongInputsCrossBufferBoundaries) {
  // More than one 1 MiB chunk, a line longer than a chunk, many statements.
  std::string big(3 << 20, 'x');
  for (RdfFormat format : {RdfFormat::kNTriples, RdfFormat::kTurtle}) {
    std::string text;
    for (int i = 0; i < 40000; ++i) {
      text += "<http://example.org/s" + std::to_string(i) + "> <http://example.org/p> \"" +
              std::to_string(i) + "\" .\n";
      if (i == 20000) text += "<http://example.org/big> <http://example.org/p> \"" + big + "\" .\n";
    }
    ReadSummary summary;
    auto quads = ReadString(text, format, &summary);
    ASSERT_TRUE(quads.ok()) << quads.status();
    ASSERT_EQ(quads->size(), 40001u);
    EXPECT_EQ(summary.statements, 40001u);
    EXPECT_EQ((*quads)[20001].object.value(), big);
    EXPECT_EQ((*quads)[40000].object.value(), "39999");
    // A late error still has its exact line.
    std::string error =
        ErrorOf(text + "<http://example.org/s> <http://example.org/p> \"x\"@- .\n", format);
    EXPECT_THAT(error, ::testing::StartsWith("test:40002:")) << error;
  }
}

TEST(ReaderTest, SinkErrorsStopTheRead) {
  auto source = ByteSource::FromString(
      "<http://example.org/s> <http://example.org/p> \"1\" .\n"
      "<http://example.org/s> <http://example.org/p> \"2\" .\n",
      "test");
  int calls = 0;
  auto result = ReadRdf(*source, "test", ReadOptions{}, [&](const QuadView&) {
    ++calls;
    return absl::CancelledError("enough");
  });
  EXPECT_EQ(result.status().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace parley::engine::io
