// ns-serve's command line, declared once: parsed into a plain struct.
#pragma once

#include <iosfwd>
#include <string>

#include "common/options.h"

namespace ns {

struct ServeArgs {
  CommonOptions common;
  std::string host = "127.0.0.1";  // --listen HOST:PORT; loopback unless told
  int port = 8080;                 // 0: any free port (said on stderr)
  unsigned threads = 0;            // searches at once; 0: one a core, at least 2
  unsigned queue = 64;             // searches waiting for one of those at most; then 503
  double timeout = 10;             // seconds a request may wait (then 503) and a match run
  std::string cors;                // origin allowed to call the API; empty: none
};

// Parses argv. Throws UsageError on a bad command line.
ServeArgs parse_serve_args(int argc, const char* const* argv);

// Writes --help: usage, every option with its default, the endpoints, exit codes.
void print_serve_help(std::ostream& out);

}  // namespace ns
