// parley export DB [-o FILE] [--format ntriples|nquads|turtle|trig|capnp] [--graph IRI]
//                  [--no-zstd] [--packed] [--zstd-level N]
// A path ending in .pdump (or .pdump.zst) gets a dump, zstd-compressed
// unless --no-zstd.
#include <cstdio>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "parley/database.h"
#include "tools/command_line.h"
#include "tools/commands.h"

namespace parley::tools {

int ExportCommand(const std::vector<std::string>& args) {
  auto parsed = ParseArgs(args, {{"o"},
                                 {"output"},
                                 {"format"},
                                 {"graph"},
                                 {"zstd", false},
                                 {"no-zstd", false},
                                 {"packed", false},
                                 {"zstd-level"}});
  if (!parsed.ok()) return Fail(std::string(parsed.status().message()), 2);
  if (parsed->positional.size() != 1) {
    return Fail(
        "usage: parley export DB [-o FILE] [--format ntriples|nquads|turtle|trig|capnp] [--graph "
        "IRI] [--no-zstd] [--packed] [--zstd-level N]",
        2);
  }
  ExportOptions options;
  options.format = parsed->Get("format").value_or("");
  if (parsed->Has("zstd") && parsed->Has("no-zstd")) {
    return Fail("--zstd and --no-zstd contradict each other", 2);
  }
  options.zstd = !parsed->Has("no-zstd");
  options.packed = parsed->Has("packed");
  if (auto level = parsed->Get("zstd-level")) {
    int value = 0;
    if (!absl::SimpleAtoi(*level, &value) || value < 1 || value > 19) {
      return Fail("--zstd-level: expected a number from 1 to 19", 2);
    }
    options.zstd_level = value;
  }
  if (auto graph = parsed->Get("graph")) {
    options.graph = Term::Iri(*graph);
    if (absl::Status s = options.graph->Validate(); !s.ok()) {
      return Fail(absl::StrFormat("--graph: %s", s.message()), 2);
    }
  }
  const std::string output = parsed->Get("o").value_or(parsed->Get("output").value_or("-"));

  Options open_options;
  open_options.create_if_missing = false;
  open_options.read_only = true;  // works on read-only media and full disks
  auto db = Database::Open(parsed->positional[0], open_options);
  if (!db.ok()) return Fail(std::string(db.status().message()));
  auto summary = (*db)->Export(output, options);
  if (!summary.ok()) return Fail(std::string(summary.status().message()));
  if (output != "-") {
    std::fprintf(stderr, "exported %llu quads to %s in %.2f s\n",
                 static_cast<unsigned long long>(summary->quads), output.c_str(), summary->seconds);
  }
  return 0;
}

}  // namespace parley::tools
