#include "engine/values/xsd_datetime.h"

namespace parley::engine {
namespace {

constexpr size_t kMaxYearDigits = 9;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly two digits at `*pos`.
bool TwoDigits(std::string_view s, size_t* pos, int* out) {
  if (*pos + 2 > s.size() || !IsDigit(s[*pos]) || !IsDigit(s[*pos + 1])) return false;
  *out = (s[*pos] - '0') * 10 + (s[*pos + 1] - '0');
  *pos += 2;
  return true;
}

bool Expect(std::string_view s, size_t* pos, char c) {
  if (*pos >= s.size() || s[*pos] != c) return false;
  ++*pos;
  return true;
}

// year '-' MM '-' DD
bool ParseDatePart(std::string_view s, size_t* pos, XsdDateTimeFields* f) {
  size_t i = *pos;
  bool negative = i < s.size() && s[i] == '-';
  if (negative) ++i;
  size_t begin = i;
  int64_t year = 0;
  while (i < s.size() && IsDigit(s[i])) {
    if (i - begin == kMaxYearDigits) return false;
    year = year * 10 + (s[i] - '0');
    ++i;
  }
  size_t digits = i - begin;
  if (digits < 4 || (digits > 4 && s[begin] == '0')) return false;
  f->year = negative ? -year : year;
  if (!Expect(s, &i, '-') || !TwoDigits(s, &i, &f->month) || !Expect(s, &i, '-') ||
      !TwoDigits(s, &i, &f->day)) {
    return false;
  }
  if (f->month < 1 || f->month > 12 || f->day < 1 || f->day > DaysInMonth(f->year, f->month)) {
    return false;
  }
  *pos = i;
  return true;
}

// hh ':' mm ':' ss ('.' digit+)?
bool ParseTimePart(std::string_view s, size_t* pos, XsdDateTimeFields* f) {
  size_t i = *pos;
  if (!TwoDigits(s, &i, &f->hour) || !Expect(s, &i, ':') || !TwoDigits(s, &i, &f->minute) ||
      !Expect(s, &i, ':') || !TwoDigits(s, &i, &f->second)) {
    return false;
  }
  bool zero_fraction = true;
  if (i < s.size() && s[i] == '.') {
    size_t begin = ++i;
    while (i < s.size() && IsDigit(s[i])) {
      zero_fraction = zero_fraction && s[i] == '0';
      ++i;
    }
    if (i == begin) return false;
    f->fraction = s.substr(begin, i - begin);
  }
  if (f->hour > 24 || f->minute > 59 || f->second > 59) return false;
  if (f->hour == 24 && (f->minute != 0 || f->second != 0 || !zero_fraction)) return false;
  *pos = i;
  return true;
}

// tz? up to the end of the text.
bool ParseTimezone(std::string_view s, size_t pos, XsdDateTimeFields* f) {
  if (pos == s.size()) return true;
  f->has_timezone = true;
  if (s[pos] == 'Z') return pos + 1 == s.size();
  if (s[pos] != '+' && s[pos] != '-') return false;
  int sign = s[pos] == '-' ? -1 : 1;
  ++pos;
  int hours = 0;
  int minutes = 0;
  if (!TwoDigits(s, &pos, &hours) || !Expect(s, &pos, ':') || !TwoDigits(s, &pos, &minutes)) {
    return false;
  }
  if (pos != s.size() || minutes > 59 || hours > 14 || (hours == 14 && minutes != 0)) return false;
  f->timezone_minutes = sign * (hours * 60 + minutes);
  return true;
}

}  // namespace

std::optional<XsdDateTimeFields> ParseXsdDateTime(std::string_view lexical) {
  XsdDateTimeFields f;
  size_t pos = 0;
  if (!ParseDatePart(lexical, &pos, &f) || !Expect(lexical, &pos, 'T') ||
      !ParseTimePart(lexical, &pos, &f) || !ParseTimezone(lexical, pos, &f)) {
    return std::nullopt;
  }
  return f;
}

std::optional<XsdDateTimeFields> ParseXsdDate(std::string_view lexical) {
  XsdDateTimeFields f;
  size_t pos = 0;
  if (!ParseDatePart(lexical, &pos, &f) || !ParseTimezone(lexical, pos, &f)) return std::nullopt;
  return f;
}

}  // namespace parley::engine
