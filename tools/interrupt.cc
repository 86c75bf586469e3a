#include "tools/interrupt.h"

#include <signal.h>

namespace parley::tools {
namespace {

std::atomic<bool> interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "read and written by a signal handler");

extern "C" void OnInterrupt(int) { interrupted.store(true); }

}  // namespace

std::atomic<bool>& InterruptFlag() { return interrupted; }

void CatchInterrupts(InterruptMode mode) {
  struct sigaction action = {};
  action.sa_handler = OnInterrupt;
  action.sa_flags = mode == InterruptMode::kOnceThenDefault ? SA_RESETHAND : 0;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
}

}  // namespace parley::tools
