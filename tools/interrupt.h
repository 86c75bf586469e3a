// Ctrl-C (SIGINT) as a flag that queries, updates and loads poll through
// their `cancel` options.
#pragma once

#include <atomic>

namespace parley::tools {

// Set by SIGINT once CatchInterrupts() has run; cleared by whoever acts on
// it.
std::atomic<bool>& InterruptFlag();

enum class InterruptMode {
  // The first Ctrl-C sets the flag and restores the default action, so a
  // second one ends a process stuck where nothing polls (the subcommands).
  kOnceThenDefault,
  // Every Ctrl-C sets the flag (the shell, which returns to its prompt).
  // The handler is installed without SA_RESTART, so a blocking read of the
  // terminal returns EINTR.
  kEveryTime,
};

void CatchInterrupts(InterruptMode mode);

}  // namespace parley::tools
