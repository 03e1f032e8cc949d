// What ns-serve answers, apart from HTTP: each endpoint as a function of
// the request's path and parameters, on a database reopened when ns-index
// commits. Every thread reads through its own Xapian handle.
#pragma once

#include <string>

#include "server/params.h"

namespace ns {

struct Reply {
  int status = 200;
  std::string type = "application/json";
  std::string body;
};

class Service {
 public:
  // Opens db_path once to check it (throws DatabaseError as ns-search
  // would). A match runs for time_limit seconds at most.
  Service(std::string db_path, double time_limit);

  // GET /api/v1/search: exactly what ns-search --format json prints for the
  // flags params stand for (search_args_from); 400 with {"version",
  // "query", "error"} for what ns-search would reject.
  Reply search(const Params& params) const;

  // GET /api/v1/article/ID: the article whose id (as JSON prints it) is id,
  // with the other articles of its story (article_json); 404 when none.
  Reply article(const std::string& id) const;

  // GET /api/v1/suggest?q=...: the query with its last word completed, by
  // the most frequent indexed words that start with it (CJK too):
  // {"query", "suggestions": [{"text", "word", "articles"}]}.
  Reply suggest(const Params& params) const;

  // GET /healthz: {"status": "ok", "revision", "articles"}.
  Reply health() const;

 private:
  std::string db_path_;
  double time_limit_;
};

// {"error": message} with status.
Reply error_reply(int status, const std::string& message);

}  // namespace ns
