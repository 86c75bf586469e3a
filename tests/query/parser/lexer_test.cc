#include "query/parser/lexer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "parley/query.h"
#include "query/parser/syntax_error.h"

namespace parley::query {
namespace {

std::vector<TokenKind> Kinds(std::string_view text) {
  auto tokens = Tokenize(text);
  EXPECT_TRUE(tokens.ok()) << tokens.status();
  std::vector<TokenKind> kinds;
  if (tokens.ok()) {
    for (const Token& token : *tokens) kinds.push_back(token.kind);
  }
  return kinds;
}

Token Only(std::string_view text) {
  auto tokens = Tokenize(text);
  EXPECT_TRUE(tokens.ok()) << tokens.status();
  EXPECT_EQ(tokens->size(), 2u) << text;
  return tokens->front();
}

TEST(LexerTest, Punctuation) {
  using K = TokenKind;
  EXPECT_THAT(
      Kinds("{ } (. ) [. ] ; , ^^ ^ | / * + - ? ! = != < > <= >= && ||"),
      ::testing::ElementsAre(
          K::kLeftBrace, K::kRightBrace, K::kLeftParen, K::kDot, K::kRightParen, K::kLeftBracket,
          K::kDot, K::kRightBracket, K::kSemicolon, K::kComma, K::kCaretCaret, K::kCaret, K::kPipe,
          K::kSlash, K::kStar, K::kPlus, K::kMinus, K::kQuestion, K::kBang, K::kEqual, K::kNotEqual,
          K::kLess, K::kGreater, K::kLessEqual, K::kGreaterEqual, K::kAndAnd, K::kOrOr, K::kEnd));
}

TEST(LexerTest, NilAndAnonAllowWhitespace) {
  EXPECT_EQ(Only("(  )").kind, TokenKind::kNil);
  EXPECT_EQ(Only("[\n]").kind, TokenKind::kAnon);
}

TEST(LexerTest, IriOrLessThan) {
  Token iri = Only("<http://ex/a>");
  EXPECT_EQ(iri.kind, TokenKind::kIriRef);
  EXPECT_EQ(iri.text, "http://ex/a");
  EXPECT_THAT(Kinds("?a < ?b"), ::testing::ElementsAre(TokenKind::kVariable, TokenKind::kLess,
                                                       TokenKind::kVariable, TokenKind::kEnd));
  EXPECT_EQ(Only("<\\u0078>").text, "x");
}

TEST(LexerTest, Numbers) {
  EXPECT_EQ(Only("12").kind, TokenKind::kInteger);
  EXPECT_EQ(Only("1.5").kind, TokenKind::kDecimal);
  EXPECT_EQ(Only(".5").kind, TokenKind::kDecimal);
  EXPECT_EQ(Only("1e3").kind, TokenKind::kDouble);
  EXPECT_EQ(Only("1.E-3").kind, TokenKind::kDouble);
  EXPECT_EQ(Only(".5e+3").kind, TokenKind::kDouble);
  // "1." is the integer 1 followed by the end of a triple.
  EXPECT_THAT(Kinds("1."),
              ::testing::ElementsAre(TokenKind::kInteger, TokenKind::kDot, TokenKind::kEnd));
}

TEST(LexerTest, StringsAndEscapes) {
  EXPECT_EQ(Only(R"("a\tb\n\"c\\")").text, "a\tb\n\"c\\");
  EXPECT_EQ(Only("'it\\'s'").text, "it's");
  EXPECT_EQ(Only("\"\\u00e9\\U0001F600\"").text, "\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(Only("\"\"\"two\nlines \"quoted\" \"\"\"").text, "two\nlines \"quoted\" ");
  EXPECT_EQ(Only("'''a''b'''").text, "a''b");
  EXPECT_FALSE(Tokenize("\"\\uD800\"").ok());
  EXPECT_FALSE(Tokenize("\"a\nb\"").ok());
  EXPECT_FALSE(Tokenize("\"\\q\"").ok());
}

TEST(LexerTest, NamesVariablesLabels) {
  Token pname = Only("ex:local.name");
  EXPECT_EQ(pname.kind, TokenKind::kPrefixedName);
  EXPECT_EQ(pname.prefix, "ex");
  EXPECT_EQ(pname.text, "local.name");
  // A trailing dot ends the triple; it is not part of the name.
  EXPECT_THAT(Kinds("ex:a."),
              ::testing::ElementsAre(TokenKind::kPrefixedName, TokenKind::kDot, TokenKind::kEnd));
  EXPECT_EQ(Only(":").kind, TokenKind::kPrefixedName);
  EXPECT_EQ(Only("ex:a\\~b%20").text, "a~b%20");
  EXPECT_EQ(Only("?x1").text, "x1");
  EXPECT_EQ(Only("$y").kind, TokenKind::kVariable);
  EXPECT_EQ(Only("_:b.1").text, "b.1");
  EXPECT_EQ(Only("@en-GB").text, "en-GB");
  Token word = Only("GROUP_CONCAT");
  EXPECT_EQ(word.kind, TokenKind::kWord);
  EXPECT_EQ(word.text, "GROUP_CONCAT");
}

TEST(LexerTest, Utf8) {
  EXPECT_FALSE(Tokenize("\"\xC3\"").ok());
  EXPECT_FALSE(Tokenize("\"\xED\xA0\x80\"").ok());  // a surrogate
  EXPECT_EQ(Only("\xEF\xBB\xBF?x").text, "x");      // byte order mark
}

TEST(LexerTest, CommentsAreWhitespace) {
  EXPECT_THAT(Kinds("?a # comment <x>\n?b"),
              ::testing::ElementsAre(TokenKind::kVariable, TokenKind::kVariable, TokenKind::kEnd));
}

TEST(LexerTest, UnterminatedIsIncomplete) {
  for (std::string_view text : {"\"abc", "'''abc\n", "<http://ex/a", "\"\\u00"}) {
    auto tokens = Tokenize(text);
    ASSERT_FALSE(tokens.ok()) << text;
    EXPECT_TRUE(query::IsIncompleteSyntaxError(tokens.status())) << text << ": " << tokens.status();
  }
  auto bad = Tokenize("\"a\nb\"");
  EXPECT_FALSE(query::IsIncompleteSyntaxError(bad.status()));
}

}  // namespace
}  // namespace parley::query
