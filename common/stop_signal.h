// SIGINT and SIGTERM ask ns-index to stop after committing its work; a
// wait (for another writer's lock, for Xapian's check) ends at once.
#pragma once

#include <string>

namespace ns {

// Installs handlers for SIGINT and SIGTERM that record the signal.
void install_stop_handlers();

// The signal received since install_stop_handlers(), or 0 (always 0 in a
// program that installed none: there the signal ends it).
int stop_signal();

// Throws Stopped "where: stopped by SIGINT while doing; nothing was
// written" when a stop signal was received.
void throw_if_stopped(const std::string& where, const std::string& doing);

}  // namespace ns
