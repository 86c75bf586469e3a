// The proleptic Gregorian calendar with astronomical year numbering (year 0
// is 1 BCE, as in XSD 1.1), and the lexical forms of xsd:date and
// xsd:dateTime (XML Schema 1.1 Part 2, §3.3.7 and §3.3.9):
//
//   dateTime := year '-' MM '-' DD 'T' hh ':' mm ':' ss ('.' digit+)? tz?
//   date     := year '-' MM '-' DD tz?
//   year     := '-'? ([1-9] digit digit digit+ | '0' digit digit digit)
//   tz       := 'Z' | ('+' | '-') hh ':' mm        (-14:00 .. +14:00)
//
// MM 01-12; DD a day of that month in that year; hh 00-23, or 24 with
// mm = ss = 00 and a fraction of zeros only (the first instant of the next
// day); mm and ss 00-59 (no leap seconds). Parley computes with years of at
// most 9 digits: a longer year is treated as outside the lexical space.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace parley::engine {

constexpr bool IsLeapYear(int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

constexpr int DaysInMonth(int64_t year, int month) {
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Days from 1970-01-01 to the date (negative before). REQUIRES: a valid
// date with |year| < 2^50.
constexpr int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

struct CivilDate {
  int64_t year;
  int month;
  int day;
};

// The inverse of DaysFromCivil.
constexpr CivilDate CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t shifted_month = (5 * day_of_year + 2) / 153;  // March = 0
  const int day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

// The fields of a date or dateTime as written (a date has time 00:00:00).
struct XsdDateTimeFields {
  int64_t year = 0;
  int month = 1;
  int day = 1;
  int hour = 0;  // 24 only as 24:00:00 (see the grammar above)
  int minute = 0;
  int second = 0;
  std::string_view fraction;  // the digits after '.', as written; empty if none
  bool has_timezone = false;
  int timezone_minutes = 0;  // -840 .. 840
};

// nullopt when `lexical` is not in the lexical space (including days that
// do not exist, such as 2023-02-29). `fraction` points into `lexical`.
std::optional<XsdDateTimeFields> ParseXsdDateTime(std::string_view lexical);
std::optional<XsdDateTimeFields> ParseXsdDate(std::string_view lexical);

}  // namespace parley::engine
