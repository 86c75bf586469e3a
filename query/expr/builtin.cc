#include "query/expr/builtin.h"

#include <array>
#include <cstddef>

namespace parley::query {
namespace {

struct BuiltinInfo {
  Builtin builtin;
  std::string_view name;
  Arity arity;
};

// One row per builtin, in enum order (BuiltinName indexes it by the enum's
// value; the static_assert below keeps the two in step).
constexpr std::array kBuiltins = {
    BuiltinInfo{Builtin::kIsIri, "ISIRI", {1, 1}},
    BuiltinInfo{Builtin::kIsBlank, "ISBLANK", {1, 1}},
    BuiltinInfo{Builtin::kIsLiteral, "ISLITERAL", {1, 1}},
    BuiltinInfo{Builtin::kIsNumeric, "ISNUMERIC", {1, 1}},
    BuiltinInfo{Builtin::kSameTerm, "SAMETERM", {2, 2}},
    BuiltinInfo{Builtin::kStr, "STR", {1, 1}},
    BuiltinInfo{Builtin::kLang, "LANG", {1, 1}},
    BuiltinInfo{Builtin::kDatatype, "DATATYPE", {1, 1}},
    BuiltinInfo{Builtin::kIri, "IRI", {1, 1}},
    BuiltinInfo{Builtin::kBnode, "BNODE", {0, 1}},
    BuiltinInfo{Builtin::kStrDt, "STRDT", {2, 2}},
    BuiltinInfo{Builtin::kStrLang, "STRLANG", {2, 2}},
    BuiltinInfo{Builtin::kUuid, "UUID", {0, 0}},
    BuiltinInfo{Builtin::kStrUuid, "STRUUID", {0, 0}},
    BuiltinInfo{Builtin::kStrlen, "STRLEN", {1, 1}},
    BuiltinInfo{Builtin::kSubstr, "SUBSTR", {2, 3}},
    BuiltinInfo{Builtin::kUcase, "UCASE", {1, 1}},
    BuiltinInfo{Builtin::kLcase, "LCASE", {1, 1}},
    BuiltinInfo{Builtin::kStrStarts, "STRSTARTS", {2, 2}},
    BuiltinInfo{Builtin::kStrEnds, "STRENDS", {2, 2}},
    BuiltinInfo{Builtin::kContains, "CONTAINS", {2, 2}},
    BuiltinInfo{Builtin::kStrBefore, "STRBEFORE", {2, 2}},
    BuiltinInfo{Builtin::kStrAfter, "STRAFTER", {2, 2}},
    BuiltinInfo{Builtin::kEncodeForUri, "ENCODE_FOR_URI", {1, 1}},
    BuiltinInfo{Builtin::kConcat, "CONCAT", {0, -1}},
    BuiltinInfo{Builtin::kLangMatches, "LANGMATCHES", {2, 2}},
    BuiltinInfo{Builtin::kRegex, "REGEX", {2, 3}},
    BuiltinInfo{Builtin::kReplace, "REPLACE", {3, 4}},
    BuiltinInfo{Builtin::kAbs, "ABS", {1, 1}},
    BuiltinInfo{Builtin::kRound, "ROUND", {1, 1}},
    BuiltinInfo{Builtin::kCeil, "CEIL", {1, 1}},
    BuiltinInfo{Builtin::kFloor, "FLOOR", {1, 1}},
    BuiltinInfo{Builtin::kRand, "RAND", {0, 0}},
    BuiltinInfo{Builtin::kNow, "NOW", {0, 0}},
    BuiltinInfo{Builtin::kYear, "YEAR", {1, 1}},
    BuiltinInfo{Builtin::kMonth, "MONTH", {1, 1}},
    BuiltinInfo{Builtin::kDay, "DAY", {1, 1}},
    BuiltinInfo{Builtin::kHours, "HOURS", {1, 1}},
    BuiltinInfo{Builtin::kMinutes, "MINUTES", {1, 1}},
    BuiltinInfo{Builtin::kSeconds, "SECONDS", {1, 1}},
    BuiltinInfo{Builtin::kTimezone, "TIMEZONE", {1, 1}},
    BuiltinInfo{Builtin::kTz, "TZ", {1, 1}},
    BuiltinInfo{Builtin::kMd5, "MD5", {1, 1}},
    BuiltinInfo{Builtin::kSha1, "SHA1", {1, 1}},
    BuiltinInfo{Builtin::kSha256, "SHA256", {1, 1}},
    BuiltinInfo{Builtin::kSha384, "SHA384", {1, 1}},
    BuiltinInfo{Builtin::kSha512, "SHA512", {1, 1}},
};

constexpr bool TableIsInEnumOrder() {
  for (std::size_t i = 0; i < kBuiltins.size(); ++i) {
    if (static_cast<std::size_t>(kBuiltins[i].builtin) != i) return false;
  }
  return static_cast<std::size_t>(Builtin::kSha512) + 1 == kBuiltins.size();
}
static_assert(TableIsInEnumOrder(), "kBuiltins must list every Builtin in enum order");

bool EqualsAsciiIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
    if (x != y) return false;
  }
  return true;
}

const BuiltinInfo& InfoOf(Builtin builtin) { return kBuiltins[static_cast<std::size_t>(builtin)]; }

}  // namespace

std::optional<Builtin> BuiltinByName(std::string_view name) {
  if (EqualsAsciiIgnoringCase(name, "URI")) return Builtin::kIri;
  for (const BuiltinInfo& info : kBuiltins) {
    if (EqualsAsciiIgnoringCase(name, info.name)) return info.builtin;
  }
  return std::nullopt;
}

std::string_view BuiltinName(Builtin builtin) { return InfoOf(builtin).name; }

Arity BuiltinArity(Builtin builtin) { return InfoOf(builtin).arity; }

}  // namespace parley::query
