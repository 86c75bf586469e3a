// REGEX and REPLACE (SPARQL §17.4.3.14, §17.4.3.15): XPath F&O regular
// expressions (XSD's dialect plus XPath's additions) run by PCRE2.
//
// The pattern is translated, not passed through: XSD character-class
// subtraction ("[a-z-[aeiou]]") becomes a negative lookahead, \i \c \I \C
// become XML name classes, and syntax PCRE2 has but XPath does not
// (lookaround, named groups, \b, \A, possessive quantifiers, …) is
// refused as an error rather than given PCRE2's meaning.
//
// Flags: s (dot matches newlines), m (^ $ at line ends; without it $
// matches only at the very end), i (Unicode case-insensitive), x (drop
// whitespace outside character classes), q (the pattern is a literal
// string). Matching is bounded by PCRE2 match and depth limits; a search
// that hits them is an evaluation error, not a hang.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "parley/term.h"
#include "query/expr/functions.h"

namespace parley::query {

// The PCRE2 pattern for an XPath pattern and flags, or nullopt when either
// is invalid. Exposed for tests.
std::optional<std::string> TranslateXPathRegex(std::string_view pattern, std::string_view flags);

// REGEX(text, pattern[, flags]): text a string literal, pattern and flags
// simple literals (or xsd:string).
ExprValue Regex(const Term& text, const Term& pattern, const Term* flags);

// REPLACE(text, pattern, replacement[, flags]); the result keeps text's
// language tag. Errors when the pattern matches the empty string, or the
// replacement has a '$' not followed by a digit or a '\' not followed by
// '$' or '\'.
ExprValue Replace(const Term& text, const Term& pattern, const Term& replacement,
                  const Term* flags);

}  // namespace parley::query
