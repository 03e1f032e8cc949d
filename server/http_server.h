// ns-serve's HTTP side (cpp-httplib): routes, headers, limits, a thread a
// connection (a bounded pool), at most --threads searches at once with at
// most --queue waiting, and a clean stop on SIGINT or SIGTERM.
#pragma once

#include "server/options.h"
#include "server/service.h"

namespace ns {

// Serves service as args say until SIGINT or SIGTERM; one line on stderr
// says where it listens. Throws Error when it cannot listen there.
void serve(const Service& service, const ServeArgs& args);

}  // namespace ns
