#include <gtest/gtest.h>

#include <string>

#include "query/expr/functions.h"

namespace parley::query {
namespace {

const std::string kXsdPrefix = "http://www.w3.org/2001/XMLSchema#";

Term Typed(std::string lexical, const std::string& local_type) {
  return Term::TypedLiteral(std::move(lexical), kXsdPrefix + local_type);
}
Term Lit(std::string lexical) { return Term::Literal(std::move(lexical)); }

// "lexical^^localtype", or "error".
std::string Cast(const std::string& local_type, const Term& source) {
  Term args[] = {source};
  ExprValue value = CallFunction(kXsdPrefix + local_type, args);
  if (!value) return "error";
  std::string datatype = value->datatype();
  if (datatype.starts_with(kXsdPrefix)) datatype = datatype.substr(kXsdPrefix.size());
  return value->value() + "^^" + datatype;
}

TEST(CastsTest, KnownFunctions) {
  EXPECT_TRUE(IsKnownFunction(kXsdPrefix + "integer"));
  EXPECT_TRUE(IsKnownFunction(kXsdPrefix + "unsignedByte"));
  EXPECT_TRUE(IsKnownFunction(kXsdPrefix + "dateTime"));
  EXPECT_TRUE(IsKnownFunction(kXsdPrefix + "string"));
  EXPECT_FALSE(IsKnownFunction(kXsdPrefix + "gYear"));
  EXPECT_FALSE(IsKnownFunction("http://example/f"));
  Term args[] = {Lit("1")};
  EXPECT_FALSE(CallFunction("http://example/f", args));
  Term two[] = {Lit("1"), Lit("2")};
  EXPECT_FALSE(CallFunction(kXsdPrefix + "integer", two));
}

TEST(CastsTest, FromStrings) {
  EXPECT_EQ(Cast("integer", Lit("13")), "13^^integer");
  EXPECT_EQ(Cast("integer", Lit(" 013 ")), "13^^integer");
  EXPECT_EQ(Cast("integer", Lit("1.5")), "error");
  EXPECT_EQ(Cast("integer", Lit("-10.2E3")), "error");
  EXPECT_EQ(Cast("decimal", Lit("+33.3300")), "33.33^^decimal");
  EXPECT_EQ(Cast("decimal", Lit("13")), "13^^decimal");
  EXPECT_EQ(Cast("decimal", Lit("-10.2E3")), "error");
  EXPECT_EQ(Cast("double", Lit("-10.2E3")), "-1.02E4^^double");
  EXPECT_EQ(Cast("double", Lit("13")), "1.3E1^^double");
  EXPECT_EQ(Cast("double", Lit("INF")), "INF^^double");
  EXPECT_EQ(Cast("double", Lit("true")), "error");
  EXPECT_EQ(Cast("float", Lit("+33.3300")), "3.333E1^^float");
  EXPECT_EQ(Cast("boolean", Lit("true")), "true^^boolean");
  EXPECT_EQ(Cast("boolean", Lit("1")), "true^^boolean");
  EXPECT_EQ(Cast("boolean", Lit("0")), "false^^boolean");
  EXPECT_EQ(Cast("boolean", Lit("TRUE")), "error");
  EXPECT_EQ(Cast("boolean", Lit("string")), "error");
  EXPECT_EQ(Cast("dateTime", Lit("2002-10-10T17:00:00Z")), "2002-10-10T17:00:00Z^^dateTime");
  EXPECT_EQ(Cast("dateTime", Lit("2002-10-10")), "error");
  EXPECT_EQ(Cast("date", Lit("2002-10-10")), "2002-10-10^^date");
  EXPECT_EQ(Cast("string", Lit("abc")), "abc^^string");
  EXPECT_EQ(Cast("byte", Lit("127")), "127^^byte");
  EXPECT_EQ(Cast("byte", Lit("128")), "error");
  EXPECT_EQ(Cast("nonNegativeInteger", Lit("-1")), "error");
}

TEST(CastsTest, FromNumbers) {
  EXPECT_EQ(Cast("integer", Typed("1.9", "decimal")), "1^^integer");
  EXPECT_EQ(Cast("integer", Typed("-1.9", "decimal")), "-1^^integer");
  EXPECT_EQ(Cast("integer", Typed("-1.9e0", "double")), "-1^^integer");
  EXPECT_EQ(Cast("integer", Typed("NaN", "double")), "error");
  EXPECT_EQ(Cast("integer", Typed("INF", "float")), "error");
  EXPECT_EQ(Cast("decimal", Typed("1.5e0", "double")), "1.5^^decimal");
  EXPECT_EQ(Cast("decimal", Typed("1e2", "double")), "100^^decimal");
  EXPECT_EQ(Cast("decimal", Typed("01", "integer")), "1^^decimal");
  EXPECT_EQ(Cast("double", Typed("1", "integer")), "1.0E0^^double");
  EXPECT_EQ(Cast("double", Typed("0.1", "decimal")), "1.0E-1^^double");
  EXPECT_EQ(Cast("float", Typed("0.1", "double")), "1.0E-1^^float");
  EXPECT_EQ(Cast("string", Typed("01", "integer")), "1^^string");
  EXPECT_EQ(Cast("string", Typed("1.50", "decimal")), "1.5^^string");
  EXPECT_EQ(Cast("string", Typed("1e0", "double")), "1.0E0^^string");
  EXPECT_EQ(Cast("boolean", Typed("0", "integer")), "false^^boolean");
  EXPECT_EQ(Cast("boolean", Typed("NaN", "double")), "false^^boolean");
  EXPECT_EQ(Cast("boolean", Typed("-0.5", "decimal")), "true^^boolean");
  EXPECT_EQ(Cast("short", Typed("40000", "integer")), "error");
  EXPECT_EQ(Cast("int", Typed("4.7", "decimal")), "4^^int");
  EXPECT_EQ(Cast("integer", Typed("abc", "integer")), "error");
  EXPECT_EQ(Cast("dateTime", Typed("1", "integer")), "error");
}

TEST(CastsTest, FromBooleansDatesAndOtherTerms) {
  EXPECT_EQ(Cast("integer", Typed("true", "boolean")), "1^^integer");
  EXPECT_EQ(Cast("double", Typed("false", "boolean")), "0.0E0^^double");
  EXPECT_EQ(Cast("decimal", Typed("1", "boolean")), "1^^decimal");
  EXPECT_EQ(Cast("string", Typed("1", "boolean")), "true^^string");
  EXPECT_EQ(Cast("string", Typed("2002-10-10T17:00:00.000Z", "dateTime")),
            "2002-10-10T17:00:00.000Z^^string");
  EXPECT_EQ(Cast("dateTime", Typed("2002-10-10", "date")), "2002-10-10T00:00:00^^dateTime");
  EXPECT_EQ(Cast("date", Typed("2002-10-10T17:00:00-05:00", "dateTime")), "2002-10-10-05:00^^date");
  EXPECT_EQ(Cast("boolean", Typed("2002-10-10T17:00:00Z", "dateTime")), "error");
  EXPECT_EQ(Cast("string", Term::Iri("http://example/z")), "http://example/z^^string");
  EXPECT_EQ(Cast("integer", Term::Iri("http://example/z")), "error");
  EXPECT_EQ(Cast("string", Term::BlankNode("b")), "error");
  EXPECT_EQ(Cast("string", Term::LangLiteral("chat", "en")), "chat^^string");
  EXPECT_EQ(Cast("integer", Term::LangLiteral("1", "en")), "error");
  EXPECT_EQ(Cast("string", Term::TypedLiteral("x", "http://example/t")), "error");
}

}  // namespace
}  // namespace parley::query
