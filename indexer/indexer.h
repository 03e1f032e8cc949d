// Reads article files and writes them into an ns database.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "common/errors.h"

namespace ns {

struct IndexOptions {
  std::string db_path;
  bool rebuild = false;  // start from an empty database
  bool strict = false;   // stop at the first bad file
};

struct IndexSummary {
  std::size_t files_indexed = 0;
  std::size_t articles = 0;        // documents written (files and their related entries)
  std::size_t skipped = 0;         // files or paths reported as bad
  std::size_t total_articles = 0;  // documents in the database afterwards
};

// Called once for every file or path that is skipped.
using ErrorReporter = std::function<void(const InputError&)>;

// Indexes every article file under paths (see collect_files) into the
// database, replacing the previous version of each file's articles, and
// commits. Bad files are reported and skipped; with options.strict the
// first one is rethrown instead. Throws DatabaseError and AnalyzerError.
IndexSummary index_paths(const std::vector<std::string>& paths, const IndexOptions& options,
                         const ErrorReporter& report);

}  // namespace ns
