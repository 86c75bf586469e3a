// The XSD constructor functions SPARQL requires (§17.5): XPath casting
// restricted to xsd:string, xsd:boolean, the numeric types (derived
// integer types included), xsd:dateTime and xsd:date. Casting from a
// string parses its lexical form after trimming XML whitespace; other
// sources convert by value. Results carry canonical lexical forms, except
// xsd:dateTime / xsd:date from strings and to xsd:string, which keep the
// form as written.
#include <charconv>
#include <cmath>
#include <string>

#include "query/expr/datetime.h"
#include "query/expr/functions.h"
#include "query/expr/numeric.h"
#include "query/expr/string_functions.h"
#include "query/expr/xsd.h"

namespace parley::query {
namespace {

std::string_view TrimXmlWhitespace(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::optional<bool> BooleanOfLexical(std::string_view lexical) {
  if (lexical == "true" || lexical == "1") return true;
  if (lexical == "false" || lexical == "0") return false;
  return std::nullopt;
}

// A double's exact decimal expansion (std::to_chars' shortest fixed form)
// as a decimal; nullopt for NaN, infinities and values beyond the range.
std::optional<Int128> DecimalOfDouble(double value) {
  if (std::isnan(value) || std::isinf(value)) return std::nullopt;
  char buffer[512];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  if (result.ec != std::errc()) return std::nullopt;
  return ParseDecimalLexical(std::string_view(buffer, static_cast<size_t>(result.ptr - buffer)));
}

// The source literal's value as a number for a cast to a numeric type.
std::optional<Numeric> NumberForCast(const Term& source, NumericType target) {
  const std::string& datatype = source.datatype();
  if (datatype == xsd::kString) {
    std::string_view lexical = TrimXmlWhitespace(source.value());
    switch (target) {
      case NumericType::kInteger:
        if (std::optional<Int128> value = ParseIntegerLexical(lexical)) {
          return Numeric::Integer(*value);
        }
        return std::nullopt;
      case NumericType::kDecimal:
        if (std::optional<Int128> value = ParseDecimalLexical(lexical)) {
          return Numeric::Decimal(*value);
        }
        return std::nullopt;
      case NumericType::kFloat:
        if (std::optional<double> value = ParseFloatLexical(lexical)) return Numeric::Float(*value);
        return std::nullopt;
      case NumericType::kDouble:
        if (std::optional<double> value = ParseDoubleLexical(lexical)) {
          return Numeric::Double(*value);
        }
        return std::nullopt;
    }
    return std::nullopt;
  }
  if (datatype == xsd::kBoolean) {
    std::optional<bool> value = BooleanOfLexical(source.value());
    if (!value) return std::nullopt;
    return Promote(Numeric::Integer(*value ? 1 : 0), target);
  }
  std::optional<Numeric> value = ParseNumeric(source);
  if (!value) return std::nullopt;
  if (value->type <= target) return Promote(*value, target);
  // Down the tower: truncation toward zero to integers; exact expansion
  // of floating values to decimals; float rounding of doubles.
  switch (target) {
    case NumericType::kInteger:
      if (value->type == NumericType::kDecimal) {
        return Numeric::Integer(value->fixed / kDecimalScale);
      } else {
        std::optional<Int128> decimal = DecimalOfDouble(std::trunc(value->floating));
        if (!decimal) return std::nullopt;
        return Numeric::Integer(*decimal / kDecimalScale);
      }
    case NumericType::kDecimal: {
      std::optional<Int128> decimal = DecimalOfDouble(value->floating);
      if (!decimal) return std::nullopt;
      return Numeric::Decimal(*decimal);
    }
    case NumericType::kFloat:
      return Numeric::Float(value->floating);
    case NumericType::kDouble:
      break;
  }
  return std::nullopt;
}

ExprValue CastToNumeric(const Term& source, std::string_view target_datatype) {
  NumericType target = NumericType::kInteger;
  if (target_datatype == xsd::kDecimal) {
    target = NumericType::kDecimal;
  } else if (target_datatype == xsd::kFloat) {
    target = NumericType::kFloat;
  } else if (target_datatype == xsd::kDouble) {
    target = NumericType::kDouble;
  }
  std::optional<Numeric> value = NumberForCast(source, target);
  if (!value) return std::nullopt;
  Term result = NumericToTerm(*value);
  if (target != NumericType::kInteger || target_datatype == xsd::kInteger) return result;
  // A derived integer type: the value must lie in its range.
  Term derived = Term::TypedLiteral(result.value(), std::string(target_datatype));
  if (!ParseNumeric(derived)) return std::nullopt;
  return derived;
}

ExprValue CastToBoolean(const Term& source) {
  if (source.datatype() == xsd::kString) {
    std::optional<bool> value = BooleanOfLexical(TrimXmlWhitespace(source.value()));
    if (!value) return std::nullopt;
    return BooleanTerm(*value);
  }
  if (source.datatype() == xsd::kBoolean) {
    std::optional<bool> value = BooleanOfLexical(source.value());
    if (!value) return std::nullopt;
    return BooleanTerm(*value);
  }
  std::optional<Numeric> value = ParseNumeric(source);
  if (!value) return std::nullopt;
  std::partial_ordering order = CompareNumeric(*value, Numeric::Integer(0));
  return BooleanTerm(order != std::partial_ordering::equivalent &&
                     order != std::partial_ordering::unordered);
}

ExprValue CastToString(const Term& source) {
  if (source.is_iri()) return Term::Literal(source.value());
  if (IsStringLiteral(source)) return Term::Literal(source.value());
  if (source.datatype() == xsd::kBoolean) {
    std::optional<bool> value = BooleanOfLexical(source.value());
    if (!value) return std::nullopt;
    return Term::Literal(*value ? "true" : "false");
  }
  if (std::optional<Numeric> value = ParseNumeric(source)) {
    return Term::Literal(NumericToTerm(*value).value());
  }
  if (ParseDateTime(source)) return Term::Literal(source.value());
  return std::nullopt;
}

ExprValue CastToDateTime(const Term& source, bool to_date) {
  std::optional<DateTime> value;
  std::string lexical;
  if (source.datatype() == xsd::kString) {
    lexical = std::string(TrimXmlWhitespace(source.value()));
    // From strings the lexical form is kept; 24:00:00 is valid but the
    // stored value is normalized, so keep the text rather than reformat.
    value = to_date ? ParseDateLexical(lexical) : ParseDateTimeLexical(lexical);
    if (!value) return std::nullopt;
    return Term::TypedLiteral(std::move(lexical),
                              std::string(to_date ? xsd::kDate : xsd::kDateTime));
  }
  value = ParseDateTime(source);
  if (!value) return std::nullopt;
  if (value->is_date == to_date) return source;
  if (to_date) {
    value->is_date = true;
    value->hour = value->minute = 0;
    value->second_scaled = 0;
  } else {
    value->is_date = false;
  }
  return Term::TypedLiteral(FormatDateTime(*value),
                            std::string(to_date ? xsd::kDate : xsd::kDateTime));
}

}  // namespace

bool IsKnownFunction(std::string_view iri) {
  return iri == xsd::kString || iri == xsd::kBoolean || iri == xsd::kDateTime ||
         iri == xsd::kDate || IsNumericDatatype(iri);
}

ExprValue CallFunction(std::string_view iri, std::span<const Term> args) {
  if (args.size() != 1 || !IsKnownFunction(iri)) return std::nullopt;
  const Term& source = args[0];
  if (iri == xsd::kString) return CastToString(source);
  // Only xsd:string accepts IRIs; no cast accepts blank nodes or
  // language-tagged literals.
  if (!source.is_literal() || !source.language().empty()) return std::nullopt;
  if (iri == xsd::kBoolean) return CastToBoolean(source);
  if (iri == xsd::kDateTime) return CastToDateTime(source, /*to_date=*/false);
  if (iri == xsd::kDate) return CastToDateTime(source, /*to_date=*/true);
  return CastToNumeric(source, iri);
}

}  // namespace parley::query
