#include "engine/values/inline_datetime.h"

#include <string>

#include "engine/status_macros.h"
#include "engine/values/inline_value.h"
#include "engine/values/xsd_datetime.h"
#include "rdf/vocabulary.h"

namespace parley::engine {
namespace {

constexpr int64_t kMsPerMinute = 60'000;
constexpr int64_t kMsPerDay = 86'400'000;
constexpr int64_t kMinutesPerDay = 1440;
// Timezones -14:00 .. +14:00 in minutes: 1681 values, stored as tz + 840.
constexpr int64_t kTimezoneBias = 840;
constexpr int64_t kTimezoneCount = 2 * kTimezoneBias + 1;

constexpr int64_t kDay0 = DaysFromCivil(kMinInlineYear, 1, 1);
constexpr int64_t kDayEnd = DaysFromCivil(kMaxInlineYear + 1, 1, 1);  // exclusive
// The smallest instants: the first day's start in the +14:00 zone.
constexpr int64_t kMinDateInstant = kDay0 * kMinutesPerDay - kTimezoneBias;
constexpr int64_t kMinDateTimeInstant = kDay0 * kMsPerDay - kTimezoneBias * kMsPerMinute;

// The largest payloads fit the 60 bits (the year range was chosen for it).
static_assert(((kDayEnd * kMsPerDay + kTimezoneBias * kMsPerMinute) - kMinDateTimeInstant) *
                  kTimezoneCount <=
              static_cast<int64_t>(kPayloadMask));
static_assert(((kDayEnd * kMinutesPerDay + kTimezoneBias) - kMinDateInstant) * kTimezoneCount <=
              static_cast<int64_t>(kPayloadMask));
static_assert((kDayEnd - kDay0) * kMsPerDay <= static_cast<int64_t>(kPayloadMask));

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

// The checks shared by dates and dateTimes: inline year range and the
// canonical year and timezone forms.
bool CanonicalAndInRange(std::string_view lexical, const XsdDateTimeFields& f) {
  if (f.year < kMinInlineYear || f.year > kMaxInlineYear) return false;
  if (f.year == 0 && lexical[0] == '-') return false;  // "-0000"
  if (f.has_timezone && f.timezone_minutes == 0 && lexical.back() != 'Z') return false;
  return true;
}

uint64_t WithTimezone(int64_t instant_offset, int timezone_minutes) {
  return static_cast<uint64_t>(instant_offset * kTimezoneCount +
                               (timezone_minutes + kTimezoneBias));
}

void AppendTwoDigits(int value, std::string* out) {
  out->push_back(static_cast<char>('0' + value / 10));
  out->push_back(static_cast<char>('0' + value % 10));
}

void AppendDate(int64_t days, std::string* out) {
  CivilDate date = CivilFromDays(days);
  int64_t year = date.year;
  if (year < 0) {
    out->push_back('-');
    year = -year;
  }
  std::string digits = std::to_string(year);
  if (digits.size() < 4) out->append(4 - digits.size(), '0');
  out->append(digits);
  out->push_back('-');
  AppendTwoDigits(date.month, out);
  out->push_back('-');
  AppendTwoDigits(date.day, out);
}

void AppendTime(int64_t ms_of_day, std::string* out) {
  int64_t seconds = ms_of_day / 1000;
  int millis = static_cast<int>(ms_of_day % 1000);
  out->push_back('T');
  AppendTwoDigits(static_cast<int>(seconds / 3600), out);
  out->push_back(':');
  AppendTwoDigits(static_cast<int>(seconds / 60 % 60), out);
  out->push_back(':');
  AppendTwoDigits(static_cast<int>(seconds % 60), out);
  if (millis != 0) {
    char digits[3] = {static_cast<char>('0' + millis / 100),
                      static_cast<char>('0' + millis / 10 % 10),
                      static_cast<char>('0' + millis % 10)};
    size_t size = 3;
    while (digits[size - 1] == '0') --size;
    out->push_back('.');
    out->append(digits, size);
  }
}

void AppendTimezone(int minutes, std::string* out) {
  if (minutes == 0) {
    out->push_back('Z');
    return;
  }
  out->push_back(minutes < 0 ? '-' : '+');
  if (minutes < 0) minutes = -minutes;
  AppendTwoDigits(minutes / 60, out);
  out->push_back(':');
  AppendTwoDigits(minutes % 60, out);
}

}  // namespace

std::optional<TermId> TryEncodeInlineDate(std::string_view lexical) {
  std::optional<XsdDateTimeFields> f = ParseXsdDate(lexical);
  if (!f || !CanonicalAndInRange(lexical, *f)) return std::nullopt;
  int64_t day = DaysFromCivil(f->year, f->month, f->day);
  if (!f->has_timezone) return MakeId(IdTag::kDate, static_cast<uint64_t>(day - kDay0));
  int64_t instant = day * kMinutesPerDay - f->timezone_minutes;
  return MakeId(IdTag::kDateTz, WithTimezone(instant - kMinDateInstant, f->timezone_minutes));
}

std::optional<TermId> TryEncodeInlineDateTime(std::string_view lexical) {
  std::optional<XsdDateTimeFields> f = ParseXsdDateTime(lexical);
  if (!f || !CanonicalAndInRange(lexical, *f) || f->hour == 24) return std::nullopt;
  // At most milliseconds, and no trailing zero (nor a fraction of zero).
  if (f->fraction.size() > 3 || (!f->fraction.empty() && f->fraction.back() == '0')) {
    return std::nullopt;
  }
  int64_t millis = 0;
  for (size_t i = 0; i < 3; ++i) {
    millis = millis * 10 + (i < f->fraction.size() ? f->fraction[i] - '0' : 0);
  }
  int64_t local_ms = DaysFromCivil(f->year, f->month, f->day) * kMsPerDay +
                     ((f->hour * 60 + f->minute) * 60 + f->second) * int64_t{1000} + millis;
  if (!f->has_timezone) {
    return MakeId(IdTag::kDateTime, static_cast<uint64_t>(local_ms - kDay0 * kMsPerDay));
  }
  int64_t instant = local_ms - f->timezone_minutes * kMsPerMinute;
  return MakeId(IdTag::kDateTimeTz,
                WithTimezone(instant - kMinDateTimeInstant, f->timezone_minutes));
}

std::optional<Term> DecodeInlineDateOrDateTime(TermId id) {
  const auto payload = static_cast<int64_t>(PayloadOf(id));
  std::string lexical;
  lexical.reserve(32);
  switch (TagOf(id)) {
    case IdTag::kDate:
      AppendDate(payload + kDay0, &lexical);
      return Term::TypedLiteral(std::move(lexical), std::string(rdf::kXsdDate));
    case IdTag::kDateTz: {
      int timezone = static_cast<int>(payload % kTimezoneCount - kTimezoneBias);
      int64_t local_minutes = payload / kTimezoneCount + kMinDateInstant + timezone;
      if (local_minutes % kMinutesPerDay != 0) return std::nullopt;  // damaged
      AppendDate(local_minutes / kMinutesPerDay, &lexical);
      AppendTimezone(timezone, &lexical);
      return Term::TypedLiteral(std::move(lexical), std::string(rdf::kXsdDate));
    }
    case IdTag::kDateTime:
    case IdTag::kDateTimeTz: {
      int64_t local_ms = payload + kDay0 * kMsPerDay;
      int timezone = 0;
      bool has_timezone = TagOf(id) == IdTag::kDateTimeTz;
      if (has_timezone) {
        timezone = static_cast<int>(payload % kTimezoneCount - kTimezoneBias);
        local_ms = payload / kTimezoneCount + kMinDateTimeInstant + timezone * kMsPerMinute;
      }
      int64_t day = FloorDiv(local_ms, kMsPerDay);
      AppendDate(day, &lexical);
      AppendTime(local_ms - day * kMsPerDay, &lexical);
      if (has_timezone) AppendTimezone(timezone, &lexical);
      return Term::TypedLiteral(std::move(lexical), std::string(rdf::kXsdDateTime));
    }
    default:
      break;
  }
  return std::nullopt;
}

}  // namespace parley::engine
