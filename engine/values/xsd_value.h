// The values of XSD literals, for comparisons that must not depend on how a
// literal was written or whether it was inlined: SPARQL's `=` must find
// "01"^^xsd:integer and "1"^^xsd:integer equal, and "1"^^xsd:integer and
// "1.0E0"^^xsd:double too. Comparison follows XPath (XQuery and XPath
// Functions and Operators 3.1: op:numeric-equal / -less-than with numeric
// type promotion, op:boolean-*, op:date-* and op:dateTime-*), except that a
// value with a timezone and one without are compared by XML Schema's partial
// order (XML Schema 1.0 Part 2, §3.2.7.4) instead of an implicit timezone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/values/xsd_numeric.h"

namespace parley::engine {

enum class XsdType : uint8_t {
  kBoolean,
  kInteger,  // xsd:integer and the 12 types derived from it
  kDecimal,
  kFloat,
  kDouble,
  kDate,
  kDateTime,
};

// A date (at 00:00:00) or dateTime.
struct XsdMoment {
  // Seconds from 1970-01-01T00:00:00 to the local value ("24:00:00" is the
  // next day's 00:00:00).
  int64_t local_seconds = 0;
  // The fraction of a second: its digits without trailing zeros.
  std::string fraction;
  std::optional<int> timezone_minutes;  // -840 .. 840
};

struct XsdValue {
  XsdType type = XsdType::kBoolean;
  bool boolean = false;  // kBoolean
  XsdDecimal decimal;    // kInteger (empty fraction) and kDecimal
  double floating = 0;   // kFloat (a float, widened exactly) and kDouble
  XsdMoment moment;      // kDate and kDateTime
};

// The value of the literal. nullopt when the datatype is none of
// xsd:boolean, xsd:decimal, xsd:integer and its derived types, xsd:float,
// xsd:double, xsd:date and xsd:dateTime, or when the literal is ill-typed:
// its lexical form is outside the datatype's lexical space (surrounding
// whitespace included) or its value outside a derived type's range. Years
// of more than 9 digits are treated as ill-typed (engine/values/xsd_datetime.h).
std::optional<XsdValue> ParseXsdValue(std::string_view lexical, std::string_view datatype);

enum class XsdOrder : uint8_t {
  kLess,
  kEqual,
  kGreater,
  // A NaN is involved: =, < and > are all false (!= is true).
  kUnordered,
  // A date(Time) with a timezone and one without that are less than 14 hours
  // apart: which is first depends on the missing timezone.
  kIndeterminate,
  // Different value spaces (a number and a boolean, a date and a dateTime):
  // a type error for SPARQL's comparison operators.
  kIncomparable,
};

// Numbers compare across their types: integer and decimal exactly, and
// against a float or double after promotion to the wider of the two
// (decimal -> float -> double). -0.0 equals 0.0; false < true; dates and
// dateTimes with timezones compare by their instant.
XsdOrder CompareXsdValues(const XsdValue& a, const XsdValue& b);

}  // namespace parley::engine
