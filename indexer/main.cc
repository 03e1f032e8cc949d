// ns-index: option handling and orchestration only; the work is in ns_indexer.
#include <iostream>
#include <string>

#include "common/errors.h"
#include "indexer/indexer.h"
#include "indexer/options.h"

namespace {

constexpr const char* kProg = "ns-index";

// "1 file", "2 files".
std::string count(std::size_t n, const char* noun) {
  return std::to_string(n) + ' ' + noun + (n == 1 ? "" : "s");
}

int run(int argc, char** argv) {
  const ns::IndexArgs args = ns::parse_index_args(argc, argv);
  if (args.common.help) {
    ns::print_index_help(std::cout);
    return 0;
  }
  if (args.common.version) {
    ns::print_version(std::cout, kProg);
    return 0;
  }
  ns::IndexOptions options;
  options.db_path = args.common.db_path();
  options.rebuild = args.rebuild;
  options.strict = args.strict;
  const ns::IndexSummary summary = ns::index_paths(
      args.paths, options,
      [](const ns::InputError& e) { std::cerr << kProg << ": " << e.what() << '\n'; });
  if (!args.quiet) {
    std::cerr << kProg << ": indexed " << count(summary.files_indexed, "file") << " ("
              << count(summary.articles, "article") << "), skipped " << summary.skipped
              << "; the database holds " << count(summary.total_articles, "article") << '\n';
  }
  return summary.skipped == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  return ns::run_guarded(kProg, [&] { return run(argc, argv); });
}
