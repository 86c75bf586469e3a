// XSD values and their XPath comparison (engine/values/xsd_value.h), and the
// numeric lexical helpers (engine/values/xsd_numeric.h).
#include "engine/values/xsd_value.h"

#include <cmath>
#include <limits>
#include <string>

#include "engine/values/xsd_datetime.h"
#include "gtest/gtest.h"

namespace parley::engine {
namespace {

std::string Xsd(std::string_view local) { return std::string(kXsd) + std::string(local); }

XsdValue V(std::string_view lexical, std::string_view local) {
  std::optional<XsdValue> v = ParseXsdValue(lexical, Xsd(local));
  EXPECT_TRUE(v.has_value()) << lexical << "^^xsd:" << local;
  return v.value_or(XsdValue{});
}

XsdOrder Cmp(std::string_view a, std::string_view a_type, std::string_view b,
             std::string_view b_type) {
  XsdOrder order = CompareXsdValues(V(a, a_type), V(b, b_type));
  // The order is antisymmetric.
  XsdOrder reverse = CompareXsdValues(V(b, b_type), V(a, a_type));
  XsdOrder expected_reverse = order == XsdOrder::kLess      ? XsdOrder::kGreater
                              : order == XsdOrder::kGreater ? XsdOrder::kLess
                                                            : order;
  EXPECT_EQ(reverse, expected_reverse) << a << " " << b;
  return order;
}

TEST(XsdNumeric, FormatsCanonicalFloats) {
  EXPECT_EQ(FormatXsdDouble(1500), "1.5E3");
  EXPECT_EQ(FormatXsdDouble(1), "1.0E0");
  EXPECT_EQ(FormatXsdDouble(0), "0.0E0");
  EXPECT_EQ(FormatXsdDouble(-0.0), "-0.0E0");
  EXPECT_EQ(FormatXsdDouble(0.1), "1.0E-1");
  EXPECT_EQ(FormatXsdDouble(-123456789.0), "-1.23456789E8");
  EXPECT_EQ(FormatXsdDouble(1e21), "1.0E21");
  EXPECT_EQ(FormatXsdDouble(std::numeric_limits<double>::max()), "1.7976931348623157E308");
  EXPECT_EQ(FormatXsdDouble(std::numeric_limits<double>::denorm_min()),
            "5.0E-324");  // shortest digits, as std::to_chars
  EXPECT_EQ(FormatXsdDouble(std::numeric_limits<double>::infinity()), "INF");
  EXPECT_EQ(FormatXsdDouble(-std::numeric_limits<double>::infinity()), "-INF");
  EXPECT_EQ(FormatXsdDouble(std::nan("")), "NaN");
  EXPECT_EQ(FormatXsdFloat(0.1f), "1.0E-1");
  EXPECT_EQ(FormatXsdFloat(16777216.0f), "1.6777216E7");
}

TEST(XsdNumeric, ParsesEveryLexicalForm) {
  EXPECT_EQ(ParseXsdDouble("1"), 1.0);
  EXPECT_EQ(ParseXsdDouble("+1.5e3"), 1500.0);
  EXPECT_EQ(ParseXsdDouble("1."), 1.0);
  EXPECT_EQ(ParseXsdDouble(".5E-1"), 0.05);
  EXPECT_EQ(ParseXsdDouble("1.e2"), 100.0);
  EXPECT_EQ(ParseXsdDouble("+INF"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(ParseXsdDouble("-INF"), -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(*ParseXsdDouble("NaN")));
  EXPECT_TRUE(std::signbit(*ParseXsdDouble("-0")));
  // Beyond the range: rounds to INF or 0 (XSD 1.1), keeping the sign.
  EXPECT_EQ(ParseXsdDouble("1E400"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(ParseXsdDouble("-123.4E99999999999999999999"),
            -std::numeric_limits<double>::infinity());
  EXPECT_EQ(ParseXsdDouble("1E-400"), 0.0);
  EXPECT_TRUE(std::signbit(*ParseXsdDouble("-0.0001E-400")));
  EXPECT_EQ(ParseXsdFloat("3.5E38"), std::numeric_limits<float>::infinity());
  EXPECT_EQ(ParseXsdFloat("1.0E-45"), std::numeric_limits<float>::denorm_min());
  for (const char* bad : {"", "+", ".", "e5", "1e", "1e+", "inf", "INFINITY", "-NaN", "nan", "0x10",
                          "1 ", " 1", "1,5", "1.5.", "++1", "1E5.0"}) {
    EXPECT_FALSE(ParseXsdDouble(bad).has_value()) << bad;
    EXPECT_FALSE(ParseXsdFloat(bad).has_value()) << bad;
  }
  XsdDecimal d = *ParseXsdDecimal("-007.2500");
  EXPECT_TRUE(d.negative);
  EXPECT_EQ(d.integer, "7");
  EXPECT_EQ(d.fraction, "25");
  EXPECT_EQ(*ParseXsdDecimal("-0.000"), XsdDecimal{});
  EXPECT_FALSE(ParseXsdInteger("1.0").has_value());
  EXPECT_FALSE(ParseXsdDecimal("1e3").has_value());
}

TEST(XsdValue, RejectsIllTypedLiterals) {
  for (auto [lexical, local] :
       std::vector<std::pair<const char*, const char*>>{{"abc", "integer"},
                                                        {"300", "byte"},
                                                        {"-1", "unsignedInt"},
                                                        {"1.5", "integer"},
                                                        {" 1", "integer"},
                                                        {"0", "positiveInteger"},
                                                        {"9223372036854775808", "long"},
                                                        {"18446744073709551616", "unsignedLong"},
                                                        {"yes", "boolean"},
                                                        {"1e3", "decimal"},
                                                        {"2021-02-29", "date"},
                                                        {"2020-01-01T24:00:01", "dateTime"},
                                                        {"2020-01-01T24:00:00.1", "dateTime"},
                                                        {"1234567890-01-01", "date"},
                                                        {"x", "string"},
                                                        {"1", "duration"}}) {
    EXPECT_FALSE(ParseXsdValue(lexical, Xsd(local)).has_value()) << lexical << " " << local;
  }
  EXPECT_FALSE(ParseXsdValue("1", "http://example.org/integer").has_value());
  EXPECT_TRUE(ParseXsdValue("9223372036854775807", Xsd("long")).has_value());
  EXPECT_TRUE(ParseXsdValue("18446744073709551615", Xsd("unsignedLong")).has_value());
  EXPECT_TRUE(ParseXsdValue("123456789-01-01", Xsd("date")).has_value());
}

TEST(XsdValue, NumbersCompareAcrossTypes) {
  EXPECT_EQ(Cmp("01", "integer", "1", "integer"), XsdOrder::kEqual);
  EXPECT_EQ(Cmp("+1", "integer", "1", "int"), XsdOrder::kEqual);
  EXPECT_EQ(Cmp("1", "integer", "1.0", "decimal"), XsdOrder::kEqual);
  EXPECT_EQ(Cmp("1", "integer", "1.0E0", "double"), XsdOrder::kEqual);
  EXPECT_EQ(Cmp("2", "byte", "10", "unsignedLong"), XsdOrder::kLess);
  EXPECT_EQ(Cmp("-0.5", "decimal", "-0.25", "decimal"), XsdOrder::kLess);
  EXPECT_EQ(Cmp("-10", "integer", "-9.99", "decimal"), XsdOrder::kLess);
  EXPECT_EQ(
      Cmp("123456789012345678901234567890", "integer", "123456789012345678901234567891", "integer"),
      XsdOrder::kLess);
  EXPECT_EQ(Cmp("0.45", "decimal", "0.5", "decimal"), XsdOrder::kLess);
  EXPECT_EQ(Cmp("-0.0", "decimal", "0", "integer"), XsdOrder::kEqual);
  // decimal -> float when compared with a float, -> double with a double.
  EXPECT_EQ(Cmp("0.1", "decimal", "0.1", "float"), XsdOrder::kEqual);
  EXPECT_EQ(Cmp("0.1", "decimal", "0.1", "double"), XsdOrder::kEqual);
  EXPECT_EQ(Cmp("0.1", "float", "0.1", "double"), XsdOrder::kGreater);
  EXPECT_EQ(Cmp("-0.0E0", "double", "0.0E0", "double"), XsdOrder::kEqual);
  EXPECT_EQ(Cmp("INF", "double", "1" + std::string(300, '0'), "integer"), XsdOrder::kGreater);
  EXPECT_EQ(Cmp("-INF", "float", "-3.4E38", "float"), XsdOrder::kLess);
  EXPECT_EQ(Cmp("NaN", "double", "1", "integer"), XsdOrder::kUnordered);
  EXPECT_EQ(Cmp("NaN", "float", "NaN", "float"), XsdOrder::kUnordered);
}

TEST(XsdValue, BooleansAndTypeMismatches) {
  EXPECT_EQ(Cmp("1", "boolean", "true", "boolean"), XsdOrder::kEqual);
  EXPECT_EQ(Cmp("false", "boolean", "true", "boolean"), XsdOrder::kLess);
  EXPECT_EQ(Cmp("0", "boolean", "0", "integer"), XsdOrder::kIncomparable);
  EXPECT_EQ(Cmp("2020-01-01", "date", "2020-01-01T00:00:00", "dateTime"), XsdOrder::kIncomparable);
  EXPECT_EQ(Cmp("2020-01-01", "date", "1", "integer"), XsdOrder::kIncomparable);
}

TEST(XsdValue, DateTimesCompareByInstant) {
  EXPECT_EQ(Cmp("2020-01-01T12:00:00Z", "dateTime", "2020-01-01T14:00:00+02:00", "dateTime"),
            XsdOrder::kEqual);
  EXPECT_EQ(Cmp("2020-01-01T12:00:00Z", "dateTime", "2020-01-01T12:00:00+00:00", "dateTime"),
            XsdOrder::kEqual);
  EXPECT_EQ(Cmp("2020-01-01T12:00:00Z", "dateTime", "2020-01-01T12:00:00-00:01", "dateTime"),
            XsdOrder::kLess);
  EXPECT_EQ(Cmp("2020-01-01T24:00:00", "dateTime", "2020-01-02T00:00:00", "dateTime"),
            XsdOrder::kEqual);
  EXPECT_EQ(Cmp("2020-01-01T00:00:00.5", "dateTime", "2020-01-01T00:00:00.50", "dateTime"),
            XsdOrder::kEqual);
  EXPECT_EQ(Cmp("2020-01-01T00:00:00.45", "dateTime", "2020-01-01T00:00:00.5", "dateTime"),
            XsdOrder::kLess);
  EXPECT_EQ(Cmp("2020-01-01T00:00:00.0001", "dateTime", "2020-01-01T00:00:00", "dateTime"),
            XsdOrder::kGreater);
  EXPECT_EQ(Cmp("-0001-12-31T23:59:59", "dateTime", "0000-01-01T00:00:00", "dateTime"),
            XsdOrder::kLess);
  EXPECT_EQ(Cmp("-0000-01-01T00:00:00", "dateTime", "0000-01-01T00:00:00", "dateTime"),
            XsdOrder::kEqual);
  EXPECT_EQ(Cmp("2020-01-02+14:00", "date", "2020-01-01-10:00", "date"), XsdOrder::kEqual);
  EXPECT_EQ(Cmp("2020-01-01", "date", "2020-01-02", "date"), XsdOrder::kLess);
}

TEST(XsdValue, TimezoneAgainstNoTimezoneMayBeIndeterminate) {
  // Without a timezone, 2020-01-02T00:00:00 lies in [01T10:00Z, 02T14:00Z].
  const char* local = "2020-01-02T00:00:00";
  EXPECT_EQ(Cmp("2020-01-01T09:59:59.999Z", "dateTime", local, "dateTime"), XsdOrder::kLess);
  EXPECT_EQ(Cmp("2020-01-01T10:00:00Z", "dateTime", local, "dateTime"), XsdOrder::kIndeterminate);
  EXPECT_EQ(Cmp("2020-01-02T00:00:00Z", "dateTime", local, "dateTime"), XsdOrder::kIndeterminate);
  EXPECT_EQ(Cmp("2020-01-02T14:00:00Z", "dateTime", local, "dateTime"), XsdOrder::kIndeterminate);
  EXPECT_EQ(Cmp("2020-01-02T14:00:00.001Z", "dateTime", local, "dateTime"), XsdOrder::kGreater);
  EXPECT_EQ(Cmp("2020-01-02T15:00:00+01:00", "dateTime", local, "dateTime"),
            XsdOrder::kIndeterminate);
  EXPECT_EQ(Cmp("2020-01-01", "date", "2020-01-03Z", "date"), XsdOrder::kLess);
  EXPECT_EQ(Cmp("2020-01-01", "date", "2020-01-01Z", "date"), XsdOrder::kIndeterminate);
}

TEST(XsdDateTime, DayCountingMatchesKnownDates) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(0, 3, 1) - DaysFromCivil(0, 2, 28), 2);  // year 0 is a leap year
  EXPECT_EQ(DaysFromCivil(-1, 3, 1) - DaysFromCivil(-1, 2, 28), 1);
  for (int64_t days = -4'000'000; days <= 4'000'000; days += 997) {
    CivilDate d = CivilFromDays(days);
    EXPECT_EQ(DaysFromCivil(d.year, d.month, d.day), days);
  }
}

}  // namespace
}  // namespace parley::engine
