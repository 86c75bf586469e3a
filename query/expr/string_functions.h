// SPARQL's string functions (§17.4.3) on UTF-8 literals. "String literal"
// is the spec's word for a simple literal, an xsd:string literal (one and
// the same in RDF 1.1) or a language-tagged literal. Every function returns
// nullopt for an argument of the wrong kind.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "parley/term.h"
#include "query/expr/functions.h"

namespace parley::query {

// True for simple literals and xsd:string literals.
bool IsSimpleOrXsdString(const Term& term);
// True for simple, xsd:string and language-tagged literals.
bool IsStringLiteral(const Term& term);

// A literal with `lexical` and the same language tag as `like` (or none).
Term WithSameKind(const Term& like, std::string lexical);

// §17.4.3.1.2: both simple/xsd:string, both tagged with the same tag, or
// the first tagged and the second simple/xsd:string.
bool AreArgumentCompatible(const Term& first, const Term& second);

// Code points in well-formed UTF-8 (continuation bytes are not counted).
size_t CodePointCount(std::string_view utf8);

ExprValue StrLen(const Term& text);
ExprValue Substr(const Term& text, const Term& start, const Term* length);
ExprValue UpperCase(const Term& text);
ExprValue LowerCase(const Term& text);
ExprValue StrStarts(const Term& text, const Term& prefix);
ExprValue StrEnds(const Term& text, const Term& suffix);
ExprValue Contains(const Term& text, const Term& part);
ExprValue StrBefore(const Term& text, const Term& part);
ExprValue StrAfter(const Term& text, const Term& part);
ExprValue EncodeForUri(const Term& text);
ExprValue Concat(std::span<const Term> parts);
ExprValue LangMatches(const Term& language_tag, const Term& language_range);

}  // namespace parley::query
