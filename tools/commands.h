// The `parley` subcommands. Each takes the arguments after its name and
// returns the process exit code: 0 success, 1 failure, 2 bad usage.
#pragma once

#include <string>
#include <vector>

namespace parley::tools {

int LoadCommand(const std::vector<std::string>& args);
int ExportCommand(const std::vector<std::string>& args);
int StatsCommand(const std::vector<std::string>& args);
int QueryCommand(const std::vector<std::string>& args);

// Prints "parley: <message>" to stderr and returns `code`.
int Fail(const std::string& message, int code = 1);

}  // namespace parley::tools
