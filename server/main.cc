// ns-serve: option handling and orchestration only; the work is in ns_server.
#include <csignal>
#include <iostream>

#include "common/options.h"
#include "server/http_server.h"
#include "server/options.h"
#include "server/service.h"

namespace {

constexpr const char* kProg = "ns-serve";

int run(int argc, char** argv) {
  const ns::ServeArgs args = ns::parse_serve_args(argc, argv);
  if (args.common.help) {
    ns::print_serve_help(std::cout);
    return 0;
  }
  if (args.common.version) {
    ns::print_version(std::cout, kProg);
    return 0;
  }
  std::signal(SIGPIPE, SIG_IGN);  // a client that goes away is no reason to stop
  const ns::Service service(args.common.db_path(), args.threads, args.timeout);
  ns::serve(service, args);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return ns::run_guarded(kProg, [&] { return run(argc, argv); });
}
