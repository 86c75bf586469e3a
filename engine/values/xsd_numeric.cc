#include "engine/values/xsd_numeric.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <system_error>

#include "engine/status_macros.h"

namespace parley::engine {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// integer (allow_point = false) or decimal (true) lexical form.
std::optional<XsdDecimal> ParseExact(std::string_view s, bool allow_point) {
  XsdDecimal d;
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    d.negative = s[i] == '-';
    ++i;
  }
  size_t int_begin = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  size_t int_end = i;
  size_t frac_begin = i;
  size_t frac_end = i;
  if (allow_point && i < s.size() && s[i] == '.') {
    frac_begin = ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    frac_end = i;
  }
  if (i != s.size() || (int_begin == int_end && frac_begin == frac_end)) return std::nullopt;
  while (int_begin < int_end && s[int_begin] == '0') ++int_begin;
  while (frac_end > frac_begin && s[frac_end - 1] == '0') --frac_end;
  d.integer.assign(s.substr(int_begin, int_end - int_begin));
  d.fraction.assign(s.substr(frac_begin, frac_end - frac_begin));
  if (d.integer.empty() && d.fraction.empty()) d.negative = false;
  return d;
}

// The shape of a float lexical form without its sign, as far as needed to
// tell overflow from underflow when std::from_chars reports out of range.
struct FloatShape {
  bool nonzero = false;
  // Decimal exponent of the first non-zero digit (saturated).
  int64_t exponent10 = 0;
};

// Checks the XSD float grammar (after the sign) and fills `shape`.
bool ScanFloat(std::string_view s, FloatShape* shape) {
  size_t i = 0;
  size_t int_digits = 0;
  int64_t first_nonzero = 0;  // exponent10 of the first non-zero mantissa digit
  while (i < s.size() && IsDigit(s[i])) {
    if (!shape->nonzero && s[i] != '0') {
      shape->nonzero = true;
      first_nonzero = -static_cast<int64_t>(i);  // fixed up with int_digits below
    }
    ++i;
    ++int_digits;
  }
  if (shape->nonzero) first_nonzero += static_cast<int64_t>(int_digits) - 1;
  size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) {
      if (!shape->nonzero && s[i] != '0') {
        shape->nonzero = true;
        first_nonzero = -static_cast<int64_t>(frac_digits) - 1;
      }
      ++i;
      ++frac_digits;
    }
  }
  if (int_digits + frac_digits == 0) return false;
  int64_t exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
    size_t digits_begin = i;
    while (i < s.size() && IsDigit(s[i])) {
      exponent = std::min<int64_t>(exponent * 10 + (s[i] - '0'), int64_t{1} << 40);
      ++i;
    }
    if (i == digits_begin) return false;
    if (negative) exponent = -exponent;
  }
  shape->exponent10 = first_nonzero + exponent;
  return i == s.size();
}

template <typename T>
std::optional<T> ParseFloating(std::string_view s) {
  if (s == "NaN") return std::numeric_limits<T>::quiet_NaN();
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  T value;
  if (s == "INF") {
    value = std::numeric_limits<T>::infinity();
  } else {
    FloatShape shape;
    if (!ScanFloat(s, &shape)) return std::nullopt;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec == std::errc::result_out_of_range) {
      value = shape.nonzero && shape.exponent10 > 0 ? std::numeric_limits<T>::infinity() : T{0};
    } else if (ec != std::errc() || ptr != s.data() + s.size()) {
      return std::nullopt;
    }
  }
  return negative ? -value : value;
}

template <typename T>
size_t FormatFloating(T value, char* out) {
  auto put = [out](std::string_view text) {
    std::memcpy(out, text.data(), text.size());
    return text.size();
  };
  if (std::isnan(value)) return put("NaN");
  if (std::isinf(value)) return put(value > 0 ? "INF" : "-INF");
  // Shortest round-trip digits: -?D(.D+)?e[+-]DD+
  char buf[kXsdFloatBufferSize];
  auto result = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::scientific);
  PARLEY_CHECK(result.ec == std::errc());
  const char* begin = buf;
  const char* end = result.ptr;
  const char* e = std::find(begin, end, 'e');
  PARLEY_CHECK(e != end && e + 2 < end);
  size_t n = static_cast<size_t>(e - begin);
  std::memcpy(out, begin, n);
  if (std::find(begin, e, '.') == e) {
    out[n++] = '.';
    out[n++] = '0';
  }
  out[n++] = 'E';
  const char* p = e + 1;
  if (*p == '-') out[n++] = '-';
  ++p;  // the exponent's sign
  while (p + 1 < end && *p == '0') ++p;
  std::memcpy(out + n, p, static_cast<size_t>(end - p));
  return n + static_cast<size_t>(end - p);
}

constexpr int64_t kInlineMin = -(int64_t{1} << 55);
constexpr int64_t kInlineMax = (int64_t{1} << 55) - 1;

// Indexed by IntegerSubtype.
constexpr XsdIntegerType kIntegerTypes[] = {
    {IntegerSubtype::kInteger, "http://www.w3.org/2001/XMLSchema#integer", "", "", kInlineMin,
     kInlineMax},
    {IntegerSubtype::kLong, "http://www.w3.org/2001/XMLSchema#long", "-9223372036854775808",
     "9223372036854775807", kInlineMin, kInlineMax},
    {IntegerSubtype::kInt, "http://www.w3.org/2001/XMLSchema#int", "-2147483648", "2147483647",
     -2147483648LL, 2147483647},
    {IntegerSubtype::kShort, "http://www.w3.org/2001/XMLSchema#short", "-32768", "32767", -32768,
     32767},
    {IntegerSubtype::kByte, "http://www.w3.org/2001/XMLSchema#byte", "-128", "127", -128, 127},
    {IntegerSubtype::kNonNegativeInteger, "http://www.w3.org/2001/XMLSchema#nonNegativeInteger",
     "0", "", 0, kInlineMax},
    {IntegerSubtype::kPositiveInteger, "http://www.w3.org/2001/XMLSchema#positiveInteger", "1", "",
     1, kInlineMax},
    {IntegerSubtype::kNonPositiveInteger, "http://www.w3.org/2001/XMLSchema#nonPositiveInteger", "",
     "0", kInlineMin, 0},
    {IntegerSubtype::kNegativeInteger, "http://www.w3.org/2001/XMLSchema#negativeInteger", "", "-1",
     kInlineMin, -1},
    {IntegerSubtype::kUnsignedLong, "http://www.w3.org/2001/XMLSchema#unsignedLong", "0",
     "18446744073709551615", 0, kInlineMax},
    {IntegerSubtype::kUnsignedInt, "http://www.w3.org/2001/XMLSchema#unsignedInt", "0",
     "4294967295", 0, 4294967295LL},
    {IntegerSubtype::kUnsignedShort, "http://www.w3.org/2001/XMLSchema#unsignedShort", "0", "65535",
     0, 65535},
    {IntegerSubtype::kUnsignedByte, "http://www.w3.org/2001/XMLSchema#unsignedByte", "0", "255", 0,
     255},
};

constexpr bool TableIsIndexedBySubtype() {
  for (size_t i = 0; i < std::size(kIntegerTypes); ++i) {
    if (static_cast<size_t>(kIntegerTypes[i].subtype) != i) return false;
  }
  return true;
}
static_assert(TableIsIndexedBySubtype());

int CompareMagnitude(const XsdDecimal& a, const XsdDecimal& b) {
  if (a.integer.size() != b.integer.size()) return a.integer.size() < b.integer.size() ? -1 : 1;
  // Both fractions lack trailing zeros, so a string prefix is the smaller
  // fraction and plain string order is numeric order.
  int c = a.integer.compare(b.integer);
  if (c == 0) c = a.fraction.compare(b.fraction);
  return (c > 0) - (c < 0);
}

template <typename T>
T DecimalToFloating(const XsdDecimal& d) {
  std::string text = d.integer.empty() ? "0" : d.integer;
  if (!d.fraction.empty()) {
    text += '.';
    text += d.fraction;
  }
  T value{};
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) {
    // Overflow needs integer digits; without them it is an underflow.
    value = d.integer.empty() ? T{0} : std::numeric_limits<T>::infinity();
  } else {
    PARLEY_CHECK(ec == std::errc() && ptr == text.data() + text.size());
  }
  return d.negative ? -value : value;
}

}  // namespace

std::optional<XsdDecimal> ParseXsdInteger(std::string_view lexical) {
  return ParseExact(lexical, /*allow_point=*/false);
}

std::optional<XsdDecimal> ParseXsdDecimal(std::string_view lexical) {
  return ParseExact(lexical, /*allow_point=*/true);
}

std::optional<bool> ParseXsdBoolean(std::string_view lexical) {
  if (lexical == "true" || lexical == "1") return true;
  if (lexical == "false" || lexical == "0") return false;
  return std::nullopt;
}

std::optional<float> ParseXsdFloat(std::string_view lexical) {
  return ParseFloating<float>(lexical);
}

std::optional<double> ParseXsdDouble(std::string_view lexical) {
  return ParseFloating<double>(lexical);
}

int CompareXsdDecimal(const XsdDecimal& a, const XsdDecimal& b) {
  if (a.negative != b.negative) return a.negative ? -1 : 1;
  int c = CompareMagnitude(a, b);
  return a.negative ? -c : c;
}

float XsdDecimalToFloat(const XsdDecimal& d) { return DecimalToFloating<float>(d); }
double XsdDecimalToDouble(const XsdDecimal& d) { return DecimalToFloating<double>(d); }

size_t FormatXsdFloat(float value, char* out) { return FormatFloating(value, out); }
size_t FormatXsdDouble(double value, char* out) { return FormatFloating(value, out); }

std::string FormatXsdFloat(float value) {
  char buf[kXsdFloatBufferSize];
  return std::string(buf, FormatFloating(value, buf));
}

std::string FormatXsdDouble(double value) {
  char buf[kXsdFloatBufferSize];
  return std::string(buf, FormatFloating(value, buf));
}

const XsdIntegerType* FindXsdIntegerType(std::string_view datatype_iri) {
  for (const XsdIntegerType& type : kIntegerTypes) {
    if (type.iri == datatype_iri) return &type;
  }
  return nullptr;
}

const XsdIntegerType& GetXsdIntegerType(IntegerSubtype subtype) {
  size_t index = static_cast<size_t>(subtype);
  PARLEY_CHECK(index < std::size(kIntegerTypes));
  return kIntegerTypes[index];
}

bool InXsdIntegerRange(const XsdIntegerType& type, const XsdDecimal& value) {
  if (!value.fraction.empty()) return false;
  if (!type.min.empty() && CompareXsdDecimal(value, *ParseXsdInteger(type.min)) < 0) return false;
  if (!type.max.empty() && CompareXsdDecimal(value, *ParseXsdInteger(type.max)) > 0) return false;
  return true;
}

}  // namespace parley::engine
