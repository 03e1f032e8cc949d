// ns-search: option handling and orchestration only; the work is in ns_searcher.
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <optional>

#include "common/analyzer.h"
#include "common/database.h"
#include "common/errors.h"
#include "common/integrity.h"
#include "common/printable.h"
#include "common/schema.h"
#include "searcher/batch.h"
#include "searcher/field_values.h"
#include "searcher/options.h"
#include "searcher/query_limits.h"
#include "searcher/query_parser.h"
#include "searcher/since_last.h"

namespace {

constexpr const char* kProg = "ns-search";

// One line on stderr for each operator word written in lower case: it was
// searched as a word, as written; the capitals are the operator.
void hint_operators(const ns::SearchRequest& request) {
  if (request.literal) return;
  for (const std::string& word : ns::lowercase_operators(request.query)) {
    std::string upper = word;
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    std::cerr << kProg << ": \"" << word << "\" is searched as a word; did you mean " << upper
              << "? (operators are written in capitals)\n";
  }
}

// "\"remdesevir\" or \"vacsine\"": the words no article has, as quoted.
std::string quoted_missing(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    out += (out.empty() ? "\"" : " or \"") + ns::printable(w) + "\"";
  }
  return out;
}

// One line on stderr when nothing was found (with a suggestion when some
// word is in no article and has a correction), or when the hits with every
// word were found only through corrections.
void report_missing(const ns::SearchRequest& request, const ns::SearchResult& result,
                    Xapian::doccount listed) {
  if (!result.suggestion) {
    if (listed == 0) {
      std::cerr << kProg << ": no article matches \"" << ns::printable(request.query) << "\"\n";
    }
    return;
  }
  std::cerr << kProg << ": no article has " << quoted_missing(result.missing)
            << (result.total == 0 ? "; did you mean \"" : "; showing matches for \"")
            << ns::printable(*result.suggestion) << (result.total == 0 ? "\"?\n" : "\"\n");
}

// --list-values FIELD: one value a line (or NUL-ended); 1 when there are none.
int list_values(const ns::SearchArgs& args, const Xapian::Database& db) {
  const auto values = ns::field_values(db, *ns::schema::find_filter(args.list_values));
  for (const std::string& value : values) std::cout << value << args.output.separator;
  if (!ns::flushed(std::cout, STDOUT_FILENO)) return 0;
  return values.empty() ? 1 : 0;
}

// Sets the request to list what entered db since NAME's mark, up to the
// revision db is at; a first run starts at that revision (nothing new) or,
// with --since-last-start all, at the beginning.
void start_since_last(const ns::SinceLast& state, ns::SearchArgs& args,
                      const Xapian::Database& db) {
  const std::uint64_t now = ns::ns_revision(db);
  std::optional<std::uint64_t> mark = state.mark();
  if (mark && *mark > now) {
    std::cerr << kProg << ": --since-last " << args.since_last << ": the database is at revision "
              << now << ", before the mark " << *mark
              << " (replaced by a new one?): starting afresh\n";
    mark.reset();
  } else if (!state.reason().empty()) {
    std::cerr << kProg << ": --since-last " << args.since_last << ": " << state.reason()
              << ": starting afresh\n";
  }
  args.request.new_since_revision = mark ? *mark : args.since_last_all ? 0 : now;
  args.request.up_to_revision = now;
}

// Runs what args asks of the open database db; the mark of since_last, when
// set, moves once all the output reached its reader.
int search(ns::SearchArgs& args, Xapian::Database& db, const ns::BatchSource& source,
           std::optional<ns::SinceLast>& since_last) {
  if (!args.list_values.empty()) return list_values(args, db);
  ns::Analyzer analyzer;
  args.request.filters = ns::filter_queries(args.filters, analyzer, args.request.as_of);
  if (args.batch)
    return ns::run_batch(db, args.request, analyzer, std::cin, std::cout, STDOUT_FILENO, source);
  args.output.color = ns::use_color(args.color, isatty(STDOUT_FILENO), std::getenv("NO_COLOR"));
  ns::fit_request_to_output(args);
  const ns::Format format = args.output.format;
  ns::check_query_size(args.request.query);  // --literal too
  const ns::SearchResult result = ns::search_reopening(db, args.request, analyzer, source.reopen);
  const bool reading = format == ns::Format::kText && !args.output.count && !since_last;
  if (reading) hint_operators(args.request);
  ns::make_formatter(args.output)->write(result, std::cout);
  // Output that did not all reach its reader leaves the mark where it was.
  if (!ns::flushed(std::cout, STDOUT_FILENO)) return 0;
  if (since_last) since_last->save(result.revision, std::time(nullptr));
  // As grep: 1 when the list is empty or the page starts past its end.
  const Xapian::doccount listed = result.total + result.total_some;
  if (reading) report_missing(args.request, result, listed);
  return listed > 0 && args.request.offset < listed ? 0 : 1;
}

int run(int argc, char** argv) {
  ns::SearchArgs args = ns::parse_search_args(argc, argv);
  if (args.common.help) {
    ns::print_search_help(std::cout);
    return 0;
  }
  if (args.common.version) {
    ns::print_version(std::cout, kProg);
    return 0;
  }
  // A reader that goes away (| head) is seen as EPIPE, not a signal.
  std::signal(SIGPIPE, SIG_IGN);
  ns::ShardLeftOut left_out;
  if (args.allow_partial) {
    left_out = [](const std::string& message) {
      std::cerr << kProg << ": " << message << "; results are partial\n";
    };
  }
  ns::report_crash_as_damage(kProg, args.common.db_path());
  const std::string db_path = args.common.db_path();
  // Locked before the database is opened: a run that waited for another
  // of the same NAME reads the mark it saved, and a database at least as new.
  std::optional<ns::SinceLast> since_last;
  if (!args.since_last.empty()) since_last.emplace(args.since_last, db_path);
  Xapian::Database db = ns::open_for_search(db_path, left_out);
  if (since_last) start_since_last(*since_last, args, db);
  ns::BatchSource source;
  if (ns::is_single_local(db_path)) {
    source.local_path = db_path;
  } else {  // shards: one that stops answering is named, or left out
    source.reopen = [&] { return ns::open_for_search(db_path, left_out); };
  }
  args.request.db_path = db_path;
  try {
    return search(args, db, source, since_last);
  } catch (const Xapian::Error& e) {  // read outside a match: field values, words, typos
    throw ns::database_error(e, {db_path, "the database cannot be read"});
  }
}

}  // namespace

int main(int argc, char** argv) {
  return ns::run_guarded(kProg, [&] { return run(argc, argv); });
}
