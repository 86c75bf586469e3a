// The inline literal codec. Payload grammars, per tag:
//
//   tag 0x1 boolean     payload := 0 (false) | 1 (true)
//   tag 0x2 integers    payload := subtype:4 (value + 2^55):56
//   tag 0x3 decimal     payload := value * 10^6 + 2^59
//   tag 0x4 float       payload := key32(bits)
//   tag 0x5 double      payload := key64(bits) >> 4
//   tags 0x6 - 0x9      dates and dateTimes (engine/values/inline_datetime.cc)
//
// (details in engine/layout/term_id.h, the date layouts and the canonical lexical
// forms in engine/values/inline_value.h). Encoding parses only canonical forms, so
// DecodeInline() prints exactly the lexical form that was encoded.
#include "engine/values/inline_value.h"

#include "absl/strings/str_format.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <system_error>
#include <type_traits>

#include "absl/strings/str_format.h"
#include "engine/status_macros.h"
#include "engine/values/inline_datetime.h"
#include "engine/values/xsd_numeric.h"
#include "rdf/vocabulary.h"

namespace parley::engine {
namespace {

constexpr int kIntegerValueBits = 56;
constexpr uint64_t kIntegerValueMask = (uint64_t{1} << kIntegerValueBits) - 1;
constexpr int64_t kIntegerOffset = int64_t{1} << 55;
constexpr int64_t kDecimalScale = 1'000'000;
constexpr int kDecimalFractionDigits = 6;
constexpr int64_t kDecimalOffset = int64_t{1} << 59;
// Integer parts of more digits than this are out of range (2^59 / 10^6 has 12).
constexpr size_t kMaxDecimalIntegerDigits = 12;
// 2^55 has 17 digits; longer integers are out of range.
constexpr size_t kMaxIntegerDigits = 17;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Digits only, at most 18 of them (fits int64). REQUIRES: !digits.empty().
int64_t DigitsValue(std::string_view digits) {
  int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return !s.empty();
}

// '0' | [1-9][0-9]*, at most `max_digits` digits.
bool IsCanonicalUnsigned(std::string_view digits, size_t max_digits) {
  return AllDigits(digits) && digits.size() <= max_digits && (digits[0] != '0' || digits == "0");
}

std::optional<TermId> EncodeBoolean(std::string_view lexical) {
  if (lexical == "true") return MakeId(IdTag::kBoolean, 1);
  if (lexical == "false") return MakeId(IdTag::kBoolean, 0);
  return std::nullopt;
}

std::optional<TermId> EncodeInteger(std::string_view lexical, const XsdIntegerType& type) {
  bool negative = !lexical.empty() && lexical[0] == '-';
  std::string_view digits = lexical.substr(negative ? 1 : 0);
  if (!IsCanonicalUnsigned(digits, kMaxIntegerDigits) || (negative && digits == "0")) {
    return std::nullopt;
  }
  int64_t value = DigitsValue(digits);
  if (negative) value = -value;
  if (value < type.inline_min || value > type.inline_max) return std::nullopt;
  uint64_t payload = (static_cast<uint64_t>(type.subtype) << kIntegerValueBits) |
                     static_cast<uint64_t>(value + kIntegerOffset);
  return MakeId(IdTag::kInteger, payload);
}

std::optional<TermId> EncodeDecimal(std::string_view lexical) {
  bool negative = !lexical.empty() && lexical[0] == '-';
  std::string_view rest = lexical.substr(negative ? 1 : 0);
  size_t point = rest.find('.');
  if (point == std::string_view::npos) return std::nullopt;
  std::string_view integer = rest.substr(0, point);
  std::string_view fraction = rest.substr(point + 1);
  if (!IsCanonicalUnsigned(integer, kMaxDecimalIntegerDigits) || !AllDigits(fraction) ||
      fraction.size() > kDecimalFractionDigits || (fraction.back() == '0' && fraction != "0") ||
      (negative && integer == "0" && fraction == "0")) {
    return std::nullopt;
  }
  int64_t fraction_scaled = DigitsValue(fraction);
  for (size_t i = fraction.size(); i < kDecimalFractionDigits; ++i) fraction_scaled *= 10;
  int64_t scaled = DigitsValue(integer) * kDecimalScale + fraction_scaled;
  // Offset binary: [-2^59, 2^59 - 1] maps onto [0, 2^60 - 1].
  if (negative ? scaled > kDecimalOffset : scaled >= kDecimalOffset) return std::nullopt;
  return MakeId(IdTag::kDecimal,
                static_cast<uint64_t>((negative ? -scaled : scaled) + kDecimalOffset));
}

// `value` parsed from a canonical float/double lexical form, or nullopt.
template <typename T>
std::optional<T> ParseCanonicalFloating(std::string_view lexical) {
  T value;
  if (lexical == "INF") {
    value = std::numeric_limits<T>::infinity();
  } else if (lexical == "-INF") {
    value = -std::numeric_limits<T>::infinity();
  } else {
    // from_chars also reads "inf", "nan", "1e5" and other forms; the
    // comparison with the canonical form below rejects them.
    auto [ptr, ec] = std::from_chars(lexical.data(), lexical.data() + lexical.size(), value);
    if (ec != std::errc() || ptr != lexical.data() + lexical.size() || std::isnan(value)) {
      return std::nullopt;
    }
  }
  char canonical[kXsdFloatBufferSize];
  size_t size = 0;
  if constexpr (std::is_same_v<T, float>) {
    size = FormatXsdFloat(value, canonical);
  } else {
    size = FormatXsdDouble(value, canonical);
  }
  if (std::string_view(canonical, size) != lexical) return std::nullopt;
  return value;
}

template <typename Bits>
Bits OrderKey(Bits bits) {
  constexpr Bits kSign = Bits{1} << (sizeof(Bits) * 8 - 1);
  return (bits & kSign) ? ~bits : (bits | kSign);
}

template <typename Bits>
Bits FromOrderKey(Bits key) {
  constexpr Bits kSign = Bits{1} << (sizeof(Bits) * 8 - 1);
  return (key & kSign) ? (key & ~kSign) : ~key;
}

std::optional<TermId> EncodeFloat(std::string_view lexical) {
  std::optional<float> value = ParseCanonicalFloating<float>(lexical);
  if (!value) return std::nullopt;
  return MakeId(IdTag::kFloat, OrderKey(std::bit_cast<uint32_t>(*value)));
}

constexpr uint64_t kDoubleDroppedBits = 0xF;

std::optional<TermId> EncodeDouble(std::string_view lexical) {
  std::optional<double> value = ParseCanonicalFloating<double>(lexical);
  if (!value) return std::nullopt;
  uint64_t bits = std::bit_cast<uint64_t>(*value);
  if ((bits & kDoubleDroppedBits) != 0) return std::nullopt;
  return MakeId(IdTag::kDouble, OrderKey(bits) >> 4);
}

Term DecodeInteger(uint64_t payload) {
  auto subtype = static_cast<IntegerSubtype>(payload >> kIntegerValueBits);
  int64_t value = static_cast<int64_t>(payload & kIntegerValueMask) - kIntegerOffset;
  const XsdIntegerType& type = GetXsdIntegerType(subtype);
  return Term::TypedLiteral(std::to_string(value), std::string(type.iri));
}

Term DecodeDecimal(uint64_t payload) {
  int64_t scaled = static_cast<int64_t>(payload) - kDecimalOffset;
  uint64_t magnitude =
      scaled < 0 ? uint64_t(0) - static_cast<uint64_t>(scaled) : static_cast<uint64_t>(scaled);
  std::string lexical = scaled < 0 ? "-" : "";
  lexical += std::to_string(magnitude / kDecimalScale);
  lexical += '.';
  char fraction[kDecimalFractionDigits];
  uint64_t rest = magnitude % kDecimalScale;
  for (int i = kDecimalFractionDigits - 1; i >= 0; --i) {
    fraction[i] = static_cast<char>('0' + rest % 10);
    rest /= 10;
  }
  size_t size = kDecimalFractionDigits;
  while (size > 1 && fraction[size - 1] == '0') --size;
  lexical.append(fraction, size);
  return Term::TypedLiteral(std::move(lexical), std::string(rdf::kXsdDecimal));
}

// REQUIRES: payload fits 32 bits.
Term DecodeFloat(uint64_t payload) {
  float value = std::bit_cast<float>(FromOrderKey(static_cast<uint32_t>(payload)));
  return Term::TypedLiteral(FormatXsdFloat(value), std::string(rdf::kXsdFloat));
}

Term DecodeDouble(uint64_t payload) {
  uint64_t key = payload << 4;
  // Negative values had their dropped low bits (all 0) inverted to 1111.
  if ((key >> 63) == 0) key |= kDoubleDroppedBits;
  double value = std::bit_cast<double>(FromOrderKey(key));
  return Term::TypedLiteral(FormatXsdDouble(value), std::string(rdf::kXsdDouble));
}

}  // namespace

std::optional<TermId> TryEncodeInline(std::string_view lexical, std::string_view datatype) {
  if (datatype.size() <= kXsd.size() || datatype.substr(0, kXsd.size()) != kXsd) {
    return std::nullopt;
  }
  if (datatype == rdf::kXsdBoolean) return EncodeBoolean(lexical);
  if (datatype == rdf::kXsdDecimal) return EncodeDecimal(lexical);
  if (datatype == rdf::kXsdFloat) return EncodeFloat(lexical);
  if (datatype == rdf::kXsdDouble) return EncodeDouble(lexical);
  if (datatype == rdf::kXsdDate) return TryEncodeInlineDate(lexical);
  if (datatype == rdf::kXsdDateTime) return TryEncodeInlineDateTime(lexical);
  if (const XsdIntegerType* type = FindXsdIntegerType(datatype)) {
    return EncodeInteger(lexical, *type);
  }
  return std::nullopt;
}

absl::StatusOr<Term> DecodeInline(TermId id) {
  auto corrupt = [id](std::string_view why) {
    return absl::DataLossError(absl::StrFormat("corrupt inline literal id %016x: %s", id, why));
  };
  if (!IsInline(id)) return corrupt("not an inline id");
  uint64_t payload = PayloadOf(id);
  switch (TagOf(id)) {
    case IdTag::kBoolean:
      if (payload > 1) return corrupt("a boolean other than 0 or 1");
      return Term::TypedLiteral(payload ? "true" : "false", std::string(rdf::kXsdBoolean));
    case IdTag::kInteger:
      return DecodeInteger(payload);
    case IdTag::kDecimal:
      return DecodeDecimal(payload);
    case IdTag::kFloat:
      if (payload > std::numeric_limits<uint32_t>::max())
        return corrupt("a float wider than 32 bits");
      return DecodeFloat(payload);
    case IdTag::kDouble:
      return DecodeDouble(payload);
    case IdTag::kDateTz:
    case IdTag::kDate:
    case IdTag::kDateTimeTz:
    case IdTag::kDateTime: {
      std::optional<Term> term = DecodeInlineDateOrDateTime(id);
      if (!term.has_value()) return corrupt("a date with a time of day");
      return *std::move(term);
    }
    case IdTag::kDictionary:
    case IdTag::kReserved:
      break;
  }
  return corrupt("an unused tag");
}

}  // namespace parley::engine
