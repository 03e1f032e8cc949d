#include "searcher/batch.h"

#include <chrono>
#include <future>
#include <istream>
#include <ostream>
#include <string>

#include "common/errors.h"
#include "searcher/formatter.h"
#include "searcher/json_formatter.h"

namespace ns {

int run_batch(const Xapian::Database& db, SearchRequest request, Analyzer& analyzer,
              std::istream& in, std::ostream& out, int out_fd, const std::string& local_path) {
  std::future<std::shared_ptr<const PriorTable>> priors;
  if (!local_path.empty()) priors = PriorTable::load_for(db, local_path);
  OutputOptions options;
  options.format = Format::kJson;
  options.compact = true;
  options.explain = request.explain;
  options.expand = request.expand;
  const auto formatter = make_formatter(options);
  bool any_hits = false;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    request.query = line;
    if (priors.valid() && priors.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
      request.priors = priors.get();
    }
    try {
      const SearchResult result = search(db, request, analyzer);
      any_hits = any_hits || result.total + result.total_some > 0;
      formatter->write(result, out);
    } catch (const QueryError& e) {
      out << json_error_line(line, e.what());
    }
    if (!flushed(out, out_fd)) break;
  }
  return any_hits ? 0 : 1;
}

}  // namespace ns
