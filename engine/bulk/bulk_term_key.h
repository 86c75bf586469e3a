// Term keys (the grammar of engine/layout/term_codec.h) written straight from
// TermViews, and the validity checks the bulk loader applies to them, so that
// a term goes from the parser's buffer to the dictionary without becoming a
// parley::Term (three heap strings) first.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "engine/term_view.h"

namespace parley::engine {

// The bytes AppendTermKey(term.ToTerm(), out) appends, for the same views:
// a literal with a language tag is rdf:langString whatever its datatype
// says, and its tag is lower-cased. REQUIRES: term.kind != kDefaultGraph.
void AppendTermKey(const TermView& term, std::string* out);

// The size of that key, and a writer of it into `out` (TermKeySize bytes);
// returns the end of what it wrote.
size_t TermKeySize(const TermView& term);
char* WriteTermKey(const TermView& term, char* out);

// Whether the term a key stands for is valid: the result of
// Term::Validate() on the term, with its message, for every key that
// WriteTermKey produces from views whose datatype and language contain no
// 0x00 (HasNulInTagOrDatatype is the caller's check for that, since a 0x00
// there would move the key's split). Accepting ASCII IRIs, labels and tags
// costs a table lookup per byte; anything else is left to Term::Validate().
absl::Status ValidateTermKey(std::string_view key);
bool HasNulInTagOrDatatype(const TermView& term);

// Term::BlankNode(label).Validate(), fast for ASCII labels.
absl::Status ValidateBlankLabel(std::string_view label);

}  // namespace parley::engine
