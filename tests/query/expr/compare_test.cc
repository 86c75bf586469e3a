#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "query/expr/functions.h"

namespace parley::query {
namespace {

const std::string kXsdPrefix = "http://www.w3.org/2001/XMLSchema#";

Term Typed(std::string lexical, const std::string& local_type) {
  return Term::TypedLiteral(std::move(lexical), kXsdPrefix + local_type);
}
Term Int(std::string lexical) { return Typed(std::move(lexical), "integer"); }
Term Dbl(std::string lexical) { return Typed(std::move(lexical), "double"); }
Term Bool(std::string lexical) { return Typed(std::move(lexical), "boolean"); }
Term DateTimeLiteral(std::string lexical) { return Typed(std::move(lexical), "dateTime"); }
Term DateLiteral(std::string lexical) { return Typed(std::move(lexical), "date"); }
Term Unknown(std::string lexical) {
  return Term::TypedLiteral(std::move(lexical), "http://example/unknown");
}

// "true", "false" or "error".
std::string Cmp(CompareOp op, const Term& a, const Term& b) {
  std::optional<bool> result = CompareTerms(op, a, b);
  if (!result) return "error";
  return *result ? "true" : "false";
}
std::string Eq(const Term& a, const Term& b) { return Cmp(CompareOp::kEqual, a, b); }
std::string Ne(const Term& a, const Term& b) { return Cmp(CompareOp::kNotEqual, a, b); }
std::string Lt(const Term& a, const Term& b) { return Cmp(CompareOp::kLess, a, b); }

TEST(CompareTest, NumbersCompareByValueAcrossTypes) {
  EXPECT_EQ(Eq(Int("1"), Int("01")), "true");
  EXPECT_EQ(Eq(Int("1"), Dbl("1.0e0")), "true");
  EXPECT_EQ(Eq(Typed("1", "decimal"), Typed("1", "float")), "true");
  EXPECT_EQ(Eq(Typed("1", "byte"), Int("1")), "true");
  EXPECT_EQ(Ne(Int("1"), Int("2")), "true");
  EXPECT_EQ(Lt(Int("1"), Typed("1.5", "decimal")), "true");
  EXPECT_EQ(Cmp(CompareOp::kGreaterEqual, Dbl("2"), Int("2")), "true");
  EXPECT_EQ(Cmp(CompareOp::kLessEqual, Dbl("2.5"), Int("2")), "false");
  EXPECT_EQ(Cmp(CompareOp::kGreater, Int("3"), Typed("2", "short")), "true");
}

TEST(CompareTest, NaNIsUnequalToEverything) {
  EXPECT_EQ(Eq(Dbl("NaN"), Dbl("NaN")), "false");
  EXPECT_EQ(Ne(Dbl("NaN"), Dbl("NaN")), "true");
  EXPECT_EQ(Lt(Dbl("NaN"), Int("1")), "false");
  EXPECT_EQ(Cmp(CompareOp::kGreaterEqual, Dbl("NaN"), Int("1")), "false");
}

TEST(CompareTest, StringsCompareByCodePoint) {
  EXPECT_EQ(Eq(Term::Literal("abc"), Typed("abc", "string")), "true");
  EXPECT_EQ(Lt(Term::Literal("abc"), Term::Literal("abd")), "true");
  EXPECT_EQ(Lt(Term::Literal("Z"), Term::Literal("a")), "true");
  EXPECT_EQ(Lt(Term::Literal("z"), Term::Literal("é")), "true");
  EXPECT_EQ(Lt(Term::Literal("\xEF\xBF\xBD"), Term::Literal("\xF0\x9F\x98\x80")), "true");
  EXPECT_EQ(Lt(Term::Literal(""), Term::Literal("a")), "true");
  EXPECT_EQ(Eq(Term::Literal("a"), Term::Literal("b")), "false");
}

TEST(CompareTest, Booleans) {
  EXPECT_EQ(Lt(Bool("false"), Bool("true")), "true");
  EXPECT_EQ(Eq(Bool("1"), Bool("true")), "true");
  EXPECT_EQ(Eq(Bool("0"), Bool("true")), "false");
  EXPECT_EQ(Eq(Bool("yes"), Bool("true")), "error");
}

TEST(CompareTest, LanguageTaggedLiterals) {
  Term en = Term::LangLiteral("xyz", "en");
  EXPECT_EQ(Eq(en, Term::LangLiteral("xyz", "EN")), "true");
  EXPECT_EQ(Eq(en, Term::LangLiteral("xyz", "fr")), "false");
  EXPECT_EQ(Eq(en, Term::LangLiteral("abc", "en")), "false");
  EXPECT_EQ(Ne(en, Term::Literal("xyz")), "true");
  EXPECT_EQ(Ne(en, Int("xyz")), "true");
  EXPECT_EQ(Ne(en, Unknown("xyz")), "true");
  EXPECT_EQ(Lt(Term::LangLiteral("abc", "en"), en), "true");
  EXPECT_EQ(Lt(Term::LangLiteral("abc", "fr"), en), "error");
  EXPECT_EQ(Lt(Term::Literal("abc"), en), "error");
}

TEST(CompareTest, UnknownAndIllFormedLiteralsAreErrorsUnlessIdentical) {
  EXPECT_EQ(Eq(Unknown("x"), Unknown("x")), "true");
  EXPECT_EQ(Ne(Unknown("x"), Unknown("x")), "false");
  EXPECT_EQ(Eq(Unknown("x"), Unknown("y")), "error");
  EXPECT_EQ(Ne(Unknown("x"), Unknown("y")), "error");
  EXPECT_EQ(Eq(Term::Literal("xyz"), Unknown("xyz")), "error");
  EXPECT_EQ(Eq(Term::Literal("xyz"), Int("xyz")), "error");
  EXPECT_EQ(Eq(Int("xyz"), Int("xyz")), "true");
  EXPECT_EQ(Eq(Int("xyz"), Int("abc")), "error");
  EXPECT_EQ(Eq(Int("xyz"), Unknown("xyz")), "error");
  EXPECT_EQ(Lt(Unknown("x"), Unknown("y")), "error");
}

TEST(CompareTest, DifferentKnownKindsAreUnequal) {
  EXPECT_EQ(Ne(DateTimeLiteral("2006-08-23T09:00:00+01:00"), DateLiteral("2006-08-23")), "true");
  EXPECT_EQ(Eq(Term::Literal("1"), Int("1")), "false");
  EXPECT_EQ(Lt(Term::Literal("1"), Int("2")), "error");
  EXPECT_EQ(Lt(Bool("true"), Int("2")), "error");
}

TEST(CompareTest, IrisAndBlankNodes) {
  Term iri = Term::Iri("http://example/a");
  Term blank = Term::BlankNode("b");
  EXPECT_EQ(Eq(iri, Term::Iri("http://example/a")), "true");
  EXPECT_EQ(Eq(iri, Term::Iri("http://example/b")), "false");
  EXPECT_EQ(Ne(iri, Term::Literal("http://example/a")), "true");
  EXPECT_EQ(Eq(blank, Term::BlankNode("b")), "true");
  EXPECT_EQ(Ne(blank, iri), "true");
  EXPECT_EQ(Lt(iri, Term::Iri("http://example/b")), "error");
  EXPECT_EQ(Lt(blank, Term::BlankNode("c")), "error");
  EXPECT_EQ(Lt(iri, Int("1")), "error");
}

TEST(CompareTest, DateTimesWithTheFourteenHourRule) {
  EXPECT_EQ(
      Eq(DateTimeLiteral("2002-10-10T12:00:00-05:00"), DateTimeLiteral("2002-10-10T17:00:00Z")),
      "true");
  EXPECT_EQ(Lt(DateTimeLiteral("2002-10-10T12:00:00Z"), DateTimeLiteral("2002-10-10T13:00:00Z")),
            "true");
  // Without a timezone: decided only beyond ±14 hours.
  EXPECT_EQ(Eq(DateTimeLiteral("2002-10-10T12:00:00"), DateTimeLiteral("2002-10-10T12:00:00Z")),
            "error");
  EXPECT_EQ(Lt(DateTimeLiteral("2002-10-10T12:00:00"), DateTimeLiteral("2002-10-10T20:00:00Z")),
            "error");
  EXPECT_EQ(Lt(DateTimeLiteral("2002-10-09T12:00:00"), DateTimeLiteral("2002-10-10T12:00:00Z")),
            "true");
  EXPECT_EQ(Ne(DateTimeLiteral("2002-10-09T12:00:00"), DateTimeLiteral("2002-10-10T12:00:00Z")),
            "true");
  EXPECT_EQ(Eq(DateTimeLiteral("2002-10-10T12:00:00"), DateTimeLiteral("2002-10-10T12:00:00.0")),
            "true");
  EXPECT_EQ(Eq(DateTimeLiteral("2002-10-10T24:00:00Z"), DateTimeLiteral("2002-10-11T00:00:00Z")),
            "true");
}

TEST(CompareTest, DatesLikeTheOpenWorldSuite) {
  Term reference = DateLiteral("2006-08-23");
  EXPECT_EQ(Eq(DateLiteral("2006-08-23"), reference), "true");
  EXPECT_EQ(Eq(DateLiteral("2006-08-23Z"), reference), "error");
  EXPECT_EQ(Ne(DateLiteral("2001-01-01Z"), reference), "true");
  EXPECT_EQ(Cmp(CompareOp::kGreater, DateLiteral("2006-08-23Z"), DateLiteral("2006-08-22")),
            "true");
  EXPECT_EQ(Cmp(CompareOp::kGreater, DateLiteral("2006-08-23+00:00"), DateLiteral("2006-08-22")),
            "true");
}

TEST(CompareTest, EffectiveBooleanValue) {
  auto ebv = [](const Term& term) -> std::string {
    std::optional<bool> value = EffectiveBooleanValue(term);
    if (!value) return "error";
    return *value ? "true" : "false";
  };
  EXPECT_EQ(ebv(Bool("true")), "true");
  EXPECT_EQ(ebv(Bool("0")), "false");
  EXPECT_EQ(ebv(Bool("maybe")), "false");
  EXPECT_EQ(ebv(Term::Literal("")), "false");
  EXPECT_EQ(ebv(Term::Literal("false")), "true");
  EXPECT_EQ(ebv(Term::LangLiteral("x", "en")), "true");
  EXPECT_EQ(ebv(Int("0")), "false");
  EXPECT_EQ(ebv(Int("-3")), "true");
  EXPECT_EQ(ebv(Typed("0.0", "decimal")), "false");
  EXPECT_EQ(ebv(Dbl("NaN")), "false");
  EXPECT_EQ(ebv(Dbl("-0.0e0")), "false");
  EXPECT_EQ(ebv(Dbl("1e-300")), "true");
  EXPECT_EQ(ebv(Int("abc")), "false");
  EXPECT_EQ(ebv(Unknown("x")), "error");
  EXPECT_EQ(ebv(DateTimeLiteral("2002-10-10T12:00:00Z")), "error");
  EXPECT_EQ(ebv(Term::Iri("http://x/")), "error");
  EXPECT_EQ(ebv(Term::BlankNode("b")), "error");
}

TEST(CompareTest, OrderCompareIsATotalOrder) {
  std::vector<std::optional<Term>> terms = {
      Term::Literal("b"),
      Int("10"),
      Term::Iri("http://example/b"),
      std::nullopt,
      Typed("2", "decimal"),
      Term::BlankNode("z"),
      Term::LangLiteral("a", "en"),
      Dbl("NaN"),
      Int("02"),
      Int("2"),
      Term::Literal("a"),
      Unknown("u"),
      Term::Iri("http://example/a"),
      Term::BlankNode("a"),
      Bool("false"),
      DateTimeLiteral("2002-10-10T12:00:00Z"),
      DateTimeLiteral("2002-10-10T12:00:00"),
      Dbl("1.5e0"),
  };
  std::sort(terms.begin(), terms.end(),
            [](const auto& a, const auto& b) { return OrderCompare(a, b) < 0; });
  std::vector<std::string> shown;
  for (const auto& term : terms) shown.push_back(term ? term->ToNTriples() : "UNDEF");
  std::vector<std::string> expected = {
      "UNDEF",
      "_:a",
      "_:z",
      "<http://example/a>",
      "<http://example/b>",
      "\"a\"",
      "\"b\"",
      "\"a\"@en",
      "\"false\"^^<http://www.w3.org/2001/XMLSchema#boolean>",
      "\"NaN\"^^<http://www.w3.org/2001/XMLSchema#double>",
      "\"1.5e0\"^^<http://www.w3.org/2001/XMLSchema#double>",
      "\"2\"^^<http://www.w3.org/2001/XMLSchema#decimal>",
      "\"02\"^^<http://www.w3.org/2001/XMLSchema#integer>",
      "\"2\"^^<http://www.w3.org/2001/XMLSchema#integer>",
      "\"10\"^^<http://www.w3.org/2001/XMLSchema#integer>",
      "\"2002-10-10T12:00:00\"^^<http://www.w3.org/2001/XMLSchema#dateTime>",
      "\"2002-10-10T12:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime>",
      "\"u\"^^<http://example/unknown>",
  };
  EXPECT_EQ(shown, expected);
  for (const auto& a : terms) {
    EXPECT_EQ(OrderCompare(a, a), 0);
    for (const auto& b : terms) EXPECT_EQ(OrderCompare(a, b), -OrderCompare(b, a));
  }
}

TEST(CompareTest, BooleanTerm) {
  EXPECT_EQ(BooleanTerm(true), Bool("true"));
  EXPECT_EQ(BooleanTerm(false), Bool("false"));
}

}  // namespace
}  // namespace parley::query
