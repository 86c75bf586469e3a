// The `parley` subcommands for scripts. Each Add*Command adds its
// subcommand, with its options and help text, to the top-level parser;
// when the command line names it, the subcommand runs from CLI11's
// callback and stores the process exit code (cli_support.h) in *exit_code.
// The pieces the shell's dot-commands share are declared beside them.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "CLI/CLI.hpp"
#include "parley/database.h"
#include "parley/validation.h"

namespace parley::tools {

void AddLoadCommand(CLI::App& app, int* exit_code);
void AddExportCommand(CLI::App& app, int* exit_code);
void AddStatsCommand(CLI::App& app, int* exit_code);
void AddQueryCommand(CLI::App& app, int* exit_code);
void AddValidateCommand(CLI::App& app, int* exit_code);
void AddCheckCommand(CLI::App& app, int* exit_code);

// --strict and --shapes, as `parley load` and `parley query` take them.
struct StrictArgs {
  bool strict = false;
  std::string shapes;  // implies strict

  // Adds both options to `command`, whose writes they govern (`what`).
  void AddTo(CLI::App& command, std::string_view what);
  // The shapes strict mode checks, or nullopt when strict mode is off.
  absl::StatusOr<std::optional<Shapes>> Load() const;
};

// The shapes `parley validate` and `.validate` use: those in `path`, or
// with an empty path the bundled negotiation shapes.
absl::StatusOr<Shapes> LoadShapes(const std::string& path);

// Writes `report` as "text" (one line per result and a summary), "turtle"
// or "ntriples" (SHACL's validation report vocabulary).
absl::Status WriteValidationReport(const ValidationReport& report, std::string_view format,
                                   std::ostream& out);

// Loads `files` into `db` with a progress bar on a terminal and prints the
// summary ("loaded N statements (M new quads)", then with `timed` the
// seconds and the rate) to `out`, skipped statements to stderr. The error
// is returned, not printed.
absl::Status LoadFiles(Database& db, const std::vector<std::string>& files, LoadOptions options,
                       bool timed, std::ostream& out);

// What `parley stats` prints: quads, graphs, and per predicate the quads
// and distinct subjects and objects.
absl::Status PrintStatistics(Database& db, std::ostream& out);

}  // namespace parley::tools
