// RFC 3986 §5.2 reference resolution for BASE and relative IRIs in queries.
// (formats/rdf has the readers' version; the parser keeps its own so it
// depends on no I/O library.)
#pragma once

#include <string>
#include <string_view>

namespace parley::query {

// True when `iri` starts with a scheme: [A-Za-z][A-Za-z0-9+.-]* ':'.
bool HasIriScheme(std::string_view iri);

// `reference` resolved against the absolute IRI `base` (RFC 3986 §5.2.2,
// with remove_dot_segments). REQUIRES: HasIriScheme(base).
std::string ResolveIriReference(std::string_view base, std::string_view reference);

}  // namespace parley::query
