#include "query/expr/string_functions.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "query/expr/functions.h"

namespace parley::query {
namespace {

const std::string kXsdPrefix = "http://www.w3.org/2001/XMLSchema#";

Term Typed(std::string lexical, const std::string& local_type) {
  return Term::TypedLiteral(std::move(lexical), kXsdPrefix + local_type);
}
Term Lit(std::string lexical) { return Term::Literal(std::move(lexical)); }
Term Lang(std::string lexical, std::string tag) {
  return Term::LangLiteral(std::move(lexical), std::move(tag));
}
Term Int(std::string lexical) { return Typed(std::move(lexical), "integer"); }

// N-Triples of the result with the XSD namespace shortened, or "error".
std::string Show(const ExprValue& value) {
  if (!value) return "error";
  std::string text = value->ToNTriples();
  std::string long_form = "<" + kXsdPrefix;
  for (size_t at; (at = text.find(long_form)) != std::string::npos;) {
    size_t end = text.find('>', at);
    text.replace(at, end - at + 1,
                 "xsd:" + text.substr(at + long_form.size(), end - at - long_form.size()));
  }
  return text;
}

std::string Call(Builtin builtin, std::vector<Term> args) {
  FunctionContext context = MakeFunctionContext();
  return Show(CallBuiltin(builtin, args, context));
}

TEST(StringFunctionsTest, StrlenCountsCodePoints) {
  EXPECT_EQ(Call(Builtin::kStrlen, {Lit("chat")}), "\"4\"^^xsd:integer");
  EXPECT_EQ(Call(Builtin::kStrlen, {Lit("日本")}), "\"2\"^^xsd:integer");
  EXPECT_EQ(Call(Builtin::kStrlen, {Lang("食べ物", "ja")}), "\"3\"^^xsd:integer");
  EXPECT_EQ(Call(Builtin::kStrlen, {Lit("\xF0\x9F\x98\x80!")}), "\"2\"^^xsd:integer");  // non-BMP
  EXPECT_EQ(Call(Builtin::kStrlen, {Lit("")}), "\"0\"^^xsd:integer");
  EXPECT_EQ(Call(Builtin::kStrlen, {Int("12")}), "error");
  EXPECT_EQ(Call(Builtin::kStrlen, {Term::Iri("http://x/")}), "error");
}

TEST(StringFunctionsTest, SubstrUsesOneBasedCodePoints) {
  EXPECT_EQ(Call(Builtin::kSubstr, {Lit("foobar"), Int("4")}), "\"bar\"");
  EXPECT_EQ(Call(Builtin::kSubstr, {Lit("foobar"), Int("4"), Int("1")}), "\"b\"");
  EXPECT_EQ(Call(Builtin::kSubstr, {Lang("foobar", "en"), Int("4"), Int("1")}), "\"b\"@en");
  EXPECT_EQ(Call(Builtin::kSubstr, {Typed("foobar", "string"), Int("4"), Int("1")}), "\"b\"");
  EXPECT_EQ(Call(Builtin::kSubstr, {Lit("日本語"), Int("2")}), "\"本語\"");
  EXPECT_EQ(Call(Builtin::kSubstr, {Lit("日本語"), Int("2"), Int("1")}), "\"本\"");
  EXPECT_EQ(Call(Builtin::kSubstr, {Lit("\xF0\x9F\x98\x80"
                                        "ab"),
                                    Int("2")}),
            "\"ab\"");
  // XPath's rounding and out-of-range rules.
  EXPECT_EQ(
      Call(Builtin::kSubstr, {Lit("12345"), Typed("1.5", "decimal"), Typed("2.6", "decimal")}),
      "\"234\"");
  EXPECT_EQ(Call(Builtin::kSubstr, {Lit("12345"), Int("0"), Int("3")}), "\"12\"");
  EXPECT_EQ(Call(Builtin::kSubstr, {Lit("12345"), Int("5"), Int("-3")}), "\"\"");
  EXPECT_EQ(Call(Builtin::kSubstr, {Lit("12345"), Int("-3"), Int("5")}), "\"1\"");
  EXPECT_EQ(Call(Builtin::kSubstr, {Lit("12345"), Typed("NaN", "double"), Int("3")}), "\"\"");
  EXPECT_EQ(Call(Builtin::kSubstr, {Lit("12345"), Int("10")}), "\"\"");
  EXPECT_EQ(Call(Builtin::kSubstr, {Lit("12345"), Lit("1")}), "error");
  EXPECT_EQ(Call(Builtin::kSubstr, {Int("12345"), Int("1")}), "error");
}

TEST(StringFunctionsTest, CaseMappingIsFullUnicode) {
  EXPECT_EQ(Call(Builtin::kUcase, {Lit("foo")}), "\"FOO\"");
  EXPECT_EQ(Call(Builtin::kUcase, {Lang("foo", "en")}), "\"FOO\"@en");
  EXPECT_EQ(Call(Builtin::kUcase, {Typed("foo", "string")}), "\"FOO\"");
  EXPECT_EQ(Call(Builtin::kUcase, {Lit("ß")}), "\"SS\"");
  EXPECT_EQ(Call(Builtin::kUcase, {Lit("straße")}), "\"STRASSE\"");
  EXPECT_EQ(Call(Builtin::kLcase, {Lit("BAR")}), "\"bar\"");
  EXPECT_EQ(Call(Builtin::kLcase, {Lit("ΑΒΓ")}), "\"αβγ\"");
  EXPECT_EQ(Call(Builtin::kLcase, {Lit("\xF0\x90\x90\x80")}), "\"\xF0\x90\x90\xA8\"");  // Deseret
  EXPECT_EQ(Call(Builtin::kUcase, {Lit("食べ物")}), "\"食べ物\"");
  EXPECT_EQ(Call(Builtin::kUcase, {Int("1")}), "error");
}

TEST(StringFunctionsTest, StartsEndsContains) {
  EXPECT_EQ(Call(Builtin::kStrStarts, {Lit("foobar"), Lit("foo")}), "\"true\"^^xsd:boolean");
  EXPECT_EQ(Call(Builtin::kStrStarts, {Lang("foobar", "en"), Lang("foo", "en")}),
            "\"true\"^^xsd:boolean");
  EXPECT_EQ(Call(Builtin::kStrStarts, {Lang("foobar", "en"), Lit("foo")}), "\"true\"^^xsd:boolean");
  EXPECT_EQ(Call(Builtin::kStrStarts, {Lang("foobar", "en"), Typed("foo", "string")}),
            "\"true\"^^xsd:boolean");
  EXPECT_EQ(Call(Builtin::kStrStarts, {Lit("foobar"), Lang("foo", "en")}), "error");
  EXPECT_EQ(Call(Builtin::kStrStarts, {Lang("foobar", "fr"), Lang("foo", "en")}), "error");
  EXPECT_EQ(Call(Builtin::kStrStarts, {Lit("foobar"), Lit("bar")}), "\"false\"^^xsd:boolean");
  EXPECT_EQ(Call(Builtin::kStrEnds, {Lit("foobar"), Lit("bar")}), "\"true\"^^xsd:boolean");
  EXPECT_EQ(Call(Builtin::kStrEnds, {Lit("foobar"), Lit("")}), "\"true\"^^xsd:boolean");
  EXPECT_EQ(Call(Builtin::kContains, {Lit("foobar"), Lit("oba")}), "\"true\"^^xsd:boolean");
  EXPECT_EQ(Call(Builtin::kContains, {Lit("食べ物"), Lit("べ")}), "\"true\"^^xsd:boolean");
  EXPECT_EQ(Call(Builtin::kContains, {Lit("foobar"), Lit("xyz")}), "\"false\"^^xsd:boolean");
  EXPECT_EQ(Call(Builtin::kContains, {Int("123"), Lit("2")}), "error");
}

TEST(StringFunctionsTest, StrBeforeAndStrAfterFollowTheSpecExamples) {
  EXPECT_EQ(Call(Builtin::kStrBefore, {Lit("abc"), Lit("b")}), "\"a\"");
  EXPECT_EQ(Call(Builtin::kStrBefore, {Lang("abc", "en"), Lit("bc")}), "\"a\"@en");
  EXPECT_EQ(Call(Builtin::kStrBefore, {Lang("abc", "en"), Lang("b", "cy")}), "error");
  EXPECT_EQ(Call(Builtin::kStrBefore, {Typed("abc", "string"), Lit("")}), "\"\"");
  EXPECT_EQ(Call(Builtin::kStrBefore, {Lit("abc"), Lit("xyz")}), "\"\"");
  EXPECT_EQ(Call(Builtin::kStrBefore, {Lang("abc", "en"), Lit("z")}), "\"\"");
  EXPECT_EQ(Call(Builtin::kStrBefore, {Lang("abc", "en"), Lit("")}), "\"\"@en");
  EXPECT_EQ(Call(Builtin::kStrAfter, {Lit("abc"), Lit("b")}), "\"c\"");
  EXPECT_EQ(Call(Builtin::kStrAfter, {Lang("abc", "en"), Lit("ab")}), "\"c\"@en");
  EXPECT_EQ(Call(Builtin::kStrAfter, {Lang("abc", "en"), Lang("b", "cy")}), "error");
  EXPECT_EQ(Call(Builtin::kStrAfter, {Typed("abc", "string"), Lit("")}), "\"abc\"");
  EXPECT_EQ(Call(Builtin::kStrAfter, {Lit("abc"), Lit("xyz")}), "\"\"");
  EXPECT_EQ(Call(Builtin::kStrAfter, {Lang("abc", "en"), Lit("z")}), "\"\"");
  EXPECT_EQ(Call(Builtin::kStrAfter, {Lit("日本語"), Lit("本")}), "\"語\"");
}

TEST(StringFunctionsTest, EncodeForUri) {
  EXPECT_EQ(Call(Builtin::kEncodeForUri, {Lit("Los Angeles")}), "\"Los%20Angeles\"");
  EXPECT_EQ(Call(Builtin::kEncodeForUri, {Lang("Los Angeles", "en")}), "\"Los%20Angeles\"");
  EXPECT_EQ(Call(Builtin::kEncodeForUri, {Lit("100% a-b_c.d~e/f")}), "\"100%25%20a-b_c.d~e%2Ff\"");
  EXPECT_EQ(Call(Builtin::kEncodeForUri, {Lit("食")}), "\"%E9%A3%9F\"");
  EXPECT_EQ(Call(Builtin::kEncodeForUri, {Lit("\xF0\x9F\x98\x80")}), "\"%F0%9F%98%80\"");
  EXPECT_EQ(Call(Builtin::kEncodeForUri, {Int("1")}), "error");
}

TEST(StringFunctionsTest, ConcatKeepsOnlyACommonTag) {
  EXPECT_EQ(Call(Builtin::kConcat, {Lit("foo"), Lit("bar")}), "\"foobar\"");
  EXPECT_EQ(Call(Builtin::kConcat, {Lang("foo", "en"), Lang("bar", "en")}), "\"foobar\"@en");
  EXPECT_EQ(Call(Builtin::kConcat, {Lang("foo", "en"), Lit("bar")}), "\"foobar\"");
  EXPECT_EQ(Call(Builtin::kConcat, {Lang("foo", "en"), Lang("bar", "fr")}), "\"foobar\"");
  EXPECT_EQ(Call(Builtin::kConcat, {Typed("foo", "string"), Typed("bar", "string")}), "\"foobar\"");
  EXPECT_EQ(Call(Builtin::kConcat, {Lang("foo", "en")}), "\"foo\"@en");
  EXPECT_EQ(Call(Builtin::kConcat, {}), "\"\"");
  EXPECT_EQ(Call(Builtin::kConcat, {Lit("a"), Int("1")}), "error");
}

TEST(StringFunctionsTest, LangMatches) {
  EXPECT_EQ(Call(Builtin::kLangMatches, {Lit("fr"), Lit("FR")}), "\"true\"^^xsd:boolean");
  EXPECT_EQ(Call(Builtin::kLangMatches, {Lit("fr-BE"), Lit("FR")}), "\"true\"^^xsd:boolean");
  EXPECT_EQ(Call(Builtin::kLangMatches, {Lit("fra"), Lit("fr")}), "\"false\"^^xsd:boolean");
  EXPECT_EQ(Call(Builtin::kLangMatches, {Lit("en"), Lit("fr")}), "\"false\"^^xsd:boolean");
  EXPECT_EQ(Call(Builtin::kLangMatches, {Lit("en"), Lit("*")}), "\"true\"^^xsd:boolean");
  EXPECT_EQ(Call(Builtin::kLangMatches, {Lit(""), Lit("*")}), "\"false\"^^xsd:boolean");
  EXPECT_EQ(Call(Builtin::kLangMatches, {Lit("en"), Lit("en-US")}), "\"false\"^^xsd:boolean");
  EXPECT_EQ(Call(Builtin::kLangMatches, {Int("1"), Lit("*")}), "error");
}

TEST(StringFunctionsTest, CodePointCount) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("aé日\xF0\x9F\x98\x80"), 4u);
}

}  // namespace
}  // namespace parley::query
