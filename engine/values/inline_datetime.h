// Inline ids of xsd:date and xsd:dateTime literals (tags 0x6 - 0x9); the
// payload layouts are specified in engine/values/inline_value.h. Internal to
// engine/values/inline_value.cc, which dispatches on the datatype.
#pragma once

#include <optional>
#include <string_view>

#include "engine/layout/term_id.h"
#include "parley/term.h"

namespace parley::engine {

// nullopt unless `lexical` is a canonical, inlinable date / dateTime.
std::optional<TermId> TryEncodeInlineDate(std::string_view lexical);
std::optional<TermId> TryEncodeInlineDateTime(std::string_view lexical);

// REQUIRES: the tag of `id` is 0x6 - 0x9 and the id came from the above.
Term DecodeInlineDateOrDateTime(TermId id);

}  // namespace parley::engine
