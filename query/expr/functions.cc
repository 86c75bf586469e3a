// CallBuiltin's dispatch, the arithmetic operators, and the small builtins
// on terms (§17.4.1, §17.4.2), numbers (§17.4.4) and dates (§17.4.5). The
// larger families live in string_functions.cc, regex.cc, hash_functions.cc.
#include "query/expr/functions.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "query/expr/datetime.h"
#include "query/expr/hash_functions.h"
#include "query/expr/numeric.h"
#include "query/expr/regex.h"
#include "query/expr/string_functions.h"
#include "query/expr/xsd.h"
#include "rdf/iri.h"

namespace parley::query {
namespace {

Term IntegerTerm(int64_t value) {
  return Term::TypedLiteral(std::to_string(value), std::string(xsd::kInteger));
}

// A language tag as BCP 47's basic syntax: [a-zA-Z]{1,8} ('-' [a-zA-Z0-9]{1,8})*.
bool IsLanguageTag(std::string_view tag) {
  size_t subtag_length = 0;
  bool first_subtag = true;
  for (char c : tag) {
    if (c == '-') {
      if (subtag_length == 0) return false;
      subtag_length = 0;
      first_subtag = false;
      continue;
    }
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool digit = c >= '0' && c <= '9';
    if (!(alpha || (digit && !first_subtag)) || ++subtag_length > 8) return false;
  }
  return subtag_length > 0;
}

ExprValue NumericFunction(std::optional<Numeric> (*function)(const Numeric&), const Term& arg) {
  std::optional<Numeric> value = ParseNumeric(arg);
  if (!value) return std::nullopt;
  std::optional<Numeric> result = function(*value);
  if (!result) return std::nullopt;
  return NumericToTerm(*result);
}

ExprValue Str(const Term& term) {
  if (term.is_blank_node() || term.is_default_graph()) return std::nullopt;
  return Term::Literal(term.value());
}

ExprValue Lang(const Term& term) {
  if (!term.is_literal()) return std::nullopt;
  return Term::Literal(term.language());
}

ExprValue Datatype(const Term& term) {
  if (!term.is_literal()) return std::nullopt;
  return Term::Iri(term.datatype());
}

ExprValue IriOf(const Term& term, const std::string& base_iri) {
  if (term.is_iri()) return term;
  if (!IsSimpleOrXsdString(term)) return std::nullopt;
  // An absolute reference stays as written; a relative one needs a base.
  std::string resolved;
  if (rdf::HasScheme(term.value())) {
    resolved = term.value();
  } else if (rdf::HasScheme(base_iri)) {
    rdf::ResolveIri(base_iri, term.value(), &resolved);
  } else {
    return std::nullopt;
  }
  Term iri = Term::Iri(std::move(resolved));
  if (!iri.Validate().ok()) return std::nullopt;  // spaces, '<', …
  return iri;
}

ExprValue Bnode(std::span<const Term> args, FunctionContext& context) {
  if (args.empty()) return Term::BlankNode(absl::StrCat("q", context.next_bnode++));
  if (!IsSimpleOrXsdString(args[0])) return std::nullopt;
  auto [it, inserted] = context.bnode_labels.try_emplace(args[0].value());
  if (inserted) it->second = absl::StrCat("q", context.next_bnode++);
  return Term::BlankNode(it->second);
}

ExprValue StrDt(const Term& lexical, const Term& datatype) {
  if (!IsSimpleOrXsdString(lexical) || !datatype.is_iri()) return std::nullopt;
  // rdf:langString needs a tag; STRLANG is the way to make one.
  if (datatype.value() == xsd::kLangString) return std::nullopt;
  return Term::TypedLiteral(lexical.value(), datatype.value());
}

ExprValue StrLang(const Term& lexical, const Term& language) {
  if (!IsSimpleOrXsdString(lexical) || !IsSimpleOrXsdString(language)) return std::nullopt;
  if (!IsLanguageTag(language.value())) return std::nullopt;
  return Term::LangLiteral(lexical.value(), language.value());
}

// The accessors of §17.4.5 on xsd:dateTime (and xsd:date for the date
// fields, the timezone ones).
ExprValue DateTimeAccessor(Builtin builtin, const Term& arg) {
  std::optional<DateTime> value = ParseDateTime(arg);
  if (!value) return std::nullopt;
  bool time_field =
      builtin == Builtin::kHours || builtin == Builtin::kMinutes || builtin == Builtin::kSeconds;
  if (value->is_date && time_field) return std::nullopt;
  switch (builtin) {
    case Builtin::kYear:
      return IntegerTerm(value->year);
    case Builtin::kMonth:
      return IntegerTerm(value->month);
    case Builtin::kDay:
      return IntegerTerm(value->day);
    case Builtin::kHours:
      return IntegerTerm(value->hour);
    case Builtin::kMinutes:
      return IntegerTerm(value->minute);
    case Builtin::kSeconds:
      return NumericToTerm(Numeric::Decimal(value->second_scaled));
    case Builtin::kTimezone: {
      std::optional<std::string> duration = TimezoneDuration(*value);
      if (!duration) return std::nullopt;
      return Term::TypedLiteral(std::move(*duration), std::string(xsd::kDayTimeDuration));
    }
    case Builtin::kTz:
      return Term::Literal(FormatTimezone(*value));
    default:
      return std::nullopt;
  }
}

}  // namespace

FunctionContext MakeFunctionContext() {
  FunctionContext context;
  absl::Time now = absl::Now();
  std::string text = absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", now, absl::UTCTimeZone());
  context.now = Term::TypedLiteral(std::move(text), std::string(xsd::kDateTime));
  return context;
}

ExprValue Arithmetic(ArithmeticOp op, const Term& left, const Term& right) {
  std::optional<Numeric> a = ParseNumeric(left), b = ParseNumeric(right);
  if (!a || !b) return std::nullopt;
  std::optional<Numeric> result = NumericArithmetic(op, *a, *b);
  if (!result) return std::nullopt;
  return NumericToTerm(*result);
}

ExprValue UnaryMinus(const Term& operand) { return NumericFunction(NumericNegate, operand); }

// +x is x: a term of a primitive numeric type comes back unchanged (lexical
// form included, as the expr-ops suite expects); a derived integer type
// becomes its xsd:integer value, as every arithmetic result does.
ExprValue UnaryPlus(const Term& operand) {
  std::optional<Numeric> value = ParseNumeric(operand);
  if (!value) return std::nullopt;
  const std::string& datatype = operand.datatype();
  if (datatype == xsd::kInteger || datatype == xsd::kDecimal || datatype == xsd::kFloat ||
      datatype == xsd::kDouble) {
    return operand;
  }
  return NumericToTerm(*value);
}

ExprValue CallBuiltin(Builtin builtin, std::span<const Term> args, FunctionContext& context) {
  auto optional_arg = [&](size_t index) { return args.size() > index ? &args[index] : nullptr; };
  switch (builtin) {
    case Builtin::kIsIri:
      return BooleanTerm(args[0].is_iri());
    case Builtin::kIsBlank:
      return BooleanTerm(args[0].is_blank_node());
    case Builtin::kIsLiteral:
      return BooleanTerm(args[0].is_literal());
    case Builtin::kIsNumeric:
      return BooleanTerm(IsNumeric(args[0]));
    case Builtin::kSameTerm:
      return BooleanTerm(args[0] == args[1]);
    case Builtin::kStr:
      return Str(args[0]);
    case Builtin::kLang:
      return Lang(args[0]);
    case Builtin::kDatatype:
      return Datatype(args[0]);
    case Builtin::kIri:
      return IriOf(args[0], context.base_iri);
    case Builtin::kBnode:
      return Bnode(args, context);
    case Builtin::kStrDt:
      return StrDt(args[0], args[1]);
    case Builtin::kStrLang:
      return StrLang(args[0], args[1]);
    case Builtin::kUuid:
      return Term::Iri("urn:uuid:" + RandomUuid(context.random));
    case Builtin::kStrUuid:
      return Term::Literal(RandomUuid(context.random));
    case Builtin::kStrlen:
      return StrLen(args[0]);
    case Builtin::kSubstr:
      return Substr(args[0], args[1], optional_arg(2));
    case Builtin::kUcase:
      return UpperCase(args[0]);
    case Builtin::kLcase:
      return LowerCase(args[0]);
    case Builtin::kStrStarts:
      return StrStarts(args[0], args[1]);
    case Builtin::kStrEnds:
      return StrEnds(args[0], args[1]);
    case Builtin::kContains:
      return Contains(args[0], args[1]);
    case Builtin::kStrBefore:
      return StrBefore(args[0], args[1]);
    case Builtin::kStrAfter:
      return StrAfter(args[0], args[1]);
    case Builtin::kEncodeForUri:
      return EncodeForUri(args[0]);
    case Builtin::kConcat:
      return Concat(args);
    case Builtin::kLangMatches:
      return LangMatches(args[0], args[1]);
    case Builtin::kRegex:
      return Regex(args[0], args[1], optional_arg(2));
    case Builtin::kReplace:
      return Replace(args[0], args[1], args[2], optional_arg(3));
    case Builtin::kAbs:
      return NumericFunction(NumericAbs, args[0]);
    case Builtin::kRound:
      return NumericFunction(NumericRound, args[0]);
    case Builtin::kCeil:
      return NumericFunction(NumericCeil, args[0]);
    case Builtin::kFloor:
      return NumericFunction(NumericFloor, args[0]);
    case Builtin::kRand:
      return NumericToTerm(Numeric::Double(absl::Uniform<double>(context.random, 0.0, 1.0)));
    case Builtin::kNow:
      return context.now;
    case Builtin::kYear:
    case Builtin::kMonth:
    case Builtin::kDay:
    case Builtin::kHours:
    case Builtin::kMinutes:
    case Builtin::kSeconds:
    case Builtin::kTimezone:
    case Builtin::kTz:
      return DateTimeAccessor(builtin, args[0]);
    case Builtin::kMd5:
    case Builtin::kSha1:
    case Builtin::kSha256:
    case Builtin::kSha384:
    case Builtin::kSha512:
      return HashFunction(builtin, args[0]);
  }
  return std::nullopt;
}

}  // namespace parley::query
