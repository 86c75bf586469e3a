#include "engine/values/xsd_value.h"

#include <cmath>

#include "engine/values/xsd_datetime.h"
#include "parley/term.h"
#include "rdf/vocabulary.h"

namespace parley::engine {
namespace {

constexpr int64_t kSecondsPerDay = 86'400;
constexpr int64_t kMaxTimezoneSeconds = 14 * 3600;

XsdMoment MomentOf(const XsdDateTimeFields& f) {
  XsdMoment m;
  m.local_seconds = DaysFromCivil(f.year, f.month, f.day) * kSecondsPerDay +
                    (f.hour * 60 + f.minute) * int64_t{60} + f.second;
  std::string_view fraction = f.fraction;
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  m.fraction = std::string(fraction);
  if (f.has_timezone) m.timezone_minutes = f.timezone_minutes;
  return m;
}

XsdOrder FromSign(int sign) {
  return sign < 0 ? XsdOrder::kLess : sign > 0 ? XsdOrder::kGreater : XsdOrder::kEqual;
}

template <typename T>
XsdOrder CompareFloating(T a, T b) {
  if (std::isnan(a) || std::isnan(b)) return XsdOrder::kUnordered;
  return a < b ? XsdOrder::kLess : a > b ? XsdOrder::kGreater : XsdOrder::kEqual;
}

bool IsExact(XsdType t) { return t == XsdType::kInteger || t == XsdType::kDecimal; }
bool IsNumeric(XsdType t) { return IsExact(t) || t == XsdType::kFloat || t == XsdType::kDouble; }

XsdOrder CompareNumbers(const XsdValue& a, const XsdValue& b) {
  if (IsExact(a.type) && IsExact(b.type)) return FromSign(CompareXsdDecimal(a.decimal, b.decimal));
  if (a.type == XsdType::kDouble || b.type == XsdType::kDouble) {
    auto widen = [](const XsdValue& v) {
      return IsExact(v.type) ? XsdDecimalToDouble(v.decimal) : v.floating;
    };
    return CompareFloating(widen(a), widen(b));
  }
  auto widen = [](const XsdValue& v) {
    return IsExact(v.type) ? XsdDecimalToFloat(v.decimal) : static_cast<float>(v.floating);
  };
  return CompareFloating(widen(a), widen(b));
}

// (seconds, fraction) on one time line.
int CompareInstants(int64_t a_seconds, const std::string& a_fraction, int64_t b_seconds,
                    const std::string& b_fraction) {
  if (a_seconds != b_seconds) return a_seconds < b_seconds ? -1 : 1;
  // No trailing zeros: string order is numeric order.
  int c = a_fraction.compare(b_fraction);
  return (c > 0) - (c < 0);
}

XsdOrder CompareMoments(const XsdMoment& a, const XsdMoment& b) {
  auto instant = [](const XsdMoment& m) {
    return m.local_seconds - int64_t{60} * m.timezone_minutes.value_or(0);
  };
  if (a.timezone_minutes.has_value() == b.timezone_minutes.has_value()) {
    return FromSign(CompareInstants(instant(a), a.fraction, instant(b), b.fraction));
  }
  // XSD's partial order: the value without a timezone lies somewhere in
  // [local - 14:00, local + 14:00] on the UTC time line.
  const bool a_has_tz = a.timezone_minutes.has_value();
  const XsdMoment& zoned = a_has_tz ? a : b;
  const XsdMoment& local = a_has_tz ? b : a;
  XsdOrder order = XsdOrder::kIndeterminate;
  if (CompareInstants(instant(zoned), zoned.fraction, local.local_seconds - kMaxTimezoneSeconds,
                      local.fraction) < 0) {
    order = XsdOrder::kLess;
  } else if (CompareInstants(instant(zoned), zoned.fraction,
                             local.local_seconds + kMaxTimezoneSeconds, local.fraction) > 0) {
    order = XsdOrder::kGreater;
  }
  if (!a_has_tz && order != XsdOrder::kIndeterminate) {
    order = order == XsdOrder::kLess ? XsdOrder::kGreater : XsdOrder::kLess;
  }
  return order;
}

}  // namespace

std::optional<XsdValue> ParseXsdValue(std::string_view lexical, std::string_view datatype) {
  if (datatype.substr(0, kXsd.size()) != kXsd) return std::nullopt;
  XsdValue v;
  if (datatype == rdf::kXsdBoolean) {
    std::optional<bool> b = ParseXsdBoolean(lexical);
    if (!b) return std::nullopt;
    v.type = XsdType::kBoolean;
    v.boolean = *b;
  } else if (datatype == rdf::kXsdDecimal) {
    std::optional<XsdDecimal> d = ParseXsdDecimal(lexical);
    if (!d) return std::nullopt;
    v.type = XsdType::kDecimal;
    v.decimal = std::move(*d);
  } else if (datatype == rdf::kXsdFloat) {
    std::optional<float> f = ParseXsdFloat(lexical);
    if (!f) return std::nullopt;
    v.type = XsdType::kFloat;
    v.floating = *f;
  } else if (datatype == rdf::kXsdDouble) {
    std::optional<double> d = ParseXsdDouble(lexical);
    if (!d) return std::nullopt;
    v.type = XsdType::kDouble;
    v.floating = *d;
  } else if (datatype == rdf::kXsdDate || datatype == rdf::kXsdDateTime) {
    bool is_date = datatype == rdf::kXsdDate;
    std::optional<XsdDateTimeFields> f =
        is_date ? ParseXsdDate(lexical) : ParseXsdDateTime(lexical);
    if (!f) return std::nullopt;
    v.type = is_date ? XsdType::kDate : XsdType::kDateTime;
    v.moment = MomentOf(*f);
  } else if (const XsdIntegerType* type = FindXsdIntegerType(datatype)) {
    std::optional<XsdDecimal> d = ParseXsdInteger(lexical);
    if (!d || !InXsdIntegerRange(*type, *d)) return std::nullopt;
    v.type = XsdType::kInteger;
    v.decimal = std::move(*d);
  } else {
    return std::nullopt;
  }
  return v;
}

XsdOrder CompareXsdValues(const XsdValue& a, const XsdValue& b) {
  if (IsNumeric(a.type) && IsNumeric(b.type)) return CompareNumbers(a, b);
  if (a.type != b.type) return XsdOrder::kIncomparable;
  if (a.type == XsdType::kBoolean) return FromSign(int{a.boolean} - int{b.boolean});
  return CompareMoments(a.moment, b.moment);
}

}  // namespace parley::engine
