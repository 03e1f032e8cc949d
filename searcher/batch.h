// Batch mode: many queries in one process, for scripts.
#pragma once

#include <xapian.h>

#include <iosfwd>
#include <string>

#include "common/analyzer.h"
#include "searcher/search.h"

namespace ns {

// Runs request once for every non-empty line of in (the line is the query;
// one over the size limit, check_query_size, gets an error line and only
// its first kMaxQueryBytes + 2 bytes are kept in memory)
// and writes one JSON line for each to out (file descriptor out_fd): the json format on one line,
// or, for a query that cannot be run, {"version", "query", "error"}. Stops quietly when the reader
// of out goes away. Returns the exit status: 0 when some query had hits, else 1. Throws
// DatabaseError when the database fails.
// With local_path (db is that single local database), the articles'
// priors are read into memory on another thread and used once they are
// there (PriorTable).
int run_batch(const Xapian::Database& db, SearchRequest request, Analyzer& analyzer,
              std::istream& in, std::ostream& out, int out_fd, const std::string& local_path = {});

}  // namespace ns
