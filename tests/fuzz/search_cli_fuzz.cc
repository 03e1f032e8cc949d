// Fuzz target: whole ns-search command lines (options and query), the
// input's NUL-separated parts as argv, run as main() runs them against the
// articles of data/ in an in-memory database; with --batch, the last part
// is also its standard input. A bad command line must give UsageError, a
// bad query QueryError; a query over the size limit must never be run.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/errors.h"
#include "sample_database.h"
#include "searcher/batch.h"
#include "searcher/formatter.h"
#include "searcher/options.h"
#include "searcher/query_limits.h"
#include "searcher/search.h"

namespace {

// As searcher/main.cc, without the database path and the terminal.
void run(ns::SearchArgs& args, const Xapian::Database& db, ns::Analyzer& analyzer,
         const std::string& input) {
  if (args.common.help || args.common.version) return;
  args.request.filters = ns::filter_queries(args.filters, analyzer, args.request.as_of);
  std::ostringstream out;
  if (args.batch) {
    std::istringstream in(input);
    ns::run_batch(db, args.request, analyzer, in, out, -1);
    return;
  }
  ns::check_query_size(args.request.query);
  if (args.output.count) args.request.limit = 0;
  args.request.snippets = !args.output.count;
  const ns::SearchResult result = ns::search(db, args.request, analyzer);
  // Past the check: within the limit, or the check is broken.
  if (args.request.query.size() > ns::kMaxQueryBytes) std::abort();
  ns::make_formatter(args.output)->write(result, out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static ns::Analyzer analyzer;
  static const Xapian::Database db = ns::testing::sample_database(analyzer);
  std::vector<std::string> parts{"ns-search"};
  std::string part;
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      parts.push_back(part);
      part.clear();
    } else {
      part += static_cast<char>(data[i]);
    }
  }
  parts.push_back(part);
  std::vector<const char*> argv;
  for (const std::string& p : parts) argv.push_back(p.c_str());
  try {
    ns::SearchArgs args = ns::parse_search_args(static_cast<int>(argv.size()), argv.data());
    run(args, db, analyzer, parts.back());
  } catch (const ns::UsageError&) {
    // a bad command line, refused with a message
  } catch (const ns::QueryError&) {
    // a bad or oversized query, refused with a message
  }
  return 0;
}
