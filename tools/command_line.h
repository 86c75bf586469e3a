// Parsing of `parley SUBCOMMAND ...` arguments: positional words and
// --flags, with "--flag value" and "--flag=value" both accepted.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace parley::tools {

struct FlagSpec {
  std::string name;  // without "--"; "o" for -o
  bool takes_value = true;
};

struct ParsedArgs {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;  // flags with values
  std::set<std::string> switches;             // flags without values

  std::optional<std::string> Get(const std::string& name) const;
  bool Has(const std::string& name) const { return switches.count(name) > 0; }
};

// InvalidArgument naming the flag for unknown flags or a missing value.
absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const std::vector<FlagSpec>& specs);

// "1073741824", "512M", "512MiB", "2G", "2GB" (binary units) -> bytes.
// InvalidArgument for anything else, for 0, and for sizes of 2^64 bytes or
// more.
absl::StatusOr<uint64_t> ParseSize(const std::string& text);

}  // namespace parley::tools
