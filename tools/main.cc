// The `parley` command: subcommands for scripts (load, export, stats,
// query). The interactive shell arrives later.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
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
     "query DB FILE|-e QUERY [--format F] [--base IRI] [--timeout MS] [--union-default-graph] "
     "[--explain|--analyze]"},
};

int Usage(FILE* out, int code) {
  std::fprintf(out, "usage: parley COMMAND ...\n\ncommands:\n");
  for (const Subcommand& sub : kSubcommands) std::fprintf(out, "  parley %s\n", sub.summary);
  std::fprintf(
      out,
      "\nFormats: ntriples, nquads, turtle, trig (from the extension by default; .gz "
      "and .zst are decompressed) and capnp, Parley's dump (written for the extension "
      ".pdump, zstd-compressed unless --no-zstd; `load` recognizes a dump by its first "
      "bytes).\n"
      "\nQuery results: json, xml, csv, tsv (ASK, SELECT), ntriples, turtle (CONSTRUCT, "
      "DESCRIBE), table (all; the default on a terminal, else json or ntriples). FILE - "
      "is stdin; a DB that does not exist answers as an empty database. --explain prints the "
      "query's plan without running it; --analyze runs it, discards the results and "
      "prints the plan with each operator's rows, time and memory.\n");
  return code;
}

// Opens /dev/null on each of descriptors 0-2 that is closed at start-up, as
// SQLite does. Otherwise the next files opened take those numbers (RocksDB's
// LOG and LOCK), and what is meant for stdout or stderr is written into the
// database. /dev/null is opened against the descriptor's direction (stdin
// write-only, stdout and stderr read-only), so using it still fails with
// EBADF, as the closed descriptor would: `parley export DB >&-` fails
// rather than throwing the export away. False when that cannot be done.
bool ReserveStandardDescriptors() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    // The descriptors below `fd` are open, so open() returns `fd` itself.
    const int opened = open("/dev/null", (fd == 0 ? O_WRONLY : O_RDONLY) | O_NOCTTY);
    if (opened != fd) return false;
  }
  return true;
}

// Flushes and closes stdout (and std::cout, which query writes through
// without stdio). A command that wrote its output and returned 0 fails when
// any of the output was not written (`parley stats DB > /dev/full`).
int FinishStandardOutput(int code) {
  int error = 0;  // the first errno of a failed flush or close
  auto failed = [&error](bool bad) {
    if (bad && error == 0) error = errno;
    return bad;
  };
  errno = 0;
  bool bad = failed(!std::cout.flush().good());
  errno = 0;
  bad |= failed(std::fflush(stdout) != 0);
  bad |= std::ferror(stdout) != 0;  // an earlier write failed
  errno = 0;
  bad |= failed(std::fclose(stdout) != 0);
  if (code != 0 || !bad) return code;
  std::string message = "cannot write to standard output";
  if (error != 0) message += std::string(": ") + std::strerror(error);
  return Fail(message, 1);
}

}  // namespace

int Fail(const std::string& message, int code) {
  std::fprintf(stderr, "parley: %s\n", message.c_str());
  return code;
}

}  // namespace parley::tools

int main(int argc, char** argv) {
  using parley::tools::FinishStandardOutput;
  using parley::tools::kSubcommands;
  // Before anything opens a file.
  if (!parley::tools::ReserveStandardDescriptors()) return 1;
  if (argc < 2) return parley::tools::Usage(stderr, 2);
  if (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
      !std::strcmp(argv[1], "help")) {
    return FinishStandardOutput(parley::tools::Usage(stdout, 0));
  }
  for (const auto& sub : kSubcommands) {
    if (std::strcmp(argv[1], sub.name) == 0) {
      return FinishStandardOutput(sub.run(std::vector<std::string>(argv + 2, argv + argc)));
    }
  }
  return parley::tools::Fail(std::string("unknown command '") + argv[1] + "' (see parley --help)",
                             2);
}
