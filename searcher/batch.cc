#include "searcher/batch.h"

#include <chrono>
#include <future>
#include <istream>
#include <ostream>
#include <string>

#include "common/errors.h"
#include "searcher/formatter.h"
#include "searcher/json_formatter.h"
#include "searcher/query_limits.h"

namespace ns {
namespace {

// Reads one line of in into line, without its '\n'; false at the end. A
// line longer than one query may be (kMaxQueryBytes and a CR) keeps only
// its first kMaxQueryBytes bytes, the rest read and dropped (cut is then
// set): memory stays flat whatever the line.
bool read_line(std::istream& in, std::string& line, bool& cut) {
  line.clear();
  cut = false;
  std::streambuf* buf = in.rdbuf();
  for (;;) {
    const int c = buf->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      return !line.empty();
    }
    if (c == '\n') return true;
    if (line.size() <= kMaxQueryBytes) {
      line += static_cast<char>(c);
    } else if (c != '\r') {
      cut = true;
    }
  }
}

}  // namespace

SearchResult search_reopening(Xapian::Database& db, const SearchRequest& request,
                              Analyzer& analyzer, const Reopen& reopen) {
  try {
    return search(db, request, analyzer);
  } catch (const DatabaseError&) {
    if (!reopen) throw;
    db = reopen();  // throws naming the shard gone, or leaves it out
    return search(db, request, analyzer);
  }
}

int run_batch(Xapian::Database db, SearchRequest request, Analyzer& analyzer, std::istream& in,
              std::ostream& out, int out_fd, const BatchSource& source) {
  std::future<std::shared_ptr<const PriorTable>> priors;
  if (!source.local_path.empty()) priors = PriorTable::load_for(db, source.local_path);
  OutputOptions options;
  options.format = Format::kJson;
  options.compact = true;
  options.explain = request.explain;
  options.expand = request.expand;
  const auto formatter = make_formatter(options);
  bool any_hits = false;
  bool cut = false;
  for (std::string line; read_line(in, line, cut);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (cut || line.size() > kMaxQueryBytes) {
      line.resize(kMaxQueryBytes);  // the query shown as far as it was read
      out << json_error_line(
          line,
          query_too_long("over " + std::to_string(kMaxQueryBytes), "bytes", kMaxQueryBytes).what());
      if (!flushed(out, out_fd)) break;
      continue;
    }
    request.query = line;
    if (priors.valid() && priors.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
      request.priors = priors.get();
    }
    try {
      check_query_size(line);
      const SearchResult result = search_reopening(db, request, analyzer, source.reopen);
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
