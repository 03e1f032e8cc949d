// Batch mode: many queries in one process, for scripts.
#pragma once

#include <xapian.h>

#include <functional>
#include <iosfwd>
#include <string>

#include "common/analyzer.h"
#include "searcher/search.h"

namespace ns {

// Opens the database again: a stub's shards one by one, one that cannot be
// opened named in the DatabaseError thrown, or (with --allow-partial) left
// out. Empty: the database cannot be opened again (not shards).
using Reopen = std::function<Xapian::Database()>;

// Where a batch's database comes from.
struct BatchSource {
  // With a path, db is that single local database: the articles' priors
  // are read into memory on another thread and used once they are there
  // (PriorTable).
  std::string local_path;
  Reopen reopen;  // see search_reopening
};

// search(db, request, analyzer); when the database fails (a served shard
// stopped answering, which Xapian's error does not name) and reopen is
// set, db becomes reopen()'s database (naming the shard, or leaving it
// out) and the search is run once more on it. Throws as search.
SearchResult search_reopening(Xapian::Database& db, const SearchRequest& request,
                              Analyzer& analyzer, const Reopen& reopen);

// Runs request once for every non-empty line of in (the line is the query;
// one over the size limit, check_query_size, gets an error line and only
// its first kMaxQueryBytes + 2 bytes are kept in memory)
// and writes one JSON line for each to out (file descriptor out_fd): the json format on one line,
// or, for a query that cannot be run, {"version", "query", "error"}. Stops quietly when the reader
// of out goes away. Returns the exit status: 0 when some query had hits, else 1. Throws
// DatabaseError when the database fails (see search_reopening: with
// --allow-partial, a shard that stops answering is left out and the
// batch goes on).
int run_batch(Xapian::Database db, SearchRequest request, Analyzer& analyzer, std::istream& in,
              std::ostream& out, int out_fd, const BatchSource& source = {});

}  // namespace ns
