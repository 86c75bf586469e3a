// xsd:dateTime and xsd:date values (XSD 1.1's seven-property model, with
// the timezone optional) for comparison, the accessors of SPARQL §17.4.5
// and casts. No time-zone database: values carry their own offset.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parley/term.h"
#include "query/expr/numeric.h"

namespace parley::query {

struct DateTime {
  bool is_date = false;  // xsd:date: the time fields are zero
  int64_t year = 0;      // XSD 1.1: year 0 is 1 BCE, negative years allowed
  int month = 1;         // 1..12
  int day = 1;           // 1..31, valid for the month
  int hour = 0;          // 0..23 (24:00:00 is normalized to the next day)
  int minute = 0;
  Int128 second_scaled = 0;             // seconds times kDecimalScale, [0, 60)
  std::optional<int> timezone_minutes;  // offset from UTC, -840..840
};

// The value of an xsd:dateTime / xsd:date lexical form, or nullopt when it
// is not valid (bad field, day beyond the month's end, "24:30:00").
std::optional<DateTime> ParseDateTimeLexical(std::string_view lexical);
std::optional<DateTime> ParseDateLexical(std::string_view lexical);

// The value of an xsd:dateTime or xsd:date literal; nullopt otherwise.
std::optional<DateTime> ParseDateTime(const Term& term);

enum class TemporalOrder { kLess, kEqual, kGreater, kIndeterminate };

// XSD's partial order: values with and without a timezone compare only when
// the answer is the same for every timezone in -14:00..+14:00. Dates
// compare as their starting instants.
TemporalOrder CompareDateTimes(const DateTime& left, const DateTime& right);

// A total order consistent with CompareDateTimes where that decides:
// values without a timezone are taken as UTC. For ORDER BY.
int CompareDateTimesTotal(const DateTime& left, const DateTime& right);

// Lexical forms: "2010-06-21T11:28:01.5Z", "2010-06-21-08:00".
std::string FormatDateTime(const DateTime& value);

// "Z", "-08:00", or "" without a timezone (TZ()).
std::string FormatTimezone(const DateTime& value);

// The xsd:dayTimeDuration of the offset ("PT0S", "-PT8H", "PT5H30M");
// nullopt without a timezone (TIMEZONE()).
std::optional<std::string> TimezoneDuration(const DateTime& value);

}  // namespace parley::query
