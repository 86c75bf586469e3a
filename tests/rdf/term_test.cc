// parley::Term: factories, Validate() and N-Triples printing; Quad::ToNQuads.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "parley/quad.h"
#include "parley/term.h"

namespace parley {
namespace {

using ::testing::HasSubstr;

std::string Xsd(std::string_view local) { return std::string(kXsd) + std::string(local); }

std::string ErrorOf(const Term& term) {
  absl::Status status = term.Validate();
  EXPECT_FALSE(status.ok()) << term.ToNTriples();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  return std::string(status.message());
}

TEST(TermFactory, Normalizes) {
  EXPECT_EQ(Term().kind(), Term::Kind::kDefaultGraph);
  EXPECT_TRUE(Term().is_default_graph());
  EXPECT_EQ(Term::Literal("a").datatype(), kXsdString);
  EXPECT_EQ(Term::Literal("a"), Term::TypedLiteral("a", std::string(kXsdString)));
  Term lang = Term::LangLiteral("chat", "EN-Gb");
  EXPECT_EQ(lang.language(), "en-gb");
  EXPECT_EQ(lang.datatype(), kRdfLangString);
  EXPECT_EQ(lang, Term::LangLiteral("chat", "en-GB"));
  EXPECT_TRUE(Term::Iri("http://a").is_iri());
  EXPECT_TRUE(Term::BlankNode("b").is_blank_node());
  EXPECT_EQ(Term::BlankNode("b").value(), "b");
  EXPECT_NE(Term::Iri("x"), Term::BlankNode("x"));
  // Kinds sort in declaration order, the default graph first.
  EXPECT_LT(Term(), Term::Iri("a"));
  EXPECT_LT(Term::Iri("z"), Term::BlankNode("a"));
  EXPECT_LT(Term::BlankNode("z"), Term::Literal("a"));
}

TEST(TermValidate, AcceptsWellFormedTerms) {
  std::vector<Term> good = {
      Term(),
      Term::Iri("http://example.org/a"),
      Term::Iri("urn:isbn:0451450523"),
      Term::Iri("mailto:a@b.c"),
      Term::Iri("a+b.c-d9:x"),
      Term::Iri("http://ex.org/p?q=1&r=%20#frag"),
      Term::Iri("http://例え.jp/パス/😀"),
      Term::BlankNode("b0"),
      Term::BlankNode("_x"),
      Term::BlankNode("0abc"),
      Term::BlankNode("x.y"),
      Term::BlankNode("a-b_c"),
      Term::BlankNode(":x:y"),
      Term::BlankNode("é"),
      Term::BlankNode("日本語"),
      Term::BlankNode("a·b"),
      Term::BlankNode("x\xCC\x81"),  // combining acute accent U+0301 after the first char
      Term::BlankNode("𐀀"),          // U+10000
      Term::Literal(""),
      Term::Literal(std::string("nul\0and\xFF bytes", sizeof("nul\0and\xFF bytes") - 1)),
      Term::TypedLiteral("abc", Xsd("integer")),  // ill-typed, but a valid term
      Term::TypedLiteral("x", "http://example.org/myType"),
      Term::LangLiteral("hello", "en"),
      Term::LangLiteral("hallo", "de-CH-1996"),
      Term::LangLiteral("x", "zh-Hant-TW"),
      Term::LangLiteral("x", "x-private1"),
  };
  for (const Term& term : good) {
    EXPECT_TRUE(term.Validate().ok()) << term.ToNTriples() << ": " << term.Validate();
  }
}

TEST(TermValidate, RejectsIrisWithForbiddenCharacters) {
  EXPECT_EQ(ErrorOf(Term::Iri("http://a b")), "IRI contains a space at byte 8: <http://a b>");
  EXPECT_EQ(ErrorOf(Term::Iri("http://a<b")), "IRI contains '<' (U+003C) at byte 8: <http://a<b>");
  for (std::string bad : {"http://a>b", "http://a\"b", "http://a{b", "http://a}b", "http://a|b",
                          "http://a^b", "http://a`b", "http://a\\b"}) {
    EXPECT_THAT(ErrorOf(Term::Iri(bad)), HasSubstr("at byte 8")) << bad;
  }
  EXPECT_EQ(ErrorOf(Term::Iri("http://a\nb")),
            "IRI contains a control character (U+000A) at byte 8: <http://a\\u000Ab>");
  EXPECT_THAT(ErrorOf(Term::Iri(std::string("http://a\0b", 10))), HasSubstr("U+0000"));
  EXPECT_THAT(ErrorOf(Term::Iri("http://a\x7F")), HasSubstr("U+007F"));
  EXPECT_THAT(ErrorOf(Term::Iri("http://a\xC2\x85")), HasSubstr("U+0085"));  // C1 control
  EXPECT_THAT(ErrorOf(Term::Iri("http://a/\xFF")), HasSubstr("not valid UTF-8 at byte 9"));
  EXPECT_THAT(ErrorOf(Term::Iri("http://a/\xC0\xAF")), HasSubstr("not valid UTF-8"));  // overlong
  EXPECT_THAT(ErrorOf(Term::Iri("http://a/\xED\xA0\x80")), HasSubstr("UTF-8"));        // surrogate
  EXPECT_THAT(ErrorOf(Term::Iri("http://a/\xE6\x97")), HasSubstr("UTF-8"));            // truncated
}

TEST(TermValidate, RejectsRelativeIris) {
  EXPECT_EQ(ErrorOf(Term::Iri("")), "IRI is empty: <>");
  for (std::string bad :
       {"foo/bar", "/abs/path", "#frag", "?q", "1http://x", ":x", "a_b:x", "-a:x", "ex ample:x"}) {
    EXPECT_THAT(ErrorOf(Term::Iri(bad)),
                ::testing::AnyOf(HasSubstr("not absolute"), HasSubstr("a space")))
        << bad;
  }
  EXPECT_EQ(ErrorOf(Term::Iri("foo")), "IRI is not absolute (no scheme): <foo>");
}

TEST(TermValidate, RejectsMalformedBlankNodeLabels) {
  EXPECT_EQ(ErrorOf(Term::BlankNode("a b")),
            "blank node label cannot have a space at byte 1: _:a b");
  EXPECT_EQ(ErrorOf(Term::BlankNode("-x")),
            "blank node label cannot have '-' (U+002D) at its start: _:-x");
  EXPECT_EQ(ErrorOf(Term::BlankNode("x.")),
            "blank node label cannot have '.' (U+002E) at its end: _:x.");
  EXPECT_EQ(ErrorOf(Term::BlankNode("")), "blank node label is empty: _:");
  for (std::string bad : {".x", "a@b", "a/b", "·x", "a\x01", "\xFF", "a~", "x×y", "é."}) {
    ErrorOf(Term::BlankNode(bad));
  }
}

TEST(TermValidate, RejectsMalformedLanguageTags) {
  EXPECT_EQ(ErrorOf(Term::LangLiteral("x", "en-")), "language tag ends with '-': \"x\"@en-");
  EXPECT_EQ(ErrorOf(Term::LangLiteral("x", "-en")),
            "language tag has an empty subtag at byte 0: \"x\"@-en");
  EXPECT_EQ(ErrorOf(Term::LangLiteral("x", "e n")),
            "language tag contains a space at byte 1: \"x\"@e n");
  EXPECT_EQ(ErrorOf(Term::LangLiteral("x", "")), "language tag is empty: \"x\"@");
  EXPECT_THAT(ErrorOf(Term::LangLiteral("x", "en--us")), HasSubstr("empty subtag at byte 3"));
  for (std::string bad : {"1en", "en_US", "en-ü", "en-", "en.us", "-"}) {
    ErrorOf(Term::LangLiteral("x", bad));
  }
}

TEST(TermValidate, RejectsBadDatatypes) {
  EXPECT_THAT(ErrorOf(Term::TypedLiteral("1", "integer")),
              HasSubstr("datatype IRI is not absolute"));
  EXPECT_THAT(ErrorOf(Term::TypedLiteral("1", "")), HasSubstr("datatype IRI is empty"));
  EXPECT_THAT(ErrorOf(Term::TypedLiteral("1", "http://a b")), HasSubstr("datatype IRI contains"));
  // rdf:langString needs a language tag.
  EXPECT_THAT(ErrorOf(Term::TypedLiteral("x", std::string(kRdfLangString))),
              HasSubstr("language tag is empty"));
}

TEST(TermValidate, MessagesShortenLongTerms) {
  std::string message = ErrorOf(Term::Iri(std::string(10000, 'a')));
  EXPECT_LT(message.size(), 300u);
  EXPECT_THAT(message, HasSubstr("...>"));
}

TEST(TermNTriples, PrintsEachKind) {
  EXPECT_EQ(Term().ToNTriples(), "");
  EXPECT_EQ(Term::Iri("http://a/b").ToNTriples(), "<http://a/b>");
  EXPECT_EQ(Term::Iri("http://例え.jp/😀").ToNTriples(), "<http://例え.jp/😀>");
  EXPECT_EQ(Term::BlankNode("b1").ToNTriples(), "_:b1");
  EXPECT_EQ(Term::Literal("chat").ToNTriples(), "\"chat\"");
  EXPECT_EQ(Term::Literal("").ToNTriples(), "\"\"");
  EXPECT_EQ(Term::LangLiteral("chat", "FR").ToNTriples(), "\"chat\"@fr");
  EXPECT_EQ(Term::TypedLiteral("5", Xsd("integer")).ToNTriples(),
            "\"5\"^^<http://www.w3.org/2001/XMLSchema#integer>");
}

TEST(TermNTriples, EscapesLiterals) {
  EXPECT_EQ(Term::Literal("a\"b\\c\nd\re\tf").ToNTriples(), R"("a\"b\\c\nd\re\tf")");
  EXPECT_EQ(Term::Literal(std::string("\0\x01\x1F\x7F", 4)).ToNTriples(),
            R"("\u0000\u0001\u001F\u007F")");
  // Canonical N-Triples (RDF 1.2): BS and FF as ECHAR, like the file writers.
  EXPECT_EQ(Term::Literal("\b\f").ToNTriples(), R"("\b\f")");
  EXPECT_EQ(Term::Literal("é 日本 😀 <>").ToNTriples(), "\"é 日本 😀 <>\"");
}

TEST(TermNTriples, EscapesIris) {
  // Characters that cannot appear in IRIREF (only in invalid terms).
  EXPECT_EQ(Term::Iri("http://a b<c>\"{}|^`\\").ToNTriples(),
            R"(<http://a\u0020b\u003Cc\u003E\u0022\u007B\u007D\u007C\u005E\u0060\u005C>)");
  EXPECT_EQ(Term::TypedLiteral("x", "http://a b").ToNTriples(), R"("x"^^<http://a\u0020b>)");
}

TEST(QuadNQuads, OmitsTheDefaultGraph) {
  Quad quad{Term::Iri("http://s"), Term::Iri("http://p"), Term::Literal("o\n"), Term()};
  EXPECT_EQ(quad.ToNQuads(), "<http://s> <http://p> \"o\\n\" .");
  quad.graph = Term::Iri("http://g");
  EXPECT_EQ(quad.ToNQuads(), "<http://s> <http://p> \"o\\n\" <http://g> .");
  quad.graph = Term::BlankNode("g");
  quad.object = Term::LangLiteral("x", "en");
  EXPECT_EQ(quad.ToNQuads(), "<http://s> <http://p> \"x\"@en _:g .");
}

}  // namespace
}  // namespace parley
