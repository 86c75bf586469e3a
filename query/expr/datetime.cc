#include "query/expr/datetime.h"

#include "absl/strings/str_format.h"
#include "query/expr/xsd.h"

namespace parley::query {
namespace {

constexpr Int128 kSecondsPerDay = 86'400;
constexpr Int128 kFourteenHours = 14 * 3600;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsLeapYear(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's
// days_from_civil, valid for any int64 year of practical size).
int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// A cursor over a lexical form; every Read* consumes on success only.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool AtEnd() const { return pos_ == text_.size(); }
  bool Consume(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  // Exactly `count` digits.
  std::optional<int> ReadFixedDigits(int count) {
    if (pos_ + static_cast<size_t>(count) > text_.size()) return std::nullopt;
    int value = 0;
    for (int i = 0; i < count; ++i) {
      char c = text_[pos_ + static_cast<size_t>(i)];
      if (!IsDigit(c)) return std::nullopt;
      value = value * 10 + (c - '0');
    }
    pos_ += static_cast<size_t>(count);
    return value;
  }

  // XSD years: '-'? at least four digits, no leading zero beyond four.
  std::optional<int64_t> ReadYear() {
    bool negative = Consume('-');
    size_t start = pos_;
    while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
    size_t length = pos_ - start;
    if (length < 4 || length > 12 || (length > 4 && text_[start] == '0')) return std::nullopt;
    int64_t value = 0;
    for (size_t i = start; i < pos_; ++i) value = value * 10 + (text_[i] - '0');
    return negative ? -value : value;
  }

  // "ss" or "ss.fff…" as seconds times kDecimalScale (18 digits kept).
  std::optional<Int128> ReadSeconds() {
    std::optional<int> whole = ReadFixedDigits(2);
    if (!whole) return std::nullopt;
    Int128 scaled = static_cast<Int128>(*whole) * kDecimalScale;
    if (Consume('.')) {
      Int128 unit = kDecimalScale / 10;
      size_t digits = 0;
      while (pos_ < text_.size() && IsDigit(text_[pos_])) {
        scaled += unit * (text_[pos_] - '0');
        unit /= 10;
        ++pos_;
        ++digits;
      }
      if (digits == 0) return std::nullopt;
    }
    return scaled;
  }

  // "Z", "+hh:mm", "-hh:mm" (|offset| <= 14:00) or nothing.
  bool ReadTimezone(std::optional<int>& minutes) {
    if (AtEnd()) return true;
    if (Consume('Z')) {
      minutes = 0;
      return AtEnd();
    }
    char sign = Peek();
    if (sign != '+' && sign != '-') return false;
    ++pos_;
    std::optional<int> hours = ReadFixedDigits(2);
    if (!hours || !Consume(':')) return false;
    std::optional<int> mins = ReadFixedDigits(2);
    if (!mins || *mins > 59 || *hours * 60 + *mins > 14 * 60) return false;
    minutes = (sign == '-' ? -1 : 1) * (*hours * 60 + *mins);
    return AtEnd();
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

bool ReadDatePart(Scanner& scanner, DateTime& value) {
  std::optional<int64_t> year = scanner.ReadYear();
  if (!year || !scanner.Consume('-')) return false;
  std::optional<int> month = scanner.ReadFixedDigits(2);
  if (!month || *month < 1 || *month > 12 || !scanner.Consume('-')) return false;
  std::optional<int> day = scanner.ReadFixedDigits(2);
  if (!day || *day < 1 || *day > DaysInMonth(*year, *month)) return false;
  value.year = *year;
  value.month = *month;
  value.day = *day;
  return true;
}

void AddOneDay(DateTime& value) {
  if (++value.day <= DaysInMonth(value.year, value.month)) return;
  value.day = 1;
  if (++value.month <= 12) return;
  value.month = 1;
  ++value.year;
}

// Seconds since 1970-01-01T00:00:00 of the local fields (timezone ignored),
// times kDecimalScale.
Int128 LocalInstant(const DateTime& value) {
  Int128 days = DaysFromCivil(value.year, value.month, value.day);
  Int128 seconds = days * kSecondsPerDay + value.hour * 3600 + value.minute * 60;
  return seconds * kDecimalScale + value.second_scaled;
}

// The instant in UTC; values without a timezone are taken as UTC.
Int128 UtcInstant(const DateTime& value) {
  return LocalInstant(value) -
         static_cast<Int128>(value.timezone_minutes.value_or(0)) * 60 * kDecimalScale;
}

TemporalOrder OrderOf(Int128 left, Int128 right) {
  if (left < right) return TemporalOrder::kLess;
  if (left > right) return TemporalOrder::kGreater;
  return TemporalOrder::kEqual;
}

}  // namespace

std::optional<DateTime> ParseDateTimeLexical(std::string_view lexical) {
  Scanner scanner(lexical);
  DateTime value;
  if (!ReadDatePart(scanner, value) || !scanner.Consume('T')) return std::nullopt;
  std::optional<int> hour = scanner.ReadFixedDigits(2);
  if (!hour || !scanner.Consume(':')) return std::nullopt;
  std::optional<int> minute = scanner.ReadFixedDigits(2);
  if (!minute || *minute > 59 || !scanner.Consume(':')) return std::nullopt;
  std::optional<Int128> second = scanner.ReadSeconds();
  if (!second || *second >= 60 * kDecimalScale) return std::nullopt;
  if (!scanner.ReadTimezone(value.timezone_minutes)) return std::nullopt;
  if (*hour == 24) {
    // 24:00:00 is the first instant of the next day (XSD 1.1).
    if (*minute != 0 || *second != 0) return std::nullopt;
    AddOneDay(value);
    hour = 0;
  } else if (*hour > 23) {
    return std::nullopt;
  }
  value.hour = *hour;
  value.minute = *minute;
  value.second_scaled = *second;
  return value;
}

std::optional<DateTime> ParseDateLexical(std::string_view lexical) {
  Scanner scanner(lexical);
  DateTime value;
  value.is_date = true;
  if (!ReadDatePart(scanner, value) || !scanner.ReadTimezone(value.timezone_minutes)) {
    return std::nullopt;
  }
  return value;
}

std::optional<DateTime> ParseDateTime(const Term& term) {
  if (!term.is_literal()) return std::nullopt;
  if (term.datatype() == xsd::kDateTime) return ParseDateTimeLexical(term.value());
  if (term.datatype() == xsd::kDate) return ParseDateLexical(term.value());
  return std::nullopt;
}

TemporalOrder CompareDateTimes(const DateTime& left, const DateTime& right) {
  Int128 a = UtcInstant(left), b = UtcInstant(right);
  if (left.timezone_minutes.has_value() == right.timezone_minutes.has_value()) {
    return OrderOf(a, b);
  }
  // The side without a timezone lies anywhere within ±14 hours of `a` or
  // `b` as computed; decide only when the whole range falls on one side.
  Int128 spread = kFourteenHours * kDecimalScale;
  if (!left.timezone_minutes) {
    if (a + spread < b) return TemporalOrder::kLess;
    if (a - spread > b) return TemporalOrder::kGreater;
  } else {
    if (a < b - spread) return TemporalOrder::kLess;
    if (a > b + spread) return TemporalOrder::kGreater;
  }
  return TemporalOrder::kIndeterminate;
}

int CompareDateTimesTotal(const DateTime& left, const DateTime& right) {
  Int128 a = UtcInstant(left), b = UtcInstant(right);
  return a < b ? -1 : (a > b ? 1 : 0);
}

std::string FormatTimezone(const DateTime& value) {
  if (!value.timezone_minutes) return "";
  int minutes = *value.timezone_minutes;
  if (minutes == 0) return "Z";
  int magnitude = minutes < 0 ? -minutes : minutes;
  return absl::StrFormat("%c%02d:%02d", minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

std::string FormatDateTime(const DateTime& value) {
  std::string text;
  if (value.year < 0) {
    text = absl::StrFormat("-%04d", -value.year);
  } else {
    text = absl::StrFormat("%04d", value.year);
  }
  text += absl::StrFormat("-%02d-%02d", value.month, value.day);
  if (!value.is_date) {
    text += absl::StrFormat("T%02d:%02d:", value.hour, value.minute);
    if (value.second_scaled < 10 * kDecimalScale) text += '0';
    text += FormatDecimal(value.second_scaled);
  }
  text += FormatTimezone(value);
  return text;
}

std::optional<std::string> TimezoneDuration(const DateTime& value) {
  if (!value.timezone_minutes) return std::nullopt;
  int minutes = *value.timezone_minutes;
  if (minutes == 0) return "PT0S";
  int magnitude = minutes < 0 ? -minutes : minutes;
  std::string text = minutes < 0 ? "-PT" : "PT";
  if (magnitude / 60 != 0) text += absl::StrFormat("%dH", magnitude / 60);
  if (magnitude % 60 != 0) text += absl::StrFormat("%dM", magnitude % 60);
  return text;
}

}  // namespace parley::query
