#include "query/expr/datetime.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "query/expr/functions.h"

namespace parley::query {
namespace {

const std::string kXsdPrefix = "http://www.w3.org/2001/XMLSchema#";

Term DateTimeLiteral(std::string lexical) {
  return Term::TypedLiteral(std::move(lexical), kXsdPrefix + "dateTime");
}
Term DateLiteral(std::string lexical) {
  return Term::TypedLiteral(std::move(lexical), kXsdPrefix + "date");
}

// "lexical^^localtype" (or "lexical" for simple literals), or "error".
std::string Call(Builtin builtin, const Term& arg) {
  FunctionContext context = MakeFunctionContext();
  Term args[] = {arg};
  ExprValue value = CallBuiltin(builtin, args, context);
  if (!value) return "error";
  std::string datatype = value->datatype();
  if (datatype == kXsdPrefix + "string") return value->value();
  if (datatype.starts_with(kXsdPrefix)) datatype = datatype.substr(kXsdPrefix.size());
  return value->value() + "^^" + datatype;
}

TEST(DateTimeTest, LexicalForms) {
  EXPECT_TRUE(ParseDateTimeLexical("2010-06-21T11:28:01Z"));
  EXPECT_TRUE(ParseDateTimeLexical("2010-06-21T11:28:01.125-08:00"));
  EXPECT_TRUE(ParseDateTimeLexical("-0044-03-15T12:00:00"));
  EXPECT_TRUE(ParseDateTimeLexical("12010-06-21T11:28:01"));
  EXPECT_TRUE(ParseDateTimeLexical("2000-02-29T00:00:00"));
  EXPECT_TRUE(ParseDateTimeLexical("2010-12-31T24:00:00"));
  EXPECT_FALSE(ParseDateTimeLexical("2010-06-21"));
  EXPECT_FALSE(ParseDateTimeLexical("2010-06-21T11:28"));
  EXPECT_FALSE(ParseDateTimeLexical("2010-6-21T11:28:01"));
  EXPECT_FALSE(ParseDateTimeLexical("210-06-21T11:28:01"));
  EXPECT_FALSE(ParseDateTimeLexical("02010-06-21T11:28:01"));
  EXPECT_FALSE(ParseDateTimeLexical("1900-02-29T00:00:00"));
  EXPECT_FALSE(ParseDateTimeLexical("2010-06-31T00:00:00"));
  EXPECT_FALSE(ParseDateTimeLexical("2010-06-21T24:00:01"));
  EXPECT_FALSE(ParseDateTimeLexical("2010-06-21T11:60:00"));
  EXPECT_FALSE(ParseDateTimeLexical("2010-06-21T11:28:01+15:00"));
  EXPECT_FALSE(ParseDateTimeLexical("2010-06-21T11:28:01.Z"));
  EXPECT_FALSE(ParseDateTimeLexical("2010-06-21T11:28:01Z "));
  EXPECT_TRUE(ParseDateLexical("2006-08-23"));
  EXPECT_TRUE(ParseDateLexical("2006-08-23Z"));
  EXPECT_TRUE(ParseDateLexical("2006-08-23+00:00"));
  EXPECT_FALSE(ParseDateLexical("2006-08-23T00:00:00"));
}

TEST(DateTimeTest, TwentyFourHundredIsTheNextDay) {
  std::optional<DateTime> value = ParseDateTimeLexical("2010-12-31T24:00:00Z");
  ASSERT_TRUE(value);
  EXPECT_EQ(value->year, 2011);
  EXPECT_EQ(value->month, 1);
  EXPECT_EQ(value->day, 1);
  EXPECT_EQ(value->hour, 0);
}

TEST(DateTimeTest, Accessors) {
  Term d1 = DateTimeLiteral("2010-06-21T11:28:01Z");
  Term d2 = DateTimeLiteral("2010-12-21T15:38:02-08:00");
  Term d4 = DateTimeLiteral("2011-02-01T01:02:03");
  EXPECT_EQ(Call(Builtin::kYear, d1), "2010^^integer");
  EXPECT_EQ(Call(Builtin::kMonth, d2), "12^^integer");
  EXPECT_EQ(Call(Builtin::kDay, d2), "21^^integer");
  EXPECT_EQ(Call(Builtin::kHours, d2), "15^^integer");
  EXPECT_EQ(Call(Builtin::kMinutes, d2), "38^^integer");
  EXPECT_EQ(Call(Builtin::kSeconds, d1), "1^^decimal");
  EXPECT_EQ(Call(Builtin::kSeconds, DateTimeLiteral("2010-06-21T11:28:01.250Z")), "1.25^^decimal");
  EXPECT_EQ(Call(Builtin::kTimezone, d1), "PT0S^^dayTimeDuration");
  EXPECT_EQ(Call(Builtin::kTimezone, d2), "-PT8H^^dayTimeDuration");
  EXPECT_EQ(Call(Builtin::kTimezone, DateTimeLiteral("2010-06-21T11:28:01+05:30")),
            "PT5H30M^^dayTimeDuration");
  EXPECT_EQ(Call(Builtin::kTimezone, d4), "error");
  EXPECT_EQ(Call(Builtin::kTz, d1), "Z");
  EXPECT_EQ(Call(Builtin::kTz, d2), "-08:00");
  EXPECT_EQ(Call(Builtin::kTz, d4), "");
  EXPECT_EQ(Call(Builtin::kYear, DateTimeLiteral("-0044-03-15T12:00:00")), "-44^^integer");
}

TEST(DateTimeTest, AccessorsOnDatesAndErrors) {
  EXPECT_EQ(Call(Builtin::kYear, DateLiteral("2006-08-23")), "2006^^integer");
  EXPECT_EQ(Call(Builtin::kTz, DateLiteral("2006-08-23Z")), "Z");
  EXPECT_EQ(Call(Builtin::kHours, DateLiteral("2006-08-23")), "error");
  EXPECT_EQ(Call(Builtin::kYear, Term::Literal("2010-06-21T11:28:01Z")), "error");
  EXPECT_EQ(Call(Builtin::kYear, DateTimeLiteral("not a date")), "error");
}

TEST(DateTimeTest, NowIsFixedPerContext) {
  FunctionContext context = MakeFunctionContext();
  ExprValue first = CallBuiltin(Builtin::kNow, {}, context);
  ExprValue second = CallBuiltin(Builtin::kNow, {}, context);
  ASSERT_TRUE(first);
  EXPECT_EQ(first, second);
  EXPECT_EQ(first->datatype(), kXsdPrefix + "dateTime");
  std::optional<DateTime> value = ParseDateTime(*first);
  ASSERT_TRUE(value);
  EXPECT_EQ(value->timezone_minutes, 0);
  EXPECT_GE(value->year, 2024);
}

TEST(DateTimeTest, Formatting) {
  EXPECT_EQ(FormatDateTime(*ParseDateTimeLexical("2010-06-21T01:02:03.5-08:00")),
            "2010-06-21T01:02:03.5-08:00");
  EXPECT_EQ(FormatDateTime(*ParseDateLexical("2006-08-23Z")), "2006-08-23Z");
  EXPECT_EQ(FormatDateTime(*ParseDateTimeLexical("-0044-03-15T12:00:00")), "-0044-03-15T12:00:00");
}

TEST(DateTimeTest, CompareAcrossTimezones) {
  auto compare = [](std::string_view a, std::string_view b) {
    return CompareDateTimes(*ParseDateTimeLexical(a), *ParseDateTimeLexical(b));
  };
  EXPECT_EQ(compare("2002-10-10T12:00:00-05:00", "2002-10-10T17:00:00Z"), TemporalOrder::kEqual);
  EXPECT_EQ(compare("2002-10-10T12:00:00", "2002-10-10T12:00:00"), TemporalOrder::kEqual);
  EXPECT_EQ(compare("2002-10-10T12:00:00", "2002-10-11T02:00:01Z"), TemporalOrder::kLess);
  EXPECT_EQ(compare("2002-10-10T12:00:00", "2002-10-11T02:00:00Z"), TemporalOrder::kIndeterminate);
  EXPECT_EQ(compare("2002-10-11T02:00:01Z", "2002-10-10T12:00:00"), TemporalOrder::kGreater);
  EXPECT_EQ(compare("2002-10-09T21:59:59Z", "2002-10-10T12:00:00"), TemporalOrder::kLess);
}

}  // namespace
}  // namespace parley::query
