// ns-index: option handling and orchestration only; the work is in ns_indexer.
#include <unistd.h>

#include <csignal>
#include <iostream>
#include <string>

#include "common/database.h"
#include "common/errors.h"
#include "common/integrity.h"
#include "common/printable.h"
#include "indexer/indexer.h"
#include "indexer/options.h"
#include "indexer/roots.h"
#include "common/stop_signal.h"
#include "indexer/walker.h"

namespace {

constexpr const char* kProg = "ns-index";

// "1 file", "2 files".
std::string count(std::size_t n, const char* noun) {
  return std::to_string(n) + ' ' + noun + (n == 1 ? "" : "s");
}

// The paths to index: those named, with "-" replaced by the list read from
// stdin; none named, the roots the database holds.
ns::IndexInput input_paths(const ns::IndexArgs& args, const std::string& db_path) {
  ns::IndexInput input;
  for (const std::string& path : args.paths) {
    if (path != "-") {
      input.paths.push_back(path);
      continue;
    }
    for (std::string& p : ns::read_path_list(std::cin, args.null_separated)) {
      input.listed.push_back(std::move(p));
    }
  }
  if (args.paths.empty()) input.paths = ns::stored_roots(db_path);
  if (args.paths.empty() && input.paths.empty()) {
    throw ns::UsageError("no PATH given: name the article files or folders to index");
  }
  return input;
}

// --roots and --forget ROOT.
int manage_roots(const ns::IndexArgs& args, const ns::IndexOptions& options) {
  if (args.list_roots) {
    for (const std::string& root : ns::list_roots(options.db_path)) std::cout << root << '\n';
    return 0;
  }
  const ns::ForgetSummary forgot = ns::forget_root(args.forget, options);
  if (!args.quiet) {
    std::cerr << kProg << ": forgot " << forgot.root << ": " << count(forgot.files_deleted, "file")
              << "; the database holds " << count(forgot.total_articles, "article") << '\n';
  }
  return 0;
}

// --check: Xapian's check of every table of the database.
int check_database(const ns::IndexArgs& args, const std::string& db_path) {
  const Xapian::Database db = ns::open_for_search(db_path);  // says what a path is not
  ns::check_integrity(db_path);
  if (!args.quiet) {
    std::cerr << kProg << ": " << ns::printable(db_path) << ": the database is sound ("
              << count(db.get_doccount(), "article") << ")\n";
  }
  return 0;
}

void print_summary(const ns::IndexSummary& s) {
  std::cerr << kProg << ": " << (s.stopped_by ? "stopped; " : "") << "indexed "
            << count(s.files_indexed, "file") << " (" << count(s.articles, "article") << "), "
            << s.files_unchanged << " unchanged, " << s.files_deleted << " deleted, " << s.skipped
            << " skipped; the database holds " << count(s.total_articles, "article") << '\n';
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
  options.shards = args.shards;
  options.shard = args.shard;
  options.strict = args.strict;
  options.wait = args.wait;
  options.excludes = args.excludes;
  ns::report_crash_as_damage(kProg, options.db_path);
  if (args.check) return check_database(args, options.db_path);
  if (args.list_roots || !args.forget.empty()) return manage_roots(args, options);
  if (!args.quiet && isatty(STDERR_FILENO)) options.progress = &std::cerr;
  ns::install_stop_handlers();
  // Past the file size limit (ulimit -f) a write fails with EFBIG and is
  // reported like a full disk, instead of the signal killing the run.
  std::signal(SIGXFSZ, SIG_IGN);
  options.stop_signal = ns::stop_signal;
  const ns::IndexSummary summary =
      ns::index_paths(input_paths(args, options.db_path), options, [](const ns::InputError& e) {
        std::cerr << kProg << ": " << ns::printable(e.what()) << '\n';
      });
  if (!args.quiet || summary.stopped_by) print_summary(summary);
  if (summary.stopped_by) return 128 + summary.stopped_by;
  return summary.skipped == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  return ns::run_guarded(kProg, [&] { return run(argc, argv); });
}
