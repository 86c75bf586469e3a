#include "tools/command_line.h"

#include <cctype>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace parley::tools {

std::optional<std::string> ParsedArgs::Get(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const std::vector<FlagSpec>& specs) {
  ParsedArgs parsed;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() < 2 || arg[0] != '-') {  // includes "-" (stdin)
      parsed.positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(arg[1] == '-' ? 2 : 1);
    std::optional<std::string> inline_value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    const FlagSpec* spec = nullptr;
    for (const FlagSpec& candidate : specs) {
      if (candidate.name == name) spec = &candidate;
    }
    if (spec == nullptr) return absl::InvalidArgumentError(absl::StrCat("unknown option ", arg));
    if (!spec->takes_value) {
      if (inline_value) {
        return absl::InvalidArgumentError(absl::StrCat("option --", name, " takes no value"));
      }
      parsed.switches.insert(name);
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(absl::StrCat("option ", arg, " needs a value"));
      }
      inline_value = args[++i];
    }
    parsed.values[name] = *inline_value;
  }
  return parsed;
}

absl::StatusOr<uint64_t> ParseSize(const std::string& text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  std::string unit = text.substr(digits);
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (unit.size() > 1 && unit.back() == 'B') unit.pop_back();
  if (unit.size() > 1 && unit.back() == 'I') unit.pop_back();
  int shift = -1;
  if (unit.empty()) shift = 0;
  if (unit == "K") shift = 10;
  if (unit == "M") shift = 20;
  if (unit == "G") shift = 30;
  if (unit == "T") shift = 40;
  if (digits == 0 || shift < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad size '", text, "': expected a number with an optional K, M, G or T"));
  }
  // Checked, not wrapped: 17179869184G is 2^64 bytes, which a shift would
  // turn into 0 (the loader's "default") without a word.
  uint64_t number = 0;
  if (!absl::SimpleAtoi(absl::string_view(text.data(), digits), &number) ||
      number > (std::numeric_limits<uint64_t>::max() >> shift)) {
    return absl::InvalidArgumentError(
        absl::StrCat("size '", text, "' is too large (the largest is 16 EiB less one byte)"));
  }
  if (number == 0) {
    return absl::InvalidArgumentError(absl::StrCat("size '", text, "' is zero"));
  }
  return number << shift;
}

}  // namespace parley::tools
