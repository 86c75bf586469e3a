#include "rdf/ntriples.h"

#include <string>

#include "gtest/gtest.h"

namespace parley::rdf {
namespace {

std::string Literal(std::string_view lexical, std::string_view datatype = kXsdString,
                    std::string_view language = "") {
  std::string out;
  AppendNTriplesTerm(Term::Kind::kLiteral, lexical, datatype, language, &out);
  return out;
}

TEST(NTriplesTest, EscapesLiteralsCanonically) {
  EXPECT_EQ(Literal("a\"b\\c\nd\re\tf\bg\fh"), R"("a\"b\\c\nd\re\tf\bg\fh")");
  EXPECT_EQ(Literal(std::string("\0\x01\x1F\x7F", 4)), R"("\u0000\u0001\u001F\u007F")");
  EXPECT_EQ(Literal("x", "http://ex/t"), R"("x"^^<http://ex/t>)");
  EXPECT_EQ(Literal("x", kRdfLangString, "en"), R"("x"@en)");
  EXPECT_EQ(Literal("x", ""), R"("x")");
}

TEST(NTriplesTest, OtherKinds) {
  std::string out;
  AppendNTriplesTerm(Term::Kind::kIri, "http://x/a b", "", "", &out);
  EXPECT_EQ(out, "<http://x/a\\u0020b>");
  out.clear();
  AppendNTriplesTerm(Term::Kind::kBlankNode, "b0", "", "", &out);
  EXPECT_EQ(out, "_:b0");
  out.clear();
  AppendNTriplesTerm(Term::Kind::kDefaultGraph, "", "", "", &out);
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace parley::rdf
