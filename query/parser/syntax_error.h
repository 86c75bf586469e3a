// Syntax errors with positions, shared by the lexer, the parser and the
// translation.
#pragma once

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"

namespace parley::query {

// InvalidArgument with "line L, column C: <message>", then the query line
// containing `offset` indented by two spaces and a caret under the column.
// Columns count code points, from 1. `incomplete`: the error is that the
// text ended early (parley::IsIncompleteQuery recognizes it).
absl::Status SyntaxError(std::string_view query, size_t offset, std::string_view message,
                         bool incomplete = false);

// True when the status was made by SyntaxError(..., incomplete = true).
bool IsIncompleteSyntaxError(const absl::Status& status);

}  // namespace parley::query
