// The extent of the statement on one N-Triples / N-Quads line, found by a
// lexer of the tokens that may hold a '.' (IRIs, strings, blank node
// labels). serd's N-Quads reader goes on after a statement's '.' and
// ignores some of what follows it; with this a reader gives serd exactly
// one statement and checks the rest of the line itself.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace parley::engine::io {

// The offset just past the '.' that ends the first statement of `line`: the
// first '.' outside an IRI, a "string" and a blank node label (a label may
// hold '.' but not end with one). npos when there is none, or when a comment
// or an unterminated IRI or string comes first: serd then reports what is
// missing.
size_t FindStatementEnd(std::string_view line);

// The offset of the first byte of `line` at or after `from` that is neither
// white space (' ', '\t', '\r') nor part of a comment; npos when none is.
size_t FindTrailingText(std::string_view line, size_t from);

// Copies `line` to `*out` with each NUL byte inside a "string" written as
// \u0000 (serd reads NUL-terminated text); false when a NUL is outside a
// string.
bool EscapeNuls(std::string_view line, std::string* out);

}  // namespace parley::engine::io
