// The `parley` command: with a subcommand (load, export, stats, query) a
// tool for scripts; without one, the interactive shell (shell/shell.h).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "tools/cli_support.h"
#include "tools/commands.h"
#include "tools/shell/shell.h"

namespace parley::tools {
namespace {

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

// Flushes and closes stdout (and std::cout). A command that wrote its
// output and returned 0 fails when any of the output was not written
// (`parley stats DB > /dev/full`).
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
  return Fail(message, kExitError);
}

int Main(int argc, char** argv) {
  CLI::App app(
      "Parley, an embedded knowledge-graph database. Without a command, `parley [DB]` opens the "
      "interactive SPARQL shell on DB (created when missing; a temporary database without DB).",
      "parley");
  ConfigureApp(app);
  int exit_code = kExitOk;
  AddLoadCommand(app, &exit_code);
  AddExportCommand(app, &exit_code);
  AddStatsCommand(app, &exit_code);
  AddQueryCommand(app, &exit_code);
  AddValidateCommand(app, &exit_code);
  AddCheckCommand(app, &exit_code);
  ShellArgs shell;
  AddShellOptions(app, &shell);
  app.require_subcommand(0, 1);
  if (std::optional<int> early = ParseCommandLine(app, argc, argv)) return *early;
  if (app.get_subcommands().empty()) exit_code = RunShell(shell);
  return exit_code;
}

}  // namespace
}  // namespace parley::tools

int main(int argc, char** argv) {
  // Before anything opens a file.
  if (!parley::tools::ReserveStandardDescriptors()) return 1;
  return parley::tools::FinishStandardOutput(parley::tools::Main(argc, argv));
}
