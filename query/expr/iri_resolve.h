// RFC 3986 §5.2 reference resolution for IRI()/URI() under a BASE.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parley::query {

// `reference` resolved against the absolute IRI `base` (strict RFC 3986
// §5.2.2, dot segments removed). An absolute `reference` is returned
// unchanged, without dot-segment removal. nullopt when `base` is not
// absolute (has no scheme) and `reference` is relative.
std::optional<std::string> ResolveIri(std::string_view base, std::string_view reference);

}  // namespace parley::query
