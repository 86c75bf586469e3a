// SPARQL 1.1's built-in functions (spec §17.4), by name. The special forms
// that do not evaluate all their arguments eagerly (BOUND, IF, COALESCE,
// EXISTS, NOT EXISTS, &&, ||, IN) are algebra expression kinds, not builtins.
#pragma once

#include <optional>
#include <string_view>

namespace parley::query {

enum class Builtin {
  // Terms (§17.4.1, §17.4.2)
  kIsIri,
  kIsBlank,
  kIsLiteral,
  kIsNumeric,
  kSameTerm,
  kStr,
  kLang,
  kDatatype,
  kIri,
  kBnode,
  kStrDt,
  kStrLang,
  kUuid,
  kStrUuid,
  // Strings (§17.4.3)
  kStrlen,
  kSubstr,
  kUcase,
  kLcase,
  kStrStarts,
  kStrEnds,
  kContains,
  kStrBefore,
  kStrAfter,
  kEncodeForUri,
  kConcat,
  kLangMatches,
  kRegex,
  kReplace,
  // Numbers (§17.4.4)
  kAbs,
  kRound,
  kCeil,
  kFloor,
  kRand,
  // Dates and times (§17.4.5)
  kNow,
  kYear,
  kMonth,
  kDay,
  kHours,
  kMinutes,
  kSeconds,
  kTimezone,
  kTz,
  // Hashes (§17.4.6)
  kMd5,
  kSha1,
  kSha256,
  kSha384,
  kSha512,
};

// The builtin a SPARQL keyword names (case-insensitive: "strlen", "STRLEN";
// "URI" is kIri), or nullopt for any other word.
std::optional<Builtin> BuiltinByName(std::string_view name);

// The canonical upper-case name ("STRLEN", "IRI"), for printing plans.
std::string_view BuiltinName(Builtin builtin);

// How many arguments the builtin takes: [min, max]; max -1 is unbounded
// (CONCAT). The parser rejects calls outside the range.
struct Arity {
  int min;
  int max;
};
Arity BuiltinArity(Builtin builtin);

}  // namespace parley::query
