// Inline literal ids: what is inlined, the limits of each type, and exact
// round trips (engine/values/inline_value.h, engine/layout/term_id.h).
#include "engine/values/inline_value.h"

#include <bit>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "engine/layout/term_codec.h"
#include "engine/values/xsd_numeric.h"
#include "gtest/gtest.h"

namespace parley::engine {
namespace {

std::string Xsd(std::string_view local) { return std::string(kXsd) + std::string(local); }

// The literal is inlined under `tag` and decodes to itself.
TermId ExpectInline(std::string_view lexical, std::string_view local, IdTag tag) {
  std::string datatype = Xsd(local);
  std::optional<TermId> id = TryEncodeInline(lexical, datatype);
  EXPECT_TRUE(id.has_value()) << lexical << "^^xsd:" << local;
  if (!id) return 0;
  EXPECT_TRUE(IsInline(*id));
  EXPECT_EQ(TagOf(*id), tag) << lexical;
  EXPECT_EQ(DecodeInline(*id).value(), Term::TypedLiteral(std::string(lexical), datatype));
  return *id;
}

// The literal goes to the dictionary, whose byte form keeps it exactly.
void ExpectDictionary(std::string_view lexical, std::string_view local) {
  std::string datatype = Xsd(local);
  EXPECT_FALSE(TryEncodeInline(lexical, datatype).has_value()) << lexical << "^^xsd:" << local;
  Term term = Term::TypedLiteral(std::string(lexical), datatype);
  absl::StatusOr<Term> decoded = DecodeTermKey(EncodeTermKey(term));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, term);
}

TEST(InlineValue, OnlyXsdDatatypesAreInlined) {
  EXPECT_FALSE(TryEncodeInline("1", "http://example.org/integer"));
  EXPECT_FALSE(TryEncodeInline("1", std::string(kXsdString)));
  EXPECT_FALSE(TryEncodeInline("1", Xsd("string")));
  EXPECT_FALSE(TryEncodeInline("1", Xsd("")));
  EXPECT_FALSE(TryEncodeInline("1", Xsd("Integer")));
  EXPECT_FALSE(TryEncodeInline("PT1H", Xsd("duration")));
  EXPECT_FALSE(TryEncodeInline("1", Xsd("integer") + "x"));
}

TEST(InlineValue, Booleans) {
  EXPECT_LT(ExpectInline("false", "boolean", IdTag::kBoolean),
            ExpectInline("true", "boolean", IdTag::kBoolean));
  for (const char* lexical : {"1", "0", "TRUE", "True", "true ", " false", ""}) {
    ExpectDictionary(lexical, "boolean");
  }
}

struct IntegerLimits {
  const char* local;
  const char* min;        // smallest inlined value
  const char* max;        // largest inlined value
  const char* below_min;  // one less: dictionary
  const char* above_max;  // one more: dictionary
};

TEST(InlineValue, IntegersAtTheirLimits) {
  const IntegerLimits limits[] = {
      {"integer", "-36028797018963968", "36028797018963967", "-36028797018963969",
       "36028797018963968"},
      {"long", "-36028797018963968", "36028797018963967", "-36028797018963969",
       "36028797018963968"},
      {"int", "-2147483648", "2147483647", "-2147483649", "2147483648"},
      {"short", "-32768", "32767", "-32769", "32768"},
      {"byte", "-128", "127", "-129", "128"},
      {"nonNegativeInteger", "0", "36028797018963967", "-1", "36028797018963968"},
      {"positiveInteger", "1", "36028797018963967", "0", "36028797018963968"},
      {"nonPositiveInteger", "-36028797018963968", "0", "-36028797018963969", "1"},
      {"negativeInteger", "-36028797018963968", "-1", "-36028797018963969", "0"},
      {"unsignedLong", "0", "36028797018963967", "-1", "36028797018963968"},
      {"unsignedInt", "0", "4294967295", "-1", "4294967296"},
      {"unsignedShort", "0", "65535", "-1", "65536"},
      {"unsignedByte", "0", "255", "-1", "256"},
  };
  for (const IntegerLimits& l : limits) {
    SCOPED_TRACE(l.local);
    TermId min = ExpectInline(l.min, l.local, IdTag::kInteger);
    TermId max = ExpectInline(l.max, l.local, IdTag::kInteger);
    EXPECT_LE(min, max);
    ExpectDictionary(l.below_min, l.local);
    ExpectDictionary(l.above_max, l.local);
    // The datatype is part of the id: same value, different subtype.
    if (std::string_view(l.local) != "integer") {
      EXPECT_NE(*TryEncodeInline(l.max, Xsd("integer")), max);
    }
  }
  // In the datatype's range but beyond 56 bits, and beyond every range.
  ExpectDictionary("9223372036854775807", "long");
  ExpectDictionary("18446744073709551615", "unsignedLong");
  ExpectDictionary("18446744073709551616", "unsignedLong");
  ExpectDictionary("123456789012345678901234567890", "integer");
}

TEST(InlineValue, IntegersMustBeCanonical) {
  ExpectInline("0", "integer", IdTag::kInteger);
  ExpectInline("-7", "integer", IdTag::kInteger);
  for (const char* lexical :
       {"01", "+1", "-0", "00", "", "-", "+", "1.0", " 1", "1 ", "1e3", "0x10", "١", "--1", "1-"}) {
    ExpectDictionary(lexical, "integer");
  }
  ExpectDictionary("abc", "int");
  ExpectDictionary("+0", "nonNegativeInteger");
}

TEST(InlineValue, DecimalsAtTheirLimits) {
  ExpectInline("576460752303.423487", "decimal", IdTag::kDecimal);
  ExpectDictionary("576460752303.423488", "decimal");
  ExpectInline("-576460752303.423488", "decimal", IdTag::kDecimal);
  ExpectDictionary("-576460752303.423489", "decimal");
  ExpectInline("0.000001", "decimal", IdTag::kDecimal);
  ExpectInline("-0.000001", "decimal", IdTag::kDecimal);
  ExpectDictionary("0.0000001", "decimal");
  ExpectDictionary("1.1234567", "decimal");
  ExpectDictionary("1000000000000.0", "decimal");
  ExpectDictionary("999999999999.5", "decimal");
}

TEST(InlineValue, DecimalsMustBeCanonical) {
  for (const char* lexical : {"1.0", "-0.5", "12.25", "0.0", "100.001", "-3.14159"}) {
    ExpectInline(lexical, "decimal", IdTag::kDecimal);
  }
  for (const char* lexical : {"1", "1.", ".5", "01.0", "1.50", "-0.0", "+1.0", "1.00", "1e3",
                              "00.5", "-.5", "1.0 ", "", ".", "1,5", "0.10"}) {
    ExpectDictionary(lexical, "decimal");
  }
}

TEST(InlineValue, FloatsSpecialValuesAndLimits) {
  const float kMax = std::numeric_limits<float>::max();
  const float kDenormMin = std::numeric_limits<float>::denorm_min();
  EXPECT_EQ(FormatXsdFloat(kMax), "3.4028235E38");
  EXPECT_EQ(FormatXsdFloat(kDenormMin), "1.0E-45");
  std::vector<TermId> ids;
  for (const char* lexical :
       {"-INF", "-3.4028235E38", "-1.5E3", "-1.0E-45", "-0.0E0", "0.0E0", "1.0E-45",
        "1.1754944E-38", "1.0E0", "1.5E3", "3.4028235E38", "INF"}) {
    ids.push_back(ExpectInline(lexical, "float", IdTag::kFloat));
  }
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
  // One past the largest float overflows: not a float lexical we print.
  ExpectDictionary("3.4028236E38", "float");
  ExpectDictionary("1.0E39", "float");
  ExpectDictionary("NaN", "float");
  ExpectDictionary("nan", "float");
  for (const char* lexical :
       {"1.5e3", "1500", "1.50E3", "15.0E2", "1.5E03", "1.5E+3", "+INF", "inf", "Infinity", "0.0",
        "-0", "1E0", "1.0", "0.0E1", "1.0E0 ", "0.1E1", "1.00000001E0"}) {
    ExpectDictionary(lexical, "float");
  }
}

TEST(InlineValue, DoublesSpecialValuesAndLimits) {
  const double kMaxInline = std::bit_cast<double>(uint64_t{0x7FEFFFFFFFFFFFF0});
  const double kMinPositiveInline = std::bit_cast<double>(uint64_t{0x10});
  std::vector<TermId> ids;
  for (double value : {-std::numeric_limits<double>::infinity(), -kMaxInline, -1.5e3,
                       -kMinPositiveInline, -0.0, 0.0, kMinPositiveInline, 1.0, 1.5e3, 1e21,
                       kMaxInline, std::numeric_limits<double>::infinity()}) {
    ids.push_back(ExpectInline(FormatXsdDouble(value), "double", IdTag::kDouble));
  }
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
  for (const char* lexical : {"-INF", "INF", "-0.0E0", "0.0E0", "1.0E0", "1.5E3", "1.0E21"}) {
    ExpectInline(lexical, "double", IdTag::kDouble);
  }
  // One past: the next doubles have non-zero low mantissa bits.
  ExpectDictionary(FormatXsdDouble(std::nextafter(kMaxInline, 0.0)), "double");
  ExpectDictionary(FormatXsdDouble(std::numeric_limits<double>::max()), "double");
  ExpectDictionary(FormatXsdDouble(std::nextafter(kMinPositiveInline, 0.0)), "double");
  ExpectDictionary(FormatXsdDouble(std::numeric_limits<double>::denorm_min()), "double");
  ExpectDictionary("1.0E-1", "double");  // 0.1: mantissa ends in binary ...1010
  ExpectDictionary("NaN", "double");
  for (const char* lexical : {"1.5e3", "1500", "1.5E+3", "0.0", "-0", "+INF", "1E0", "1.0"}) {
    ExpectDictionary(lexical, "double");
  }
}

TEST(InlineValue, DatesAcrossTheYearRange) {
  for (const char* lexical :
       {"2020-01-01", "0000-01-01", "0001-01-01", "-0001-12-31", "-9999-01-01", "9999-12-31",
        "2020-02-29", "2000-02-29", "0000-02-29", "-0004-02-29", "1970-01-01"}) {
    ExpectInline(lexical, "date", IdTag::kDate);
  }
  for (const char* lexical :
       {"2020-01-01Z", "-9999-01-01+14:00", "9999-12-31-14:00", "-9999-01-01-14:00",
        "9999-12-31+14:00", "2020-06-15+05:30", "2020-06-15-00:01", "0000-01-01Z"}) {
    ExpectInline(lexical, "date", IdTag::kDateTz);
  }
  for (const char* lexical :
       {"-10000-01-01", "10000-01-01", "-10000-12-31Z", "10000-01-01Z", "123456-01-01"}) {
    ExpectDictionary(lexical, "date");
  }
}

TEST(InlineValue, DatesMustBeValidAndCanonical) {
  for (const char* lexical :
       {"2020-01-01+00:00", "2020-01-01-00:00", "2020-1-01",           "20-01-01",
        "02020-01-01",      "-0000-01-01",      "2021-02-29",          "1900-02-29",
        "2020-13-01",       "2020-00-10",       "2020-01-32",          "2020-04-31",
        "2020-01-01+15:00", "2020-01-01+14:01", "2020-01-01+5:00",     "2020-01-01z",
        "2020-01-01Z ",     " 2020-01-01",      "2020-01-01T00:00:00", "+2020-01-01",
        "2020/01/01"}) {
    ExpectDictionary(lexical, "date");
  }
}

TEST(InlineValue, DateTimes) {
  for (const char* lexical :
       {"2020-01-01T12:00:00", "2020-01-01T12:00:00.5", "2020-01-01T12:00:00.05",
        "2020-01-01T23:59:59.999", "-9999-01-01T00:00:00", "9999-12-31T23:59:59.999",
        "0000-01-01T00:00:00", "-0001-06-30T06:30:00.1"}) {
    ExpectInline(lexical, "dateTime", IdTag::kDateTime);
  }
  for (const char* lexical :
       {"2020-01-01T12:00:00Z", "2020-01-01T12:00:00.123+14:00", "2020-01-01T12:00:00-14:00",
        "-9999-01-01T00:00:00+14:00", "9999-12-31T23:59:59.999-14:00", "2020-01-01T00:00:00-09:30",
        "1969-12-31T23:59:59.999Z"}) {
    ExpectInline(lexical, "dateTime", IdTag::kDateTimeTz);
  }
  for (const char* lexical :
       {"2020-01-01T12:00:00+00:00", "2020-01-01T12:00:00-00:00", "2020-01-01T24:00:00",
        "2020-01-01T12:00:00.0",     "2020-01-01T12:00:00.10",    "2020-01-01T12:00:00.1234",
        "2020-01-01T12:60:00",       "2020-01-01T12:00:60",       "2020-01-01T25:00:00",
        "2020-01-01T12:00:00+15:00", "2020-01-01T12:00",          "2020-01-01 12:00:00",
        "2020-01-01T12:00:00z",      "2020-01-01T12:00:00.",      "2020-01-01t12:00:00",
        "10000-01-01T00:00:00",      "-10000-12-31T23:59:59Z",    "-0000-01-01T00:00:00",
        "2020-01-01T1:00:00",        "2021-02-29T00:00:00"}) {
    ExpectDictionary(lexical, "dateTime");
  }
}

TEST(InlineValue, EqualInstantsInDifferentZonesStayDistinct) {
  TermId utc = ExpectInline("2020-01-01T12:00:00Z", "dateTime", IdTag::kDateTimeTz);
  TermId plus2 = ExpectInline("2020-01-01T14:00:00+02:00", "dateTime", IdTag::kDateTimeTz);
  TermId minus1 = ExpectInline("2020-01-01T11:00:00-01:00", "dateTime", IdTag::kDateTimeTz);
  TermId later = ExpectInline("2020-01-01T12:00:00.001Z", "dateTime", IdTag::kDateTimeTz);
  // Same instant: ordered by timezone, all before the next millisecond.
  EXPECT_LT(minus1, utc);
  EXPECT_LT(utc, plus2);
  EXPECT_LT(plus2, later);
  // A date with a timezone orders by its first instant.
  TermId d1 = ExpectInline("2020-01-02+14:00", "date", IdTag::kDateTz);  // 2020-01-01T10:00Z
  TermId d2 = ExpectInline("2020-01-01Z", "date", IdTag::kDateTz);       // 2020-01-01T00:00Z
  TermId d3 = ExpectInline("2020-01-01-10:00", "date", IdTag::kDateTz);  // 2020-01-01T10:00Z
  EXPECT_LT(d2, d3);
  EXPECT_LT(d3, d1);  // equal instants: -10:00 before +14:00
}

}  // namespace
}  // namespace parley::engine

namespace parley::engine {
namespace {

// Ids come from disk: a damaged one is DataLoss, never an abort.
TEST(InlineValueTest, DamagedIdsAreDataLossNotAborts) {
  const TermId damaged[] = {
      MakeId(IdTag::kBoolean, 2), MakeId(IdTag::kFloat, uint64_t{1} << 40),
      // A date with a time zone whose instant is not midnight there.
      MakeId(IdTag::kDateTz, *TryEncodeInline("2019-03-01+01:00", Xsd("date")) + 17),
      MakeId(IdTag::kReserved, 5), MakeId(IdTag::kDictionary, 5),  // not inline at all
  };
  for (TermId id : damaged) {
    absl::StatusOr<Term> term = DecodeInline(id);
    EXPECT_TRUE(absl::IsDataLoss(term.status())) << std::hex << id << ": " << term.status();
  }
}

}  // namespace
}  // namespace parley::engine
