// Reads article files and keeps an ns database in step with them.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "common/errors.h"

namespace ns {

struct IndexOptions {
  std::string db_path;
  bool rebuild = false;              // build a new database and swap it in at the end
  unsigned shards = 0;               // shards of a new database (0: as it is, else 1)
  unsigned shard = 0;                // --shard I/N: write only shard I (1-based) of shards
  bool strict = false;               // stop at the first bad file
  bool wait = false;                 // wait for another writer instead of failing
  std::ostream* progress = nullptr;  // draw a live progress line here
  // Returns the number of a signal asking to stop (SIGINT, SIGTERM) or 0.
  std::function<int()> stop_signal = [] { return 0; };
};

struct IndexSummary {
  std::size_t files_indexed = 0;    // read and written
  std::size_t files_unchanged = 0;  // same size and mtime as last time: not read
  std::size_t files_deleted = 0;    // gone from disk: their articles removed
  std::size_t skipped = 0;          // bad files and paths, reported
  std::size_t articles = 0;         // articles in the files written (own + related)
  std::size_t total_articles = 0;   // documents in the database afterwards
  int stopped_by = 0;               // the signal that stopped the run, or 0
};

// Files ns-index writes between two commits (README: Safety): a run that
// is not a rebuild loses at most this much work when it is killed.
constexpr std::size_t kFilesPerCommit = 1000;

// Called once for every file or path that is skipped.
using ErrorReporter = std::function<void(const InputError&)>;

// Indexes every article file under paths (see list_files): files whose
// size or mtime changed are read again, files gone from a folder walked or
// named directly are removed, and related articles follow the files that
// list them. Commits in batches, so a crash loses at most the current one.
// A bad file is reported and skipped, keeping the version already indexed;
// with options.strict the first one is thrown after committing the work
// done (with rebuild, the old database is kept instead). A stop signal
// ends the run after committing (rebuild: keeping the old database).
// With options.shard, every file is read but only the articles that
// ns-index --shards N would place on shard I are written, as a new
// database (see indexer/shard_writer.h). Throws DatabaseError and
// AnalyzerError.
IndexSummary index_paths(const std::vector<std::string>& paths, const IndexOptions& options,
                         const ErrorReporter& report);

}  // namespace ns
