// Text forms of terms shared by the result writers: the escaping rules of
// JSON, XML, CSV, N-Triples and Turtle, terms shortened by prefixes for
// people, and the display width of text in a terminal. Each Append*
// function appends to *out and never fails: input that a format cannot
// carry (a control character in XML 1.0) is replaced, never dropped
// silently.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parley/term.h"

namespace parley::query {

// `text` as a JSON string with its quotes; control characters, '"' and '\'
// escaped, all other UTF-8 as is.
void AppendJsonString(std::string_view text, std::string* out);

// `text` with &, <, >, " and ' as entities (safe in content and in
// attributes), CR as &#13; (so that it survives line-end normalization).
// Control characters that XML 1.0 forbids become U+FFFD.
void AppendXmlEscaped(std::string_view text, std::string* out);

// `text` as an RFC 4180 field: quoted, with doubled quotes, when it holds a
// comma, a quote, CR or LF; as is otherwise.
void AppendCsvField(std::string_view text, std::string* out);

// N-Triples: <iri>, _:label, "lexical" (xsd:string), "lexical"@lang,
// "lexical"^^<datatype>, escaped as canonical N-Triples (rdf/ntriples.h), so
// the result is one line without tabs.
void AppendNTriplesTerm(const Term& term, std::string* out);

// Turtle: as N-Triples, except that xsd:integer, xsd:decimal, xsd:double and
// xsd:boolean literals whose lexical form is Turtle's own short syntax are
// written bare (42, 5.5, 1.0E6, true), so they read back as the same term.
// With `xsd_prefix`, other XSD datatypes are written as xsd:name (the caller
// declares or explains the prefix).
void AppendTurtleTerm(const Term& term, bool xsd_prefix, std::string* out);

// (prefix name without ':', namespace IRI) pairs, as WriteOptions::prefixes.
using PrefixList = std::vector<std::pair<std::string, std::string>>;

// `iri` as the prefixed name "name:rest" under the longest namespace of
// `prefixes` that `iri` starts with and whose rest is a simple local name
// (ASCII letters, digits, '_'; also '-' and '.' after the first character;
// not ending in '.'; or empty), which every Turtle reader accepts as is.
// nullopt when no namespace fits.
std::optional<std::string> PrefixedName(std::string_view iri, const PrefixList& prefixes);

// As AppendTurtleTerm(term, /*xsd_prefix=*/true, out), except that IRIs
// and datatype IRIs are written as PrefixedName() gives them where it
// does. For people: the prefixes are not declared.
void AppendShortTerm(const Term& term, const PrefixList& prefixes, std::string* out);

// Whether `term` is a literal of an XSD numeric datatype (decimal, float,
// double and integer with the types derived from it), whatever its
// lexical form.
bool IsNumericLiteral(const Term& term);

// Columns a terminal uses for UTF-8 `text`: 2 for East Asian wide and
// full-width characters (CJK, Hangul, most emoji), 0 for combining marks,
// zero-width joiners and variation selectors, 1 otherwise. Invalid bytes
// count 1 each.
size_t DisplayWidth(std::string_view text);

// `text` when DisplayWidth(text) <= width; else its longest head that
// takes at most width - 1 columns (whole UTF-8 sequences, with the
// combining marks that follow them) and "…" (U+2026, one column). Empty
// for width 0.
std::string FitToWidth(std::string_view text, size_t width);

}  // namespace parley::query
