#include "query/expr/numeric.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "query/expr/functions.h"

namespace parley::query {
namespace {

constexpr std::string_view kXsdPrefix = "http://www.w3.org/2001/XMLSchema#";

Term Typed(std::string lexical, std::string_view local_type) {
  return Term::TypedLiteral(std::move(lexical), std::string(kXsdPrefix) + std::string(local_type));
}
Term Int(std::string lexical) { return Typed(std::move(lexical), "integer"); }
Term Dec(std::string lexical) { return Typed(std::move(lexical), "decimal"); }
Term Flt(std::string lexical) { return Typed(std::move(lexical), "float"); }
Term Dbl(std::string lexical) { return Typed(std::move(lexical), "double"); }

// "lexical^^localtype" of a result, or "error".
std::string Show(const ExprValue& value) {
  if (!value) return "error";
  if (!value->is_literal()) return "<" + value->value() + ">";
  std::string datatype = value->datatype();
  if (datatype.starts_with(kXsdPrefix)) datatype = datatype.substr(kXsdPrefix.size());
  return value->value() + "^^" + datatype;
}

TEST(NumericTest, PromotionFollowsXPath) {
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kAdd, Int("1"), Int("2"))), "3^^integer");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kAdd, Int("1"), Dec("2.5"))), "3.5^^decimal");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kAdd, Dec("1.5"), Flt("1"))), "2.5E0^^float");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kAdd, Flt("1"), Dbl("1"))), "2.0E0^^double");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kMultiply, Int("3"), Dbl("3"))), "9.0E0^^double");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kSubtract, Int("3"), Flt("3"))), "0.0E0^^float");
}

TEST(NumericTest, DerivedIntegerTypesPromoteAsInteger) {
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kAdd, Typed("1", "byte"), Typed("2", "short"))),
            "3^^integer");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kAdd, Typed("1", "int"), Dec("0.5"))), "1.5^^decimal");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kMultiply, Typed("7", "unsignedLong"),
                            Typed("2", "positiveInteger"))),
            "14^^integer");
}

TEST(NumericTest, IntegerDivisionGivesDecimal) {
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kDivide, Int("3"), Int("2"))), "1.5^^decimal");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kDivide, Int("4"), Int("2"))), "2^^decimal");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kDivide, Int("1"), Int("3"))),
            "0.333333333333333333^^decimal");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kDivide, Int("-7"), Int("2"))), "-3.5^^decimal");
}

TEST(NumericTest, DivisionByZero) {
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kDivide, Int("1"), Int("0"))), "error");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kDivide, Dec("1.0"), Dec("0.0"))), "error");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kDivide, Dbl("1"), Int("0"))), "INF^^double");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kDivide, Dbl("-1"), Int("0"))), "-INF^^double");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kDivide, Dbl("0"), Int("0"))), "NaN^^double");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kDivide, Flt("1"), Flt("0"))), "INF^^float");
}

TEST(NumericTest, DecimalsAreExact) {
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kAdd, Dec("0.1"), Dec("0.2"))), "0.3^^decimal");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kMultiply, Dec("1.1"), Dec("1.1"))), "1.21^^decimal");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kMultiply, Dec("-2.5"), Dec("4"))), "-10^^decimal");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kSubtract, Dec("1"), Dec("1.000000000000000001"))),
            "-0.000000000000000001^^decimal");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kMultiply, Dec("100000000000000000000"), Dec("0.5"))),
            "50000000000000000000^^decimal");
}

TEST(NumericTest, OverflowIsAnError) {
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kMultiply, Dec("100000000000000000000"), Dec("10"))),
            "error");
  Term big = Int("170141183460469231731687303715884105727");  // 2^127 - 1
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kAdd, big, Int("1"))), "error");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kAdd, big, Int("0"))),
            "170141183460469231731687303715884105727^^integer");
}

TEST(NumericTest, NonNumericArgumentsAreErrors) {
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kAdd, Term::Literal("1"), Int("1"))), "error");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kAdd, Int("x"), Int("1"))), "error");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kAdd, Term::Iri("http://x/"), Int("1"))), "error");
  EXPECT_EQ(Show(Arithmetic(ArithmeticOp::kAdd, Typed("300", "byte"), Int("1"))), "error");
  EXPECT_EQ(Show(UnaryMinus(Term::Literal("1"))), "error");
}

TEST(NumericTest, UnaryOperators) {
  EXPECT_EQ(Show(UnaryMinus(Int("5"))), "-5^^integer");
  EXPECT_EQ(Show(UnaryMinus(Dec("-1.50"))), "1.5^^decimal");
  EXPECT_EQ(Show(UnaryMinus(Dbl("1"))), "-1.0E0^^double");
  EXPECT_EQ(Show(UnaryMinus(Typed("3", "int"))), "-3^^integer");
  EXPECT_EQ(Show(UnaryPlus(Int("+007"))), "+007^^integer");
  EXPECT_EQ(Show(UnaryPlus(Dbl("3"))), "3^^double");
  EXPECT_EQ(Show(UnaryPlus(Typed("03", "short"))), "3^^integer");
  EXPECT_EQ(Show(UnaryPlus(Int("x"))), "error");
}

TEST(NumericTest, LexicalSpaces) {
  EXPECT_TRUE(IsNumeric(Int("-0")));
  EXPECT_TRUE(IsNumeric(Int("+12")));
  EXPECT_FALSE(IsNumeric(Int("1.0")));
  EXPECT_FALSE(IsNumeric(Int(" 1")));
  EXPECT_FALSE(IsNumeric(Int("")));
  EXPECT_TRUE(IsNumeric(Dec("1.")));
  EXPECT_TRUE(IsNumeric(Dec(".5")));
  EXPECT_FALSE(IsNumeric(Dec(".")));
  EXPECT_FALSE(IsNumeric(Dec("1e3")));
  EXPECT_TRUE(IsNumeric(Dbl("1e3")));
  EXPECT_TRUE(IsNumeric(Dbl("1.")));
  EXPECT_TRUE(IsNumeric(Dbl(".5e1")));
  EXPECT_TRUE(IsNumeric(Dbl("+INF")));
  EXPECT_FALSE(IsNumeric(Dbl(".e1")));
  EXPECT_FALSE(IsNumeric(Dbl("1e+")));
  EXPECT_EQ(ParseDoubleLexical("1e400"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(ParseDoubleLexical("-1e-400"), 0.0);
  EXPECT_EQ(ParseDoubleLexical("0.00001e-400"), 0.0);
  EXPECT_EQ(ParseDoubleLexical("100000e-10"), 1e-5);
  EXPECT_EQ(ParseDoubleLexical(std::string(400, '9') + "e-5"),
            std::numeric_limits<double>::infinity());
  EXPECT_EQ(ParseDoubleLexical("0." + std::string(400, '0') + "1e2"), 0.0);
  EXPECT_EQ(ParseFloatLexical("1e39"), std::numeric_limits<double>::infinity());
  EXPECT_TRUE(IsNumeric(Dbl("-1.5E-3")));
  EXPECT_TRUE(IsNumeric(Dbl("INF")));
  EXPECT_TRUE(IsNumeric(Dbl("-INF")));
  EXPECT_TRUE(IsNumeric(Dbl("NaN")));
  EXPECT_FALSE(IsNumeric(Dbl("nan")));
  EXPECT_FALSE(IsNumeric(Dbl("inf")));
  EXPECT_FALSE(IsNumeric(Dbl("0x10")));
  EXPECT_FALSE(IsNumeric(Dbl("1e")));
  EXPECT_TRUE(IsNumeric(Typed("127", "byte")));
  EXPECT_FALSE(IsNumeric(Typed("128", "byte")));
  EXPECT_FALSE(IsNumeric(Typed("-1", "nonNegativeInteger")));
  EXPECT_FALSE(IsNumeric(Typed("0", "positiveInteger")));
  EXPECT_TRUE(IsNumeric(Typed("18446744073709551615", "unsignedLong")));
  EXPECT_FALSE(IsNumeric(Typed("18446744073709551616", "unsignedLong")));
  EXPECT_FALSE(IsNumeric(Term::Literal("1")));
  EXPECT_FALSE(IsNumeric(Typed("1", "string")));
}

TEST(NumericTest, CanonicalForms) {
  EXPECT_EQ(FormatDouble(1), "1.0E0");
  EXPECT_EQ(FormatDouble(-2.5e-3), "-2.5E-3");
  EXPECT_EQ(FormatDouble(32100), "3.21E4");
  EXPECT_EQ(FormatDouble(0.0), "0.0E0");
  EXPECT_EQ(FormatDouble(-0.0), "-0.0E0");
  EXPECT_EQ(FormatDouble(0.1), "1.0E-1");
  EXPECT_EQ(FormatFloat(0.1), "1.0E-1");  // shortest form of the float
  EXPECT_EQ(FormatDecimal(15 * kDecimalScale / 10), "1.5");
  EXPECT_EQ(FormatDecimal(-2 * kDecimalScale), "-2");
  EXPECT_EQ(FormatDecimal(0), "0");
  EXPECT_EQ(FormatDecimal(-kDecimalScale / 2), "-0.5");
  EXPECT_EQ(FormatInteger(-42), "-42");
  EXPECT_EQ(NumericToTerm(*ParseNumeric(Dec("+033.3300"))).value(), "33.33");
}

TEST(NumericTest, CompareAcrossTypes) {
  auto compare = [](const Term& a, const Term& b) {
    return CompareNumeric(*ParseNumeric(a), *ParseNumeric(b));
  };
  EXPECT_EQ(compare(Int("1"), Dbl("1.0e0")), std::partial_ordering::equivalent);
  EXPECT_EQ(compare(Int("01"), Dec("1.0")), std::partial_ordering::equivalent);
  EXPECT_EQ(compare(Dec("1.5"), Flt("1.25")), std::partial_ordering::greater);
  EXPECT_EQ(compare(Int("-3"), Typed("2", "byte")), std::partial_ordering::less);
  EXPECT_EQ(compare(Dbl("NaN"), Dbl("NaN")), std::partial_ordering::unordered);
  EXPECT_EQ(compare(Int("1000000000000000000000000"), Dec("5.5")), std::partial_ordering::greater);
}

TEST(NumericTest, AbsRoundCeilFloorKeepTheType) {
  FunctionContext context = MakeFunctionContext();
  auto call = [&](Builtin builtin, const Term& arg) {
    Term args[] = {arg};
    return Show(CallBuiltin(builtin, args, context));
  };
  EXPECT_EQ(call(Builtin::kAbs, Int("-2")), "2^^integer");
  EXPECT_EQ(call(Builtin::kAbs, Dec("-1.6")), "1.6^^decimal");
  EXPECT_EQ(call(Builtin::kAbs, Dbl("-1.5")), "1.5E0^^double");
  EXPECT_EQ(call(Builtin::kAbs, Typed("-3", "int")), "3^^integer");
  EXPECT_EQ(call(Builtin::kRound, Dec("2.5")), "3^^decimal");
  EXPECT_EQ(call(Builtin::kRound, Dec("-2.5")), "-2^^decimal");
  EXPECT_EQ(call(Builtin::kRound, Dec("-1.6")), "-2^^decimal");
  EXPECT_EQ(call(Builtin::kRound, Dec("1.1")), "1^^decimal");
  EXPECT_EQ(call(Builtin::kRound, Dbl("-2.5")), "-2.0E0^^double");
  EXPECT_EQ(call(Builtin::kRound, Dbl("2.4999")), "2.0E0^^double");
  EXPECT_EQ(call(Builtin::kRound, Flt("0.5")), "1.0E0^^float");
  EXPECT_EQ(call(Builtin::kRound, Int("-1")), "-1^^integer");
  EXPECT_EQ(call(Builtin::kCeil, Dec("-1.6")), "-1^^decimal");
  EXPECT_EQ(call(Builtin::kCeil, Dec("1.1")), "2^^decimal");
  EXPECT_EQ(call(Builtin::kCeil, Dbl("1.1")), "2.0E0^^double");
  EXPECT_EQ(call(Builtin::kFloor, Dec("-1.6")), "-2^^decimal");
  EXPECT_EQ(call(Builtin::kFloor, Dec("2.5")), "2^^decimal");
  EXPECT_EQ(call(Builtin::kFloor, Int("-2")), "-2^^integer");
  EXPECT_EQ(call(Builtin::kFloor, Dbl("NaN")), "NaN^^double");
  EXPECT_EQ(call(Builtin::kAbs, Term::Literal("1")), "error");
}

TEST(NumericTest, RandIsADoubleInTheUnitInterval) {
  FunctionContext context = MakeFunctionContext();
  for (int i = 0; i < 100; ++i) {
    ExprValue value = CallBuiltin(Builtin::kRand, {}, context);
    ASSERT_TRUE(value);
    EXPECT_EQ(value->datatype(), std::string(kXsdPrefix) + "double");
    std::optional<Numeric> number = ParseNumeric(*value);
    ASSERT_TRUE(number);
    EXPECT_GE(number->floating, 0.0);
    EXPECT_LT(number->floating, 1.0);
  }
}

}  // namespace
}  // namespace parley::query
