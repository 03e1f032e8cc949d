#include "common/stop_signal.h"

#include <csignal>

#include "common/errors.h"

namespace ns {
namespace {

volatile std::sig_atomic_t received = 0;

extern "C" void on_stop_signal(int signal) { received = signal; }

}  // namespace

void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

int stop_signal() { return received; }

void throw_if_stopped(const std::string& where, const std::string& doing) {
  const int signal = stop_signal();
  if (signal == 0) return;
  const std::string name = signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "a signal";
  throw Stopped(where + ": stopped by " + name + " while " + doing + "; nothing was written",
                signal);
}

}  // namespace ns
