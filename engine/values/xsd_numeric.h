// Lexical forms of the XSD numeric and boolean datatypes (XML Schema 1.1
// Part 2, §3.3): parsing of every valid lexical form, canonical printing, and
// the integer datatypes derived from xsd:decimal with their value ranges.
//
// Lexical spaces (no surrounding whitespace: RDF applies the lexical mapping
// to the literal's lexical form as written):
//
//   integer := sign? digit+
//   decimal := sign? (digit+ ('.' digit*)? | '.' digit+)
//   float   := sign? (digit+ ('.' digit*)? | '.' digit+) ([eE] sign? digit+)?
//            | sign? 'INF' | 'NaN'                         (also xsd:double)
//   boolean := 'true' | 'false' | '1' | '0'
//   sign    := '+' | '-'
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/layout/term_id.h"

namespace parley::engine {

// An exact decimal number. Normalized: `integer` has no leading zeros,
// `fraction` no trailing zeros, so zero is {false, "", ""} (never negative)
// and equal values have equal representations.
struct XsdDecimal {
  bool negative = false;
  std::string integer;
  std::string fraction;

  friend bool operator==(const XsdDecimal&, const XsdDecimal&) = default;
};

// nullopt when `lexical` is not in the datatype's lexical space.
std::optional<XsdDecimal> ParseXsdInteger(std::string_view lexical);
std::optional<XsdDecimal> ParseXsdDecimal(std::string_view lexical);
std::optional<bool> ParseXsdBoolean(std::string_view lexical);
// Rounds to nearest (ties to even); magnitudes beyond the largest finite
// value become +-INF and those below the smallest subnormal +-0 (XSD 1.1's
// floatingPointRound), so every valid lexical form has a value.
std::optional<float> ParseXsdFloat(std::string_view lexical);
std::optional<double> ParseXsdDouble(std::string_view lexical);

// -1, 0 or 1 as a <, = or > b (exact).
int CompareXsdDecimal(const XsdDecimal& a, const XsdDecimal& b);
// The nearest float / double (+-INF when out of range).
float XsdDecimalToFloat(const XsdDecimal& d);
double XsdDecimalToDouble(const XsdDecimal& d);

// The canonical forms: "1.5E3", "1.0E0", "-0.0E0", "1.0E-45", "INF", "-INF",
// "NaN". The mantissa has one non-zero digit before the point (or is 0.0),
// at least one digit after it, and the fewest digits that read back as the
// same value (ties: the nearest, as std::to_chars); the exponent has no '+'
// and no leading zeros.
std::string FormatXsdFloat(float value);
std::string FormatXsdDouble(double value);
// The same canonical forms written to `out` (at least kXsdFloatBufferSize
// bytes); returns the length.
inline constexpr size_t kXsdFloatBufferSize = 48;
size_t FormatXsdFloat(float value, char* out);
size_t FormatXsdDouble(double value, char* out);

// xsd:integer and the 12 datatypes derived from it.
struct XsdIntegerType {
  IntegerSubtype subtype;
  std::string_view iri;  // full datatype IRI
  // Inclusive bounds of the value space as canonical integers; empty when
  // unbounded on that side.
  std::string_view min;
  std::string_view max;
  // The bounds intersected with the 56-bit inline range [-2^55, 2^55 - 1].
  int64_t inline_min;
  int64_t inline_max;
};

// nullptr when `datatype_iri` is not one of the 13 integer datatypes.
const XsdIntegerType* FindXsdIntegerType(std::string_view datatype_iri);
// REQUIRES: `subtype` is a declared IntegerSubtype.
const XsdIntegerType& GetXsdIntegerType(IntegerSubtype subtype);
// Whether the integer `value` lies in the value space of `type`.
bool InXsdIntegerRange(const XsdIntegerType& type, const XsdDecimal& value);

}  // namespace parley::engine
