// IRI helpers for the readers, writers and the SPARQL parser: RFC 3986 reference resolution
// and file IRIs. They work on views and append to caller buffers, so the
// bulk-load path allocates nothing per term. (The character checks of
// RDF 1.1 -- IRIREF characters, UTF-8, language tags -- are rdf/syntax.h.)
#pragma once

#include <string>
#include <string_view>

namespace parley::rdf {

// True when `iri` starts with a scheme ([A-Za-z][A-Za-z0-9+.-]* ':').
bool HasScheme(std::string_view iri);

// Resolves `reference` against the absolute IRI `base` (RFC 3986 section
// 5.2, including remove_dot_segments) and appends the result to `*out`.
// REQUIRES: HasScheme(base).
void ResolveIri(std::string_view base, std::string_view reference, std::string* out);

// "file://" + the absolute form of `path` (relative paths are taken from the
// current directory), percent-encoding bytes that may not appear in a path.
std::string FileIri(std::string_view path);

}  // namespace parley::rdf
