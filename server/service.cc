#include "server/service.h"

#include <xapian.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>
#include <vector>

#include "common/analyzer.h"
#include "common/database.h"
#include "common/errors.h"
#include "common/integrity.h"
#include "common/schema.h"
#include "searcher/json_formatter.h"
#include "searcher/query_builder.h"
#include "searcher/query_limits.h"
#include "searcher/search.h"

namespace ns {
namespace {

using json = nlohmann::ordered_json;

// A story lists at most this many other articles.
constexpr Xapian::doccount kMaxStory = 200;
// Completions of a word at most.
constexpr size_t kMaxSuggestions = 8;

std::string dumped(const json& j) {
  return j.dump(2, ' ', false, json::error_handler_t::replace) + '\n';
}

// The q parameter; "" when there is none.
std::string query_of(const Params& params) {
  const auto q = params.find("q");
  return q == params.end() ? "" : q->second;
}

// The status an ns error is answered with.
int status_of(const std::exception& e) {
  if (dynamic_cast<const UsageError*>(&e) || dynamic_cast<const QueryError*>(&e) ||
      dynamic_cast<const AnalyzerError*>(&e)) {
    return 400;
  }
  return 503;  // the database: missing, damaged, a shard down; retry later
}

}  // namespace

Reply error_reply(int status, const std::string& message) {
  return {status, "application/json", dumped(json{{"error", message}})};
}

// A handle on the database and its analyzer.
struct Service::Reader {
  explicit Reader(const std::string& path) : db(open_for_search(path)) {}
  Xapian::Database db;
  Analyzer analyzer;
};

Service::Service(std::string db_path, unsigned slots, double time_limit)
    : db_path_(std::move(db_path)), time_limit_(time_limit) {
  // Shards keep Xapian's source, which served shards run.
  if (is_single_local(db_path_)) priors_ = std::make_unique<PriorCache>(db_path_);
  for (unsigned i = 0; i < std::max(slots, 1u); ++i) {
    readers_.push_back(std::make_unique<Reader>(db_path_));
  }
}

Service::~Service() = default;

Service::Reader& Service::reader(unsigned slot) const {
  std::unique_ptr<Reader>& current = readers_.at(slot);
  // A revision committed since, or a table changed since, is checked
  // before it is read (a look at the files when ns-index remembered it).
  check_integrity_once(db_path_);
  try {
    current->db.reopen();
  } catch (const Xapian::Error&) {
    current = std::make_unique<Reader>(db_path_);  // replaced by a rebuild, say
  }
  return *current;
}

Reply Service::search(unsigned slot, const Params& params, const std::string& self) const {
  const std::string query = query_of(params);
  try {
    SearchArgs args = search_args_from(params);
    Reader& r = reader(slot);
    args.request.filters = filter_queries(args.filters, r.analyzer, args.request.as_of);
    fit_request_to_output(args);
    args.output.feed_self = self;
    args.request.time_limit = time_limit_;
    if (priors_) args.request.priors = priors_->get(r.db);
    args.request.db_path = db_path_;
    check_query_size(args.request.query);  // as ns-search: before parsing
    SearchResult result;
    try {
      result = ns::search(r.db, args.request, r.analyzer);
    } catch (const DatabaseError&) {
      // A --rebuild swapped in meanwhile can leave this handle reading
      // revisions discarded however often it reopens (serve_load_test, one
      // request in about a thousand under the sanitizers): once more on a
      // handle opened anew; a damaged database fails again and says so.
      Reader& fresh = *(readers_.at(slot) = std::make_unique<Reader>(db_path_));
      args.request.priors = priors_ ? priors_->get(fresh.db) : nullptr;
      result = ns::search(fresh.db, args.request, fresh.analyzer);
    }
    std::ostringstream out;
    make_formatter(args.output)->write(result, out);
    const bool atom = args.output.format == Format::kAtom;
    return {200, atom ? "application/atom+xml; charset=utf-8" : "application/json", out.str()};
  } catch (const Error& e) {
    return {status_of(e), "application/json", json_error_line(query, e.what())};
  }
}

Reply Service::article(unsigned slot, const std::string& id) const {
  try {
    Reader& r = reader(slot);
    SearchRequest one;
    one.query = "*";
    one.filters = {Xapian::Query(schema::term(schema::kId, id))};
    one.limit = 1;
    one.collapse = false;
    one.typos = false;
    one.db_path = db_path_;
    SearchResult found = ns::search(r.db, one, r.analyzer);
    if (found.hits.empty()) return error_reply(404, "no article has the id \"" + id + "\"");
    SearchRequest story = one;
    story.query = "story:" + found.hits.front().story;
    story.filters.clear();
    story.limit = kMaxStory + 1;
    story.sort = SortOrder::kDate;
    std::vector<Hit> others;
    for (Hit& hit : ns::search(r.db, story, r.analyzer).hits) {
      if (hit.id != id && others.size() < kMaxStory) others.push_back(std::move(hit));
    }
    return {200, "application/json", article_json(found.hits.front(), others)};
  } catch (const Error& e) {
    return error_reply(status_of(e), e.what());
  }
}

Reply Service::suggest(unsigned slot, const Params& params) const {
  const std::string query = query_of(params);
  if (query.size() > kMaxValueBytes) {
    return error_reply(400, "q: longer than " + std::to_string(kMaxValueBytes) + " bytes");
  }
  json suggestions = json::array();
  try {
    // After the last space or tab; npos + 1 is 0: the whole query.
    const size_t start = query.find_last_of(" \t") + 1;
    Reader& r = reader(slot);
    const std::string word = r.analyzer.normalize(query.substr(start));
    if (!word.empty()) {
      for (const auto& [term, articles] : most_frequent_terms(
               r.db, schema::term(schema::kAnyText, word), kMaxSuggestions)) {
        suggestions.push_back(
            {{"text", query.substr(0, start) + term}, {"word", term}, {"articles", articles}});
      }
    }
  } catch (const Error& e) {
    return error_reply(status_of(e), e.what());
  }
  return {200, "application/json", dumped(json{{"query", query}, {"suggestions", suggestions}})};
}

Reply Service::health(unsigned slot) const {
  try {
    Reader& r = reader(slot);
    json revision = nullptr;
    try {
      revision = r.db.get_revision();
    } catch (const Xapian::Error&) {  // shards: no one revision
    }
    return {200, "application/json",
            dumped(json{{"status", "ok"}, {"revision", revision}, {"articles", r.db.get_doccount()}})};
  } catch (const Error& e) {
    return error_reply(503, e.what());
  }
}

}  // namespace ns
