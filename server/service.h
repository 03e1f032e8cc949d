// What ns-serve answers, apart from HTTP: each endpoint as a function of
// the request's path and parameters, on a database reopened when ns-index
// commits. Each search that runs at once reads through a handle of its own;
// on a single local database they share its priors in memory, read once a
// revision (PriorCache).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "searcher/prior_table.h"
#include "server/params.h"

namespace ns {

struct Reply {
  int status = 200;
  std::string type = "application/json";
  std::string body;
};

class Service {
 public:
  // Opens db_path to check it (throws DatabaseError as ns-search would),
  // with slots handles on it, one for each search that may run at once. A
  // match runs for time_limit seconds at most.
  Service(std::string db_path, unsigned slots, double time_limit);
  ~Service();

  // How many searches may run at once, each on a slot from 0 to slots() - 1
  // that no other runs on meanwhile.
  unsigned slots() const { return static_cast<unsigned>(readers_.size()); }

  // GET /api/v1/search: exactly what ns-search --format json prints for the
  // flags params stand for (search_args_from); 400 with {"version",
  // "query", "error"} for what ns-search would reject. With format=atom,
  // the Atom feed of --format atom (application/atom+xml), its self link
  // self (the request's URL; "" for none).
  Reply search(unsigned slot, const Params& params, const std::string& self = "") const;

  // GET /api/v1/article/ID: the article whose id (as JSON prints it) is id,
  // with the other articles of its story (article_json); 404 when none.
  Reply article(unsigned slot, const std::string& id) const;

  // GET /api/v1/suggest?q=...: the query with its last word completed, by
  // the most frequent indexed words that start with it (CJK too):
  // {"query", "suggestions": [{"text", "word", "articles"}]}.
  Reply suggest(unsigned slot, const Params& params) const;

  // GET /healthz: {"status": "ok", "revision", "articles"}.
  Reply health(unsigned slot) const;

 private:
  struct Reader;
  // slot's handle, brought to the latest commit (reopened; opened anew when
  // that fails, as after a rebuild swapped in).
  Reader& reader(unsigned slot) const;

  std::string db_path_;
  double time_limit_;
  mutable std::vector<std::unique_ptr<Reader>> readers_;  // reopened as they are used
  std::unique_ptr<PriorCache> priors_;  // a single local database's priors in memory
};

// {"error": message} with status.
Reply error_reply(int status, const std::string& message);

}  // namespace ns
