// What the `parley` subcommands and the shell share on the command line:
// the error line, byte sizes, and the CLI11 setup every subcommand uses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "parley/load.h"

namespace parley::tools {

// Process exit codes: 0 success, 1 a query, input or I/O error, 2 a usage
// error (a bad option, a format that cannot carry the result).
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;
inline constexpr int kExitUsage = 2;

// Prints "parley: <message>" to stderr and returns `code`.
int Fail(const std::string& message, int code = kExitError);

// "1073741824", "512M", "512MiB", "2G", "2GB" (binary units) -> bytes.
// InvalidArgument for anything else, for 0, and for sizes of 2^64 bytes or
// more.
absl::StatusOr<uint64_t> ParseSize(const std::string& text);

// A --format name of `parley load` / `export` and `.load` / `.export`:
// nullopt for "" (from the file's name), InvalidArgument naming the known
// names for an unknown one.
absl::StatusOr<std::optional<DataFormat>> ParseDataFormat(const std::string& name);

// The top-level parser: `parley --help` lists the subcommands and the
// shell's options; errors read "parley: <what> (see parley [SUB] --help)".
void ConfigureApp(CLI::App& app);

// Runs app.parse(argc, argv). A parse error or --help/--version prints its
// text (help to stdout, errors to stderr) and yields the exit code (0 for
// help and version, kExitUsage otherwise); nullopt when parsing succeeded.
std::optional<int> ParseCommandLine(CLI::App& app, int argc, char** argv);

}  // namespace parley::tools
