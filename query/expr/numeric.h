// The numeric tower of SPARQL (XPath F&O 3.1 §4 restricted to xsd:integer,
// xsd:decimal, xsd:float and xsd:double) on values parsed from literals,
// and the canonical lexical forms of results.
//
// Representation:
//   xsd:integer (and every type derived from it): a signed 128-bit integer.
//   xsd:decimal: a signed 128-bit fixed-point number with 18 fractional
//     digits (range about ±1.7e20), exact for + - *, division truncated to
//     18 fractional digits. No binary floating point is ever involved.
//   xsd:float: a double that always holds a value representable as float.
//   xsd:double: a double.
// Values out of these ranges are errors (nullopt), never silently wrapped.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "parley/term.h"
#include "query/expr/functions.h"

namespace parley::query {

__extension__ typedef __int128 Int128;

// Declaration order is the promotion order (integer -> decimal -> float ->
// double).
enum class NumericType { kInteger, kDecimal, kFloat, kDouble };

struct Numeric {
  NumericType type = NumericType::kInteger;
  // kInteger: the value; kDecimal: the value times kDecimalScale.
  Int128 fixed = 0;
  // kFloat, kDouble: the value.
  double floating = 0;

  static Numeric Integer(Int128 value) { return {NumericType::kInteger, value, 0}; }
  static Numeric Decimal(Int128 scaled) { return {NumericType::kDecimal, scaled, 0}; }
  static Numeric Float(double value);  // rounds to float precision
  static Numeric Double(double value) { return {NumericType::kDouble, 0, value}; }
};

// 10^18: one unit of a decimal's `fixed`.
inline constexpr Int128 kDecimalScale = 1'000'000'000'000'000'000;

// True for the datatype IRIs of the tower, derived integer types included.
bool IsNumericDatatype(std::string_view datatype);

// The literal's value, or nullopt when the term is not a literal of a
// numeric datatype or its lexical form is not valid for that datatype
// (including the range of derived types: "300"^^xsd:byte is invalid).
std::optional<Numeric> ParseNumeric(const Term& term);

// Parsers of the XSD lexical spaces (leading and trailing whitespace is not
// allowed: Parley keeps literals as written and does not collapse).
std::optional<Int128> ParseIntegerLexical(std::string_view lexical);
std::optional<Int128> ParseDecimalLexical(std::string_view lexical);  // scaled
std::optional<double> ParseDoubleLexical(std::string_view lexical);
std::optional<double> ParseFloatLexical(std::string_view lexical);

// Canonical lexical forms (XSD 1.1): integers "-12"; decimals "1.5", "2"
// (integral values without a point, as XSD 1.1 and the SPARQL 1.1 suites
// print them); doubles and floats "1.0E0", "-2.5E-3", "INF", "-INF", "NaN".
std::string FormatInteger(Int128 value);
std::string FormatDecimal(Int128 scaled);
std::string FormatDouble(double value);
std::string FormatFloat(double value);

// The literal of the value: xsd:integer, xsd:decimal, xsd:float or
// xsd:double with the canonical lexical form.
Term NumericToTerm(const Numeric& value);

// `value` converted up the tower to `type` (REQUIRES: type >= value.type);
// nullopt when an integer is too large for a decimal.
std::optional<Numeric> Promote(const Numeric& value, NumericType type);
double ToDouble(const Numeric& value);

// XPath op:numeric-add etc. after promotion to the larger type; integer
// division yields a decimal. nullopt on overflow or when an integer or
// decimal divisor is zero (float and double follow IEEE 754).
std::optional<Numeric> NumericArithmetic(ArithmeticOp op, const Numeric& left,
                                         const Numeric& right);

// Value comparison across types; unordered when either is NaN.
std::partial_ordering CompareNumeric(const Numeric& left, const Numeric& right);

// fn:abs, fn:round (half toward positive infinity), fn:ceiling, fn:floor and
// unary minus; the result keeps the argument's (primitive) type.
std::optional<Numeric> NumericNegate(const Numeric& value);
std::optional<Numeric> NumericAbs(const Numeric& value);
std::optional<Numeric> NumericRound(const Numeric& value);
std::optional<Numeric> NumericCeil(const Numeric& value);
std::optional<Numeric> NumericFloor(const Numeric& value);

}  // namespace parley::query
