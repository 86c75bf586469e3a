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

// The literal of a date / dateTime id (tags 0x6 - 0x9); nullopt for an id
// the above never produce (another tag, a date with a time of day).
std::optional<Term> DecodeInlineDateOrDateTime(TermId id);

}  // namespace parley::engine
