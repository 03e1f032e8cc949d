// SIGINT and SIGTERM ask ns-index to stop after committing its work.
#pragma once

namespace ns {

// Installs handlers for SIGINT and SIGTERM that record the signal.
void install_stop_handlers();

// The signal received since install_stop_handlers(), or 0.
int stop_signal();

}  // namespace ns
