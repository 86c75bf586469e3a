// `parley [DB]`: the interactive SPARQL shell, or with -c or a piped stdin
// the same statements run from a script (see docs/shell.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"

namespace parley::tools {

struct ShellArgs {
  std::optional<std::string> db;      // nullopt: a temporary database
  std::vector<std::string> commands;  // -c: run these and exit
  std::optional<std::string> mode;    // --mode / --format
  std::optional<int64_t> timeout_ms;
  bool keep_going = false;  // batch mode: go on after an error
  std::optional<std::string> allow_load;
  bool union_default_graph = false;
};

// Adds the shell's positional DB and options to the top-level parser.
void AddShellOptions(CLI::App& app, ShellArgs* args);

// Runs the shell; returns the exit code: 0, 1 when a statement failed (in
// batch mode, or -c), 2 for bad options.
int RunShell(const ShellArgs& args);

}  // namespace parley::tools
