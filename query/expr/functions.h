// SPARQL 1.1's operators and functions on RDF terms (spec §17), evaluated
// on decoded terms. An evaluation error (a "type error" in the spec's
// words) is a value, nullopt, which the evaluator carries through SPARQL's
// three-valued logic: it is never an absl::Status.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/random/random.h"
#include "parley/term.h"
#include "query/expr/builtin.h"

namespace parley::query {

// A term, or nullopt for an evaluation error (also: an unbound variable).
using ExprValue = std::optional<Term>;

// What functions read besides their arguments. One per query evaluation;
// not thread-safe.
struct FunctionContext {
  // NOW()'s answer, an xsd:dateTime fixed once per query (spec §17.4.5.1).
  Term now;
  // RAND(), UUID(), STRUUID() and BNODE() draw from here.
  absl::BitGen random;
  // BNODE(str) gives the same blank node for the same string within one
  // solution; the evaluator clears this between solutions.
  absl::flat_hash_map<std::string, std::string> bnode_labels;
  // Labels of BNODE() results are "q" + this counter, unique per query.
  uint64_t next_bnode = 0;
  // The query's BASE: IRI()/URI() resolve relative references against it
  // (RFC 3986 §5.2). Empty: a relative reference is an evaluation error.
  std::string base_iri;
};

// A context whose `now` is the current time in UTC.
FunctionContext MakeFunctionContext();

Term BooleanTerm(bool value);

// The effective boolean value (§17.2.2); nullopt when it is an error.
std::optional<bool> EffectiveBooleanValue(const Term& term);

enum class CompareOp { kEqual, kNotEqual, kLess, kGreater, kLessEqual, kGreaterEqual };

// The operators of §17.3 (numeric with type promotion, strings, booleans,
// dateTimes, RDFterm-equal for the rest); nullopt when the spec says type
// error (e.g. `<` between an IRI and a number, `=` between two literals of
// unknown datatypes that are not the same term).
std::optional<bool> CompareTerms(CompareOp op, const Term& left, const Term& right);

enum class ArithmeticOp { kAdd, kSubtract, kMultiply, kDivide };

// Numeric arithmetic with XPath type promotion (integer -> decimal -> float
// -> double; the result's datatype follows it); nullopt on a non-numeric
// argument, overflow, or integer/decimal division by zero.
ExprValue Arithmetic(ArithmeticOp op, const Term& left, const Term& right);
ExprValue UnaryMinus(const Term& operand);
ExprValue UnaryPlus(const Term& operand);

// A builtin call with its arguments already evaluated (none of them an
// error: the evaluator returns an error for the call itself before calling
// when any argument is one). REQUIRES: args.size() within BuiltinArity.
ExprValue CallBuiltin(Builtin builtin, std::span<const Term> args, FunctionContext& context);

// A call of a function named by IRI: the XSD constructor casts (§17.5:
// xsd:boolean, xsd:double, xsd:float, xsd:decimal, xsd:integer, the derived
// integer types, xsd:dateTime, xsd:date, xsd:string). nullopt for a failed
// cast or a function it does not know.
ExprValue CallFunction(std::string_view iri, std::span<const Term> args);

// True when CallFunction knows `iri` (the parser reports others as errors
// at evaluation, as the spec allows; this lets EXPLAIN and tests tell).
bool IsKnownFunction(std::string_view iri);

// The total order ORDER BY uses (§15.1): unbound < blank nodes < IRIs <
// literals; literals that `<` can compare, by that; otherwise by a fixed
// order of datatype then lexical form, so the order is total and
// deterministic. Negative, zero or positive like strcmp. Also MIN / MAX's
// order.
int OrderCompare(const std::optional<Term>& left, const std::optional<Term>& right);

// True for literals of xsd:integer and the types derived from it,
// xsd:decimal, xsd:float and xsd:double whose lexical form is valid.
bool IsNumeric(const Term& term);

}  // namespace parley::query
