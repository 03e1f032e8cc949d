// ns-search: option handling and orchestration only; the work is in ns_searcher.
#include <iostream>

#include "common/analyzer.h"
#include "common/database.h"
#include "common/errors.h"
#include "searcher/options.h"

namespace {

constexpr const char* kProg = "ns-search";

int run(int argc, char** argv) {
  const ns::SearchArgs args = ns::parse_search_args(argc, argv);
  if (args.common.help) {
    ns::print_search_help(std::cout);
    return 0;
  }
  if (args.common.version) {
    ns::print_version(std::cout, kProg);
    return 0;
  }
  const Xapian::Database db = ns::open_for_search(args.common.db_path());
  ns::Analyzer analyzer;
  const ns::SearchResult result = ns::search(db, args.request, analyzer);
  ns::make_formatter(args.format)->write(result, std::cout);
  std::cout.flush();
  return result.total + result.total_some > 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  return ns::run_guarded(kProg, [&] { return run(argc, argv); });
}
