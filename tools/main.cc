// The `parley` command: subcommands for scripts (load, export, stats,
// query). The interactive shell arrives later.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "tools/commands.h"

namespace parley::tools {
namespace {

struct Subcommand {
  const char* name;
  int (*run)(const std::vector<std::string>&);
  const char* summary;
};

constexpr Subcommand kSubcommands[] = {
    {"load", LoadCommand,
     "load DB FILE... [--format F] [--graph IRI] [--base IRI] [--lenient] [--memory SIZE]"},
    {"export", ExportCommand,
     "export DB [-o FILE] [--format F] [--graph IRI] [--no-zstd] [--packed] [--zstd-level N]"},
    {"stats", StatsCommand, "stats DB"},
    {"query", QueryCommand,
     "query DB FILE|-e QUERY [--format F] [--base IRI] [--timeout MS] [--union-default-graph]"},
};

int Usage(FILE* out, int code) {
  std::fprintf(out, "usage: parley COMMAND ...\n\ncommands:\n");
  for (const Subcommand& sub : kSubcommands) std::fprintf(out, "  parley %s\n", sub.summary);
  std::fprintf(out,
               "\nFormats: ntriples, nquads, turtle, trig (from the extension by default; .gz "
               "and .zst are decompressed) and capnp, Parley's dump (written for the extension "
               ".pdump, zstd-compressed unless --no-zstd; `load` recognizes a dump by its first "
               "bytes).\n"
               "\nQuery results: json, xml, csv, tsv (ASK, SELECT), ntriples, turtle (CONSTRUCT, "
               "DESCRIBE), table (all; the default on a terminal, else json or ntriples). FILE - "
               "is stdin; a DB that does not exist answers as an empty database.\n");
  return code;
}

}  // namespace

int Fail(const std::string& message, int code) {
  std::fprintf(stderr, "parley: %s\n", message.c_str());
  return code;
}

}  // namespace parley::tools

int main(int argc, char** argv) {
  using parley::tools::kSubcommands;
  if (argc < 2) return parley::tools::Usage(stderr, 2);
  if (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
      !std::strcmp(argv[1], "help")) {
    return parley::tools::Usage(stdout, 0);
  }
  for (const auto& sub : kSubcommands) {
    if (std::strcmp(argv[1], sub.name) == 0) {
      return sub.run(std::vector<std::string>(argv + 2, argv + argc));
    }
  }
  return parley::tools::Fail(std::string("unknown command '") + argv[1] + "' (see parley --help)",
                             2);
}
