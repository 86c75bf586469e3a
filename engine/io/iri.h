// IRI helpers for the readers and writers: RFC 3986 reference resolution,
// character checks matching RDF 1.1 (N-Triples' IRIREF), file IRIs and
// BCP 47 language tags. All work on views and append to caller buffers, so
// the bulk-load path allocates nothing per term.
#pragma once

#include <string>
#include <string_view>

namespace parley::engine::io {

// True when `iri` starts with a scheme ([A-Za-z][A-Za-z0-9+.-]* ':').
bool HasScheme(std::string_view iri);

// Resolves `reference` against the absolute IRI `base` (RFC 3986 section
// 5.2, including remove_dot_segments) and appends the result to `*out`.
// REQUIRES: HasScheme(base).
void ResolveIri(std::string_view base, std::string_view reference, std::string* out);

// True when `iri` has none of the characters N-Triples forbids in an IRIREF
// after unescaping (controls and space <= U+0020, <>"{}|^`\), nor the other
// controls (U+007F..U+009F) that RFC 3987 excludes and Term::Validate rejects.
bool HasOnlyIriCharacters(std::string_view iri);

// True when `text` is well-formed UTF-8: no overlong forms, no surrogates
// (which serd produces for escapes such as \ud800), nothing above U+10FFFF.
bool IsValidUtf8(std::string_view text);

// BCP 47's basic shape as RDF 1.1 uses it: [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*.
bool IsValidLanguageTag(std::string_view tag);

// "file://" + the absolute form of `path` (relative paths are taken from the
// current directory), percent-encoding bytes that may not appear in a path.
std::string FileIri(std::string_view path);

}  // namespace parley::engine::io
