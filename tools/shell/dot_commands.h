// The shell's dot-commands (.help, .open, .load, .mode, ...): one table,
// which also gives `.help` its text and completion its names.
#pragma once

#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace parley::tools {

class Session;

// Runs `line` (starting with '.'). An unknown command is InvalidArgument
// with a hint (the nearest name, or `.help`); a command's own errors name
// the command.
absl::Status RunDotCommand(Session& session, std::string_view line);

// ".help", ".open", ... in table order.
std::vector<std::string_view> DotCommandNames();

// Whether `line` (a dot-command) goes on past its first line: `.explain`
// and `.analyze` take a query that may span lines.
bool DotCommandTakesQuery(std::string_view line);

}  // namespace parley::tools
