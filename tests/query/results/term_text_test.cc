#include "query/results/term_text.h"

#include <string>

#include "gtest/gtest.h"
#include "tests/query/results/fake_query_result.h"

namespace parley::query {
namespace {

std::string Turtle(const Term& term) {
  std::string text;
  AppendTurtleTerm(term, /*xsd_prefix=*/false, &text);
  return text;
}

std::string NTriples(const Term& term) {
  std::string text;
  AppendNTriplesTerm(term, &text);
  return text;
}

TEST(TermTextTest, NTriplesTerms) {
  EXPECT_EQ(NTriples(Ex("a")), "<http://example.org/a>");
  EXPECT_EQ(NTriples(Term::BlankNode("b0")), "_:b0");
  EXPECT_EQ(NTriples(Term::Literal("x")), "\"x\"");
  EXPECT_EQ(NTriples(Term::LangLiteral("x", "en-GB")), "\"x\"@en-gb");
  EXPECT_EQ(NTriples(Xsd("4", "integer")), "\"4\"^^<http://www.w3.org/2001/XMLSchema#integer>");
  EXPECT_EQ(NTriples(Term::Literal("\"\\\n\r\t\b\f\x01\x7F é")),
            R"("\"\\\n\r\t\b\f\u0001\u007F é")");
  EXPECT_EQ(NTriples(Term::Iri("http://ex.org/a b>")), R"(<http://ex.org/a\u0020b\u003E>)");
}

TEST(TermTextTest, TurtleWritesNumbersAndBooleansBareOnlyWhenTheyReadBackTheSame) {
  EXPECT_EQ(Turtle(Xsd("42", "integer")), "42");
  EXPECT_EQ(Turtle(Xsd("-7", "integer")), "-7");
  EXPECT_EQ(Turtle(Xsd("+5.50", "decimal")), "+5.50");
  EXPECT_EQ(Turtle(Xsd(".5", "decimal")), ".5");
  EXPECT_EQ(Turtle(Xsd("1.0E6", "double")), "1.0E6");
  EXPECT_EQ(Turtle(Xsd("4e-2", "double")), "4e-2");
  EXPECT_EQ(Turtle(Xsd("true", "boolean")), "true");
  // Valid lexical forms that Turtle's short syntax would read as another
  // term or cannot express stay quoted.
  EXPECT_EQ(Turtle(Xsd("5", "decimal")), "\"5\"^^<http://www.w3.org/2001/XMLSchema#decimal>");
  EXPECT_EQ(Turtle(Xsd("5.", "decimal")), "\"5.\"^^<http://www.w3.org/2001/XMLSchema#decimal>");
  EXPECT_EQ(Turtle(Xsd("1.5", "double")), "\"1.5\"^^<http://www.w3.org/2001/XMLSchema#double>");
  EXPECT_EQ(Turtle(Xsd("INF", "double")), "\"INF\"^^<http://www.w3.org/2001/XMLSchema#double>");
  EXPECT_EQ(Turtle(Xsd("1", "boolean")), "\"1\"^^<http://www.w3.org/2001/XMLSchema#boolean>");
  EXPECT_EQ(Turtle(Xsd(" 4", "integer")), "\" 4\"^^<http://www.w3.org/2001/XMLSchema#integer>");
  EXPECT_EQ(Turtle(Xsd("-3", "negativeInteger")),
            "\"-3\"^^<http://www.w3.org/2001/XMLSchema#negativeInteger>");
}

TEST(TermTextTest, TurtleXsdPrefix) {
  std::string text;
  AppendTurtleTerm(Xsd("2019-02-15", "date"), /*xsd_prefix=*/true, &text);
  EXPECT_EQ(text, "\"2019-02-15\"^^xsd:date");
}

TEST(TermTextTest, JsonStrings) {
  std::string text;
  AppendJsonString("a\"b\\c\nd\x1F 北京 🤝", &text);
  EXPECT_EQ(text, R"("a\"b\\c\nd\u001F 北京 🤝")");
}

TEST(TermTextTest, XmlEscapes) {
  std::string text;
  AppendXmlEscaped("<a href=\"x\">&'\r\n\t", &text);
  EXPECT_EQ(text, "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&#13;\n\t");
}

TEST(TermTextTest, CsvFields) {
  auto field = [](std::string_view value) {
    std::string text;
    AppendCsvField(value, &text);
    return text;
  };
  EXPECT_EQ(field("plain text"), "plain text");
  EXPECT_EQ(field("4,4"), "\"4,4\"");
  EXPECT_EQ(field("say \"x\""), "\"say \"\"x\"\"\"");
  EXPECT_EQ(field("a\r\nb"), "\"a\r\nb\"");
  EXPECT_EQ(field(""), "");
}

TEST(TermTextTest, DisplayWidth) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("北京"), 4u);
  EXPECT_EQ(DisplayWidth("한국어"), 6u);
  EXPECT_EQ(DisplayWidth("ＡＢ"), 4u);  // full-width Latin
  EXPECT_EQ(DisplayWidth("🤝"), 2u);
  EXPECT_EQ(DisplayWidth("e\xCC\x81"), 1u);  // e + combining acute
  EXPECT_EQ(DisplayWidth("é"), 1u);
  EXPECT_EQ(DisplayWidth("\xFF\xFE"), 2u);  // invalid bytes: one column each
}

TEST(TermTextTest, FitToWidthCutsWholeCharactersAndAddsAnEllipsis) {
  EXPECT_EQ(FitToWidth("abc", 3), "abc");
  EXPECT_EQ(FitToWidth("abcd", 3), "ab…");
  EXPECT_EQ(FitToWidth("abcd", 1), "…");
  EXPECT_EQ(FitToWidth("abcd", 0), "");
  EXPECT_EQ(FitToWidth("北京市", 5), "北京…");
  EXPECT_EQ(FitToWidth("北京市", 4), "北…");                 // 北 and half of 京 would take 4
  EXPECT_EQ(FitToWidth("e\xCC\x81tude", 3), "e\xCC\x81t…");  // the accent stays with its e
  EXPECT_EQ(FitToWidth("é€xyz", 3), "é€…");  // two- and three-byte sequences kept whole
}

TEST(TermTextTest, PrefixedNameTakesTheLongestFittingNamespace) {
  const PrefixList prefixes = {{"ex", "http://example.org/"}, {"neg", "http://example.org/neg#"}};
  EXPECT_EQ(PrefixedName("http://example.org/neg#Meeting", prefixes), "neg:Meeting");
  EXPECT_EQ(PrefixedName("http://example.org/alice", prefixes), "ex:alice");
  EXPECT_EQ(PrefixedName("http://example.org/", prefixes), "ex:");
  EXPECT_EQ(PrefixedName("http://example.org/a-b.c_1", prefixes), "ex:a-b.c_1");
  EXPECT_EQ(PrefixedName("http://example.org/2019", prefixes), "ex:2019");
  EXPECT_EQ(PrefixedName("http://example.org/neg#a/b", prefixes), std::nullopt);
  EXPECT_EQ(PrefixedName("http://example.org/a/b", prefixes), std::nullopt);
  EXPECT_EQ(PrefixedName("http://example.org/end.", prefixes), std::nullopt);
  EXPECT_EQ(PrefixedName("http://example.org/-x", prefixes), std::nullopt);
  EXPECT_EQ(PrefixedName("http://example.org/.x", prefixes), std::nullopt);
  EXPECT_EQ(PrefixedName("http://example.org/a%20b", prefixes), std::nullopt);
  EXPECT_EQ(PrefixedName("http://example.org/caf\xC3\xA9", prefixes), std::nullopt);
  EXPECT_EQ(PrefixedName("http://other.org/a", prefixes), std::nullopt);
  EXPECT_EQ(PrefixedName("http://example.org/a", {}), std::nullopt);
  // Where the longer namespace leaves no local name, a shorter one may.
  EXPECT_EQ(PrefixedName("http://example.org/a-b",
                         {{"ex", "http://example.org/"}, {"exa", "http://example.org/a"}}),
            "ex:a-b");
}

TEST(TermTextTest, ShortTermsUsePrefixesForIrisAndDatatypes) {
  const PrefixList prefixes = {{"ex", "http://example.org/"}};
  auto text = [&](const Term& term) {
    std::string out;
    AppendShortTerm(term, prefixes, &out);
    return out;
  };
  EXPECT_EQ(text(Ex("a")), "ex:a");
  EXPECT_EQ(text(Ex("a b")), "<http://example.org/a\\u0020b>");
  EXPECT_EQ(text(Term::TypedLiteral("x\"", "http://example.org/type")), "\"x\\\"\"^^ex:type");
  EXPECT_EQ(text(Xsd("2019-02-15", "date")), "\"2019-02-15\"^^xsd:date");
  EXPECT_EQ(text(Xsd("42", "integer")), "42");
  EXPECT_EQ(text(Term::LangLiteral("x", "en")), "\"x\"@en");
  EXPECT_EQ(text(Term::Literal("x")), "\"x\"");
  EXPECT_EQ(text(Term::BlankNode("b0")), "_:b0");
}

TEST(TermTextTest, NumericLiterals) {
  EXPECT_TRUE(IsNumericLiteral(Xsd("42", "integer")));
  EXPECT_TRUE(IsNumericLiteral(Xsd("1.5", "decimal")));
  EXPECT_TRUE(IsNumericLiteral(Xsd("NaN", "double")));
  EXPECT_TRUE(IsNumericLiteral(Xsd("1", "float")));
  EXPECT_TRUE(IsNumericLiteral(Xsd("7", "unsignedByte")));
  EXPECT_TRUE(IsNumericLiteral(Xsd("-7", "negativeInteger")));
  EXPECT_FALSE(IsNumericLiteral(Xsd("true", "boolean")));
  EXPECT_FALSE(IsNumericLiteral(Xsd("2019-02-15", "date")));
  EXPECT_FALSE(IsNumericLiteral(Term::Literal("42")));
  EXPECT_FALSE(IsNumericLiteral(Ex("42")));
}

}  // namespace
}  // namespace parley::query
