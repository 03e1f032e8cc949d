#include "server/options.h"

#include <ostream>
#include <thread>
#include <vector>

#include "common/errors.h"
#include "common/program_options.h"

namespace ns {
namespace {

namespace po = boost::program_options;

struct RawArgs {
  std::string listen = "127.0.0.1:8080";
  std::string threads = "0";
  std::string queue = "64";
  std::string timeout = "10";
  std::vector<std::string> operands;
};

po::options_description serve_options(ServeArgs& args, RawArgs& raw) {
  po::options_description options("Options");
  // Each option as --help shows it ("  --listen HOST:PORT") stays under 23
  // columns: a longer one sets Boost's column with one space before its text,
  // and help2man (the man page) then reads the two as one. Defaults go in the text.
  // clang-format off
  options.add_options()
      ("listen", po::value(&raw.listen)->value_name("HOST:PORT"),
       "where to listen (default 127.0.0.1:8080): loopback unless another address is "
       "given; port 0 takes a free one (stderr says which)")
      ("threads", po::value(&raw.threads)->value_name("N")->default_value(raw.threads),
       "searches at once, each with its own database handle; 0: one a core, at least 2")
      ("queue", po::value(&raw.queue)->value_name("N")->default_value(raw.queue),
       "searches that may wait for one of those; more get 503 with Retry-After")
      ("timeout", po::value(&raw.timeout)->value_name("SECONDS"),
       "a search that waited this long gets 503; a search stops matching after it, with "
       "what it found (default 10)")
      ("cors", po::value(&args.cors)->value_name("ORIGIN"),
       "let pages from ORIGIN (https://news.example) call the API; none by default");
  // clang-format on
  options.add(common_options(args.common));
  return options;
}

// "HOST:PORT", "[v6]:PORT" or ":PORT" (loopback).
void parse_listen(const std::string& text, ServeArgs& args) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos) {
    throw UsageError("--listen: expected HOST:PORT (127.0.0.1:8080), got \"" + text + "\"");
  }
  std::string host = text.substr(0, colon);
  if (host.size() > 1 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  args.host = host.empty() ? "127.0.0.1" : host;
  args.port = static_cast<int>(parse_count("--listen", text.substr(colon + 1), 65535));
}

}  // namespace

ServeArgs parse_serve_args(int argc, const char* const* argv) {
  ServeArgs args;
  RawArgs raw;
  po::options_description all = serve_options(args, raw);
  parse_command_line(argc, argv, all, "operand", raw.operands);
  if (args.common.help || args.common.version) return args;
  if (!raw.operands.empty()) {
    throw UsageError("unexpected argument \"" + raw.operands.front() + "\": ns-serve takes options only");
  }
  parse_listen(raw.listen, args);
  args.threads = parse_count("--threads", raw.threads, 256);
  if (args.threads == 0) args.threads = std::max(2u, std::thread::hardware_concurrency());
  args.queue = parse_count("--queue", raw.queue, 100000);
  args.timeout = parse_count("--timeout", raw.timeout, 3600);
  if (args.timeout == 0) throw UsageError("--timeout: expected at least 1 second, got 0");
  return args;
}

void print_serve_help(std::ostream& out) {
  ServeArgs unused_args;
  RawArgs unused_raw;
  out << "Usage: ns-serve [OPTIONS]\n"
         "Serve an ns database over HTTP: a search page at /, a JSON API under /api/v1/\n"
         "(search, article/ID, suggest) and /healthz. Read-only; sees what ns-index\n"
         "commits without a restart.\n\n"
      << serve_options(unused_args, unused_raw)
      << "\nExit status:\n"
         "  0  stopped by SIGINT or SIGTERM\n"
         "  2  error: bad option, missing or unreadable database, address in use\n";
}

}  // namespace ns
