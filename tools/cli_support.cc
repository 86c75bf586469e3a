#include "tools/cli_support.h"

#include <cctype>
#include <cstdio>
#include <limits>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace parley::tools {

int Fail(const std::string& message, int code) {
  std::fprintf(stderr, "parley: %s\n", message.c_str());
  return code;
}

absl::StatusOr<std::optional<DataFormat>> ParseDataFormat(const std::string& name) {
  if (name.empty()) return std::nullopt;
  std::optional<DataFormat> format = DataFormatByName(name);
  if (!format) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown format \"", name,
                     "\" (expected ntriples|nt, nquads|nq, turtle|ttl, trig or capnp|pdump)"));
  }
  return format;
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

void ConfigureApp(CLI::App& app) {
  app.set_version_flag("--version", std::string("parley ") + PARLEY_VERSION + "\n");
  app.failure_message([](const CLI::App* failed, const CLI::Error& error) {
    // The subcommand being parsed when the error came, if any.
    std::string where = "parley";
    for (const CLI::App* sub : failed->get_subcommands()) where = "parley " + sub->get_name();
    return absl::StrCat("parley: ", error.what(), " (see ", where, " --help)\n");
  });
  app.get_formatter()->column_width(34);
}

std::optional<int> ParseCommandLine(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
    return std::nullopt;
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kExitOk : kExitUsage;
  }
}

}  // namespace parley::tools
