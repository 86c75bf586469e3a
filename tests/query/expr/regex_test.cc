#include "query/expr/regex.h"

#include <gtest/gtest.h>

#include <string>

namespace parley::query {
namespace {

Term Lit(std::string lexical) { return Term::Literal(std::move(lexical)); }

// "true", "false" or "error".
std::string Matches(std::string text, std::string pattern, std::string flags = "") {
  Term flag_term = Lit(flags);
  ExprValue result = Regex(Lit(std::move(text)), Lit(std::move(pattern)), &flag_term);
  if (!result) return "error";
  return result->value();
}

// The replaced text, "@tag" appended for tagged results, or "error".
std::string Replaced(const Term& text, std::string pattern, std::string replacement,
                     std::string flags = "") {
  Term flag_term = Lit(flags);
  ExprValue result =
      Replace(text, Lit(std::move(pattern)), Lit(std::move(replacement)), &flag_term);
  if (!result) return "error";
  return result->value() + (result->language().empty() ? "" : "@" + result->language());
}
std::string Replaced(std::string text, std::string pattern, std::string replacement,
                     std::string flags = "") {
  return Replaced(Lit(std::move(text)), std::move(pattern), std::move(replacement),
                  std::move(flags));
}

TEST(RegexTest, BasicMatching) {
  EXPECT_EQ(Matches("abracadabra", "bra"), "true");
  EXPECT_EQ(Matches("abracadabra", "^a.*a$"), "true");
  EXPECT_EQ(Matches("abracadabra", "^bra"), "false");
  EXPECT_EQ(Matches("SPARQL", "^sparql$", "i"), "true");
  EXPECT_EQ(Matches("食べ物", "^.べ.$"), "true");
  EXPECT_EQ(Matches("\xF0\x9F\x98\x80", "^.$"), "true");  // one code point
}

TEST(RegexTest, Flags) {
  EXPECT_EQ(Matches("a\nb", "a.b"), "false");
  EXPECT_EQ(Matches("a\nb", "a.b", "s"), "true");
  EXPECT_EQ(Matches("a\rb", "a.b"), "false");
  EXPECT_EQ(Matches("first\nsecond", "^second$"), "false");
  EXPECT_EQ(Matches("first\nsecond", "^second$", "m"), "true");
  EXPECT_EQ(Matches("line\n", "line$"), "false");  // $ only at the very end
  EXPECT_EQ(Matches("line\n", "line$", "m"), "true");
  EXPECT_EQ(Matches("helloworld", "hello world", "x"), "true");
  EXPECT_EQ(Matches("hello world", "hello[ ]world", "x"), "true");
  EXPECT_EQ(Matches("a.b", "a.b", "q"), "true");
  EXPECT_EQ(Matches("axb", "a.b", "q"), "false");
  EXPECT_EQ(Matches("A.B", "a.b", "qi"), "true");
  EXPECT_EQ(Matches("(x)", "(x)", "q"), "true");
  EXPECT_EQ(Matches("abc", "abc", "g"), "error");  // not an XPath flag
}

TEST(RegexTest, CaseInsensitiveIsUnicodeAware) {
  EXPECT_EQ(Matches("ÉCOLE", "école", "i"), "true");
  EXPECT_EQ(Matches("ΣΊΣΥΦΟΣ", "σίσυφοσ", "i"), "true");
}

TEST(RegexTest, XsdSyntax) {
  EXPECT_EQ(Matches("e", "[a-z-[aeiou]]"), "false");
  EXPECT_EQ(Matches("b", "[a-z-[aeiou]]"), "true");
  EXPECT_EQ(Matches("B", "^[a-z-[aeiou]]$"), "false");
  EXPECT_EQ(Matches("abab", "^(ab)\\1$"), "true");
  EXPECT_EQ(Matches("abac", "^(ab)\\1$"), "false");
  EXPECT_EQ(Matches("_name", "^\\i\\c*$"), "true");
  EXPECT_EQ(Matches("1name", "^\\i\\c*$"), "false");
  EXPECT_EQ(Matches("Ab", "^\\p{Lu}\\p{Ll}$"), "true");
  EXPECT_EQ(Matches("٣", "^\\d$"), "true");          // Arabic-Indic digit
  EXPECT_EQ(Matches("a\u00A0b", "a\\sb"), "false");  // XPath \s is 4 characters
  EXPECT_EQ(Matches("a$b", "^\\w\\w\\w$"), "true");  // symbols are word characters
  EXPECT_EQ(Matches("a,b", "^\\w\\W\\w$"), "true");
  EXPECT_EQ(Matches("aaa", "^a{2,3}$"), "true");
  EXPECT_EQ(Matches("aaa", "^a+?$"), "true");
  EXPECT_EQ(Matches("ab", "^(?:a)b$"), "true");
  EXPECT_EQ(Matches("ab", "^\\p{IsBasicLatin}+$"), "true");
  EXPECT_EQ(Matches("aé", "^\\p{IsBasicLatin}+$"), "false");
  EXPECT_EQ(Matches("é", "^\\p{IsLatin-1Supplement}$"), "true");
  EXPECT_EQ(Matches("αβ", "^\\p{IsGreek}+$"), "true");
  EXPECT_EQ(Matches("日本", "^[\\p{IsCJKUnifiedIdeographs}]+$"), "true");
  EXPECT_EQ(Matches("x", "^\\P{IsGreek}$"), "true");
  EXPECT_EQ(Matches("a b", "^a[\\S ]b$"), "true");
  EXPECT_EQ(Matches("a\tb", "^a[\\S]b$"), "false");
  EXPECT_EQ(Matches("a\u00A0b", "^a[\\S]b$"), "true");
}

TEST(RegexTest, PcreOnlySyntaxIsRefused) {
  EXPECT_EQ(Matches("ab", "a(?=b)"), "error");
  EXPECT_EQ(Matches("ab", "(?<name>a)"), "error");
  EXPECT_EQ(Matches("ab", "\\bab"), "error");
  EXPECT_EQ(Matches("ab", "\\Aab"), "error");
  EXPECT_EQ(Matches("aab", "a*+b"), "error");
  EXPECT_EQ(Matches("ab", "(ab"), "error");
  EXPECT_EQ(Matches("ab", "ab)"), "error");
  EXPECT_EQ(Matches("ab", "[ab"), "error");
  EXPECT_EQ(Matches("ab", "\\1(a)"), "error");
  EXPECT_EQ(Matches("a{,3}", "a{,3}"), "error");
  EXPECT_EQ(Matches("ax", "a{x}"), "error");
  EXPECT_EQ(Matches("aa", "^a{2,}$"), "true");
  EXPECT_EQ(Matches("ab", "\\p{IsNoSuchBlock}"), "error");
  EXPECT_EQ(Matches("ab", "[\\P{IsBasicLatin}]"), "error");
}

TEST(RegexTest, ArgumentKinds) {
  Term flags = Lit("");
  EXPECT_TRUE(Regex(Term::LangLiteral("abc", "en"), Lit("b"), &flags));
  EXPECT_TRUE(Regex(Lit("abc"), Lit("b"), nullptr));
  EXPECT_FALSE(Regex(Term::Iri("http://x/abc"), Lit("b"), nullptr));
  EXPECT_FALSE(Regex(Lit("abc"), Term::LangLiteral("b", "en"), nullptr));
  EXPECT_FALSE(Regex(Term::TypedLiteral("1", "http://www.w3.org/2001/XMLSchema#integer"), Lit("1"),
                     nullptr));
}

TEST(RegexTest, CatastrophicPatternsStop) {
  std::string text(40, 'a');
  text += '!';
  EXPECT_EQ(Matches(text, "^(a+)+$"), "error");
}

TEST(RegexTest, Replace) {
  EXPECT_EQ(Replaced("abracadabra", "bra", "*"), "a*cada*");
  EXPECT_EQ(Replaced("abracadabra", "a.*a", "*"), "*");
  EXPECT_EQ(Replaced("abracadabra", "a.*?a", "*"), "*c*bra");
  EXPECT_EQ(Replaced("abracadabra", "a", ""), "brcdbr");
  EXPECT_EQ(Replaced("abracadabra", "a(.)", "a$1$1"), "abbraccaddabbra");
  EXPECT_EQ(Replaced("darted", "^(.*?)d(.*)$", "$1c$2"), "carted");
  EXPECT_EQ(Replaced("abcd", "(ab)|(a)", "[1=$1][2=$2]"), "[1=ab][2=]cd");
  EXPECT_EQ(Replaced("aAbBaC", "a", "~/", "i"), "~/~/bB~/C");
  EXPECT_EQ(Replaced("a.b", ".", "!", "q"), "a!b");
  EXPECT_EQ(Replaced("price", "price", "\\$5"), "$5");
  EXPECT_EQ(Replaced("a", "a", "\\\\"), "\\");
  EXPECT_EQ(Replaced("abc", "(b)", "$12"), "ab2c");  // one group: $1 then "2"
  EXPECT_EQ(Replaced(Term::LangLiteral("english", "en"), "[^a-z0-9]", "-"), "english@en");
  EXPECT_EQ(Replaced(Term::LangLiteral("français", "fr"), "[^a-z0-9]", "-"), "fran-ais@fr");
  EXPECT_EQ(Replaced("日本語", "本", "-"), "日-語");
}

TEST(RegexTest, ReplaceErrors) {
  EXPECT_EQ(Replaced("abc", "x*", "-"), "error");  // matches the empty string
  EXPECT_EQ(Replaced("abc", "^", "-"), "error");
  EXPECT_EQ(Replaced("abc", "b", "$"), "error");
  EXPECT_EQ(Replaced("abc", "b", "$x"), "error");
  EXPECT_EQ(Replaced("abc", "b", "\\n"), "error");
  EXPECT_EQ(Replaced("abc", "(", "-"), "error");
  EXPECT_FALSE(Replace(Term::Iri("http://x/"), Lit("x"), Lit("y"), nullptr));
}

TEST(RegexTest, Translation) {
  EXPECT_EQ(TranslateXPathRegex("[a-z-[aeiou]]", ""), "(?:(?![aeiou])[a-z])");
  EXPECT_EQ(TranslateXPathRegex("a b", "x"), "ab");
  EXPECT_EQ(TranslateXPathRegex("a.b", "q"), "a\\.b");
  EXPECT_FALSE(TranslateXPathRegex("a", "z"));
}

}  // namespace
}  // namespace parley::query
