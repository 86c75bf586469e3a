#include "query/expr/numeric.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "query/expr/xsd.h"

namespace parley::query {
namespace {

__extension__ typedef unsigned __int128 Uint128;

constexpr Int128 kInt128Max = static_cast<Int128>(~static_cast<Uint128>(0) >> 1);
constexpr Int128 kInt128Min = -kInt128Max - 1;

struct IntegerRange {
  std::string_view local_name;  // after the xsd: namespace
  Int128 min;
  Int128 max;
};

// xsd:integer and the types derived from it, with their value spaces.
constexpr std::array kIntegerTypes = {
    IntegerRange{"integer", kInt128Min, kInt128Max},
    IntegerRange{"long", INT64_MIN, INT64_MAX},
    IntegerRange{"int", INT32_MIN, INT32_MAX},
    IntegerRange{"short", INT16_MIN, INT16_MAX},
    IntegerRange{"byte", INT8_MIN, INT8_MAX},
    IntegerRange{"nonNegativeInteger", 0, kInt128Max},
    IntegerRange{"positiveInteger", 1, kInt128Max},
    IntegerRange{"nonPositiveInteger", kInt128Min, 0},
    IntegerRange{"negativeInteger", kInt128Min, -1},
    IntegerRange{"unsignedLong", 0, static_cast<Int128>(UINT64_MAX)},
    IntegerRange{"unsignedInt", 0, UINT32_MAX},
    IntegerRange{"unsignedShort", 0, UINT16_MAX},
    IntegerRange{"unsignedByte", 0, UINT8_MAX},
};

const IntegerRange* IntegerTypeOf(std::string_view datatype) {
  if (!datatype.starts_with(kXsd)) return nullptr;
  std::string_view local = datatype.substr(kXsd.size());
  for (const IntegerRange& range : kIntegerTypes) {
    if (range.local_name == local) return &range;
  }
  return nullptr;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

Uint128 Magnitude(Int128 value) {
  return value < 0 ? static_cast<Uint128>(0) - static_cast<Uint128>(value)
                   : static_cast<Uint128>(value);
}

std::optional<Int128> Signed(Uint128 magnitude, bool negative) {
  if (negative) {
    if (magnitude > static_cast<Uint128>(kInt128Max) + 1) return std::nullopt;
    return static_cast<Int128>(static_cast<Uint128>(0) - magnitude);
  }
  if (magnitude > static_cast<Uint128>(kInt128Max)) return std::nullopt;
  return static_cast<Int128>(magnitude);
}

// floor(a * b / divisor) on unsigned 128-bit operands with a 256-bit
// intermediate product; nullopt when the quotient does not fit in 128 bits.
// REQUIRES: divisor != 0.
std::optional<Uint128> MulDiv(Uint128 a, Uint128 b, Uint128 divisor) {
  constexpr Uint128 kLow64 = UINT64_MAX;
  Uint128 a_lo = a & kLow64, a_hi = a >> 64, b_lo = b & kLow64, b_hi = b >> 64;
  Uint128 lo_lo = a_lo * b_lo, lo_hi = a_lo * b_hi, hi_lo = a_hi * b_lo, hi_hi = a_hi * b_hi;
  Uint128 middle = (lo_lo >> 64) + (lo_hi & kLow64) + (hi_lo & kLow64);
  Uint128 low = (lo_lo & kLow64) | (middle << 64);
  Uint128 high = hi_hi + (lo_hi >> 64) + (hi_lo >> 64) + (middle >> 64);
  if (high >= divisor) return std::nullopt;
  // Binary long division of (high:low) by divisor; the remainder stays
  // below divisor, so a carry out of its top bit means "subtract".
  Uint128 remainder = high, quotient = 0;
  for (int bit = 127; bit >= 0; --bit) {
    bool carry = (remainder >> 127) != 0;
    remainder = (remainder << 1) | ((low >> bit) & 1);
    quotient <<= 1;
    if (carry || remainder >= divisor) {
      remainder -= divisor;
      quotient |= 1;
    }
  }
  return quotient;
}

std::optional<Int128> SignedMulDiv(Int128 a, Int128 b, Int128 divisor) {
  std::optional<Uint128> magnitude = MulDiv(Magnitude(a), Magnitude(b), Magnitude(divisor));
  if (!magnitude) return std::nullopt;
  bool negative = ((a < 0) != (b < 0)) != (divisor < 0);
  return Signed(*magnitude, negative);
}

// Digits with an optional sign, as integers and decimals start.
struct SignedDigits {
  bool negative = false;
  std::string_view rest;
};

SignedDigits SplitSign(std::string_view lexical) {
  SignedDigits result{false, lexical};
  if (!lexical.empty() && (lexical[0] == '+' || lexical[0] == '-')) {
    result.negative = lexical[0] == '-';
    result.rest = lexical.substr(1);
  }
  return result;
}

std::optional<Uint128> ParseDigits(std::string_view digits) {
  if (digits.empty()) return std::nullopt;
  Uint128 value = 0;
  for (char c : digits) {
    if (!IsDigit(c)) return std::nullopt;
    if (value > (~static_cast<Uint128>(0) - 9) / 10) return std::nullopt;
    value = value * 10 + static_cast<Uint128>(c - '0');
  }
  return value;
}

// The XSD double lexical grammar minus INF/NaN: the part std::from_chars
// would also accept but more strictly (no hex, no "inf", digits required).
bool IsFloatingMantissaAndExponent(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = 0;
  while (i < s.size() && IsDigit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exponent_digits = 0;
    while (i < s.size() && IsDigit(s[i])) ++i, ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  return i == s.size();
}

// The power of ten of the leading nonzero digit of a valid unsigned
// floating-point lexical form ("123.4e5" -> 7, "0.01" -> -2); 0 for zero.
int64_t DecimalOrderOf(std::string_view lexical) {
  size_t e = lexical.find_first_of("eE");
  std::string_view mantissa = lexical.substr(0, e);
  int64_t exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view digits = lexical.substr(e + 1);
    bool negative = !digits.empty() && digits[0] == '-';
    if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
    for (char c : digits) exponent = std::min<int64_t>(exponent * 10 + (c - '0'), 1'000'000'000);
    if (negative) exponent = -exponent;
  }
  size_t point = mantissa.find('.');
  size_t integer_digits = point == std::string_view::npos ? mantissa.size() : point;
  for (size_t i = 0; i < mantissa.size(); ++i) {
    if (mantissa[i] == '.' || mantissa[i] == '0') continue;
    int64_t order = i < integer_digits ? static_cast<int64_t>(integer_digits - i - 1)
                                       : -static_cast<int64_t>(i - integer_digits);
    return order + exponent;
  }
  return 0;
}

template <typename Real>
std::optional<double> ParseReal(std::string_view lexical) {
  if (lexical == "INF" || lexical == "+INF") return std::numeric_limits<double>::infinity();
  if (lexical == "-INF") return -std::numeric_limits<double>::infinity();
  if (lexical == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (!IsFloatingMantissaAndExponent(lexical)) return std::nullopt;
  std::string_view unsigned_part = lexical;
  bool negative = false;
  if (unsigned_part[0] == '+' || unsigned_part[0] == '-') {
    negative = unsigned_part[0] == '-';
    unsigned_part.remove_prefix(1);
  }
  Real value{};
  auto [end, error] =
      std::from_chars(unsigned_part.data(), unsigned_part.data() + unsigned_part.size(), value);
  if (error == std::errc::result_out_of_range) {
    // XSD 1.1 maps magnitudes beyond the range to infinity and tiny ones to
    // zero.
    value = DecimalOrderOf(unsigned_part) > 0 ? std::numeric_limits<Real>::infinity() : Real{0};
  } else if (error != std::errc() || end != unsigned_part.data() + unsigned_part.size()) {
    return std::nullopt;
  }
  double result = static_cast<double>(value);
  return negative ? -result : result;
}

// "1e+00" / "-2.5e-03" from std::to_chars into XSD's "1.0E0" / "-2.5E-3".
std::string ToXsdScientific(std::string_view shortest) {
  size_t e = shortest.find('e');
  std::string mantissa(shortest.substr(0, e));
  std::string_view exponent = shortest.substr(e + 1);
  if (mantissa.find('.') == std::string::npos) mantissa += ".0";
  bool negative_exponent = !exponent.empty() && exponent[0] == '-';
  if (!exponent.empty() && (exponent[0] == '-' || exponent[0] == '+')) exponent.remove_prefix(1);
  while (exponent.size() > 1 && exponent[0] == '0') exponent.remove_prefix(1);
  return mantissa + "E" + (negative_exponent ? "-" : "") + std::string(exponent);
}

template <typename Real>
std::string FormatReal(Real value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "INF" : "-INF";
  if (value == 0) return std::signbit(value) ? "-0.0E0" : "0.0E0";
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  return ToXsdScientific(std::string_view(buffer, static_cast<size_t>(result.ptr - buffer)));
}

Int128 FloorDiv(Int128 value, Int128 divisor) {
  Int128 quotient = value / divisor;
  if ((value % divisor != 0) && ((value < 0) != (divisor < 0))) --quotient;
  return quotient;
}

double RoundHalfUp(double value) {
  if (std::isnan(value) || std::isinf(value)) return value;
  double floor = std::floor(value);
  double result = value - floor >= 0.5 ? floor + 1 : floor;
  // XPath keeps the sign of zero: round(-0.3) is -0.
  if (result == 0 && std::signbit(value)) return -0.0;
  return result;
}

std::optional<Numeric> CheckedInteger(Int128 a, Int128 b, ArithmeticOp op) {
  Int128 result = 0;
  bool overflow = false;
  switch (op) {
    case ArithmeticOp::kAdd:
      overflow = __builtin_add_overflow(a, b, &result);
      break;
    case ArithmeticOp::kSubtract:
      overflow = __builtin_sub_overflow(a, b, &result);
      break;
    case ArithmeticOp::kMultiply:
      overflow = __builtin_mul_overflow(a, b, &result);
      break;
    case ArithmeticOp::kDivide:
      return std::nullopt;  // handled as decimal division
  }
  if (overflow) return std::nullopt;
  return Numeric::Integer(result);
}

std::optional<Numeric> DecimalArithmetic(Int128 a, Int128 b, ArithmeticOp op) {
  Int128 result = 0;
  switch (op) {
    case ArithmeticOp::kAdd:
      if (__builtin_add_overflow(a, b, &result)) return std::nullopt;
      return Numeric::Decimal(result);
    case ArithmeticOp::kSubtract:
      if (__builtin_sub_overflow(a, b, &result)) return std::nullopt;
      return Numeric::Decimal(result);
    case ArithmeticOp::kMultiply: {
      std::optional<Int128> product = SignedMulDiv(a, b, kDecimalScale);
      if (!product) return std::nullopt;
      return Numeric::Decimal(*product);
    }
    case ArithmeticOp::kDivide: {
      if (b == 0) return std::nullopt;
      std::optional<Int128> quotient = SignedMulDiv(a, kDecimalScale, b);
      if (!quotient) return std::nullopt;
      return Numeric::Decimal(*quotient);
    }
  }
  return std::nullopt;
}

double FloatingArithmetic(double a, double b, ArithmeticOp op) {
  switch (op) {
    case ArithmeticOp::kAdd:
      return a + b;
    case ArithmeticOp::kSubtract:
      return a - b;
    case ArithmeticOp::kMultiply:
      return a * b;
    case ArithmeticOp::kDivide:
      return a / b;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

Numeric Numeric::Float(double value) {
  return {NumericType::kFloat, 0, static_cast<double>(static_cast<float>(value))};
}

bool IsNumericDatatype(std::string_view datatype) {
  return datatype == xsd::kDecimal || datatype == xsd::kFloat || datatype == xsd::kDouble ||
         IntegerTypeOf(datatype) != nullptr;
}

std::optional<Int128> ParseIntegerLexical(std::string_view lexical) {
  SignedDigits parts = SplitSign(lexical);
  std::optional<Uint128> magnitude = ParseDigits(parts.rest);
  if (!magnitude) return std::nullopt;
  return Signed(*magnitude, parts.negative);
}

std::optional<Int128> ParseDecimalLexical(std::string_view lexical) {
  SignedDigits parts = SplitSign(lexical);
  std::string_view whole = parts.rest, fraction;
  if (size_t point = whole.find('.'); point != std::string_view::npos) {
    fraction = whole.substr(point + 1);
    whole = whole.substr(0, point);
    if (whole.empty() && fraction.empty()) return std::nullopt;
  } else if (whole.empty()) {
    return std::nullopt;
  }
  Uint128 whole_value = 0;
  if (!whole.empty()) {
    std::optional<Uint128> parsed = ParseDigits(whole);
    if (!parsed) return std::nullopt;
    whole_value = *parsed;
  }
  // Digits beyond the 18th fractional one are dropped (truncation).
  Uint128 fraction_value = 0;
  for (size_t i = 0; i < fraction.size(); ++i) {
    if (!IsDigit(fraction[i])) return std::nullopt;
    if (i < 18) fraction_value = fraction_value * 10 + static_cast<Uint128>(fraction[i] - '0');
  }
  for (size_t i = fraction.size(); i < 18; ++i) fraction_value *= 10;
  constexpr Uint128 kScale = static_cast<Uint128>(kDecimalScale);
  if (whole_value > (~static_cast<Uint128>(0) >> 1) / kScale) return std::nullopt;
  return Signed(whole_value * kScale + fraction_value, parts.negative);
}

std::optional<double> ParseDoubleLexical(std::string_view lexical) {
  return ParseReal<double>(lexical);
}

std::optional<double> ParseFloatLexical(std::string_view lexical) {
  return ParseReal<float>(lexical);
}

std::optional<Numeric> ParseNumeric(const Term& term) {
  if (!term.is_literal()) return std::nullopt;
  const std::string& datatype = term.datatype();
  const std::string& lexical = term.value();
  if (const IntegerRange* range = IntegerTypeOf(datatype)) {
    std::optional<Int128> value = ParseIntegerLexical(lexical);
    if (!value || *value < range->min || *value > range->max) return std::nullopt;
    return Numeric::Integer(*value);
  }
  if (datatype == xsd::kDecimal) {
    std::optional<Int128> scaled = ParseDecimalLexical(lexical);
    if (!scaled) return std::nullopt;
    return Numeric::Decimal(*scaled);
  }
  if (datatype == xsd::kDouble) {
    std::optional<double> value = ParseDoubleLexical(lexical);
    if (!value) return std::nullopt;
    return Numeric::Double(*value);
  }
  if (datatype == xsd::kFloat) {
    std::optional<double> value = ParseFloatLexical(lexical);
    if (!value) return std::nullopt;
    return Numeric::Float(*value);
  }
  return std::nullopt;
}

std::string FormatInteger(Int128 value) {
  Uint128 magnitude = Magnitude(value);
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  if (value < 0) digits.push_back('-');
  return std::string(digits.rbegin(), digits.rend());
}

std::string FormatDecimal(Int128 scaled) {
  Uint128 magnitude = Magnitude(scaled);
  constexpr Uint128 kScale = static_cast<Uint128>(kDecimalScale);
  Uint128 whole = magnitude / kScale, fraction = magnitude % kScale;
  std::string result = scaled < 0 ? "-" : "";
  result += FormatInteger(static_cast<Int128>(whole));
  if (fraction != 0) {
    std::string digits = FormatInteger(static_cast<Int128>(fraction));
    digits.insert(0, 18 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    result += "." + digits;
  }
  return result;
}

std::string FormatDouble(double value) { return FormatReal(value); }

std::string FormatFloat(double value) { return FormatReal(static_cast<float>(value)); }

Term NumericToTerm(const Numeric& value) {
  switch (value.type) {
    case NumericType::kInteger:
      return Term::TypedLiteral(FormatInteger(value.fixed), std::string(xsd::kInteger));
    case NumericType::kDecimal:
      return Term::TypedLiteral(FormatDecimal(value.fixed), std::string(xsd::kDecimal));
    case NumericType::kFloat:
      return Term::TypedLiteral(FormatFloat(value.floating), std::string(xsd::kFloat));
    case NumericType::kDouble:
      break;
  }
  return Term::TypedLiteral(FormatDouble(value.floating), std::string(xsd::kDouble));
}

double ToDouble(const Numeric& value) {
  switch (value.type) {
    case NumericType::kInteger:
      return static_cast<double>(value.fixed);
    case NumericType::kDecimal:
      // Through the decimal text so the conversion rounds correctly once.
      return *ParseDoubleLexical(FormatDecimal(value.fixed));
    case NumericType::kFloat:
    case NumericType::kDouble:
      break;
  }
  return value.floating;
}

std::optional<Numeric> Promote(const Numeric& value, NumericType type) {
  if (value.type == type) return value;
  switch (type) {
    case NumericType::kInteger:
      return std::nullopt;
    case NumericType::kDecimal: {
      Int128 scaled;
      if (value.type != NumericType::kInteger ||
          __builtin_mul_overflow(value.fixed, kDecimalScale, &scaled)) {
        return std::nullopt;
      }
      return Numeric::Decimal(scaled);
    }
    case NumericType::kFloat:
      if (value.type == NumericType::kDouble) return std::nullopt;
      return Numeric::Float(ToDouble(value));
    case NumericType::kDouble:
      break;
  }
  return Numeric::Double(ToDouble(value));
}

std::optional<Numeric> NumericArithmetic(ArithmeticOp op, const Numeric& left,
                                         const Numeric& right) {
  NumericType type = std::max(left.type, right.type);
  if (type == NumericType::kInteger && op == ArithmeticOp::kDivide) type = NumericType::kDecimal;
  std::optional<Numeric> a = Promote(left, type), b = Promote(right, type);
  if (!a || !b) return std::nullopt;
  switch (type) {
    case NumericType::kInteger:
      return CheckedInteger(a->fixed, b->fixed, op);
    case NumericType::kDecimal:
      return DecimalArithmetic(a->fixed, b->fixed, op);
    case NumericType::kFloat:
      return Numeric::Float(FloatingArithmetic(a->floating, b->floating, op));
    case NumericType::kDouble:
      break;
  }
  return Numeric::Double(FloatingArithmetic(a->floating, b->floating, op));
}

std::partial_ordering CompareNumeric(const Numeric& left, const Numeric& right) {
  NumericType type = std::max(left.type, right.type);
  std::optional<Numeric> a = Promote(left, type), b = Promote(right, type);
  if (!a || !b) {
    // An integer beyond the decimal range against a decimal: compare whole
    // parts first, which the integer's size decides.
    Int128 left_whole =
        left.type == NumericType::kInteger ? left.fixed : FloorDiv(left.fixed, kDecimalScale);
    Int128 right_whole =
        right.type == NumericType::kInteger ? right.fixed : FloorDiv(right.fixed, kDecimalScale);
    return left_whole <=> right_whole;
  }
  if (type == NumericType::kInteger || type == NumericType::kDecimal) return a->fixed <=> b->fixed;
  return a->floating <=> b->floating;
}

std::optional<Numeric> NumericNegate(const Numeric& value) {
  switch (value.type) {
    case NumericType::kInteger:
    case NumericType::kDecimal:
      if (value.fixed == kInt128Min) return std::nullopt;
      return Numeric{value.type, -value.fixed, 0};
    case NumericType::kFloat:
    case NumericType::kDouble:
      break;
  }
  return Numeric{value.type, 0, -value.floating};
}

std::optional<Numeric> NumericAbs(const Numeric& value) {
  bool negative = value.type == NumericType::kInteger || value.type == NumericType::kDecimal
                      ? value.fixed < 0
                      : std::signbit(value.floating);
  return negative ? NumericNegate(value) : value;
}

std::optional<Numeric> NumericRound(const Numeric& value) {
  switch (value.type) {
    case NumericType::kInteger:
      return value;
    case NumericType::kDecimal: {
      Int128 shifted;
      if (__builtin_add_overflow(value.fixed, kDecimalScale / 2, &shifted)) return std::nullopt;
      return Numeric::Decimal(FloorDiv(shifted, kDecimalScale) * kDecimalScale);
    }
    case NumericType::kFloat:
    case NumericType::kDouble:
      break;
  }
  return Numeric{value.type, 0, RoundHalfUp(value.floating)};
}

std::optional<Numeric> NumericCeil(const Numeric& value) {
  switch (value.type) {
    case NumericType::kInteger:
      return value;
    case NumericType::kDecimal:
      if (value.fixed == kInt128Min) return std::nullopt;
      return Numeric::Decimal(-FloorDiv(-value.fixed, kDecimalScale) * kDecimalScale);
    case NumericType::kFloat:
    case NumericType::kDouble:
      break;
  }
  return Numeric{value.type, 0, std::ceil(value.floating)};
}

std::optional<Numeric> NumericFloor(const Numeric& value) {
  switch (value.type) {
    case NumericType::kInteger:
      return value;
    case NumericType::kDecimal:
      return Numeric::Decimal(FloorDiv(value.fixed, kDecimalScale) * kDecimalScale);
    case NumericType::kFloat:
    case NumericType::kDouble:
      break;
  }
  return Numeric{value.type, 0, std::floor(value.floating)};
}

}  // namespace parley::query
