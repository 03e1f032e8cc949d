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
  bool rebuild = false;               // build a new database and swap it in at the end
  unsigned shards = 0;                // shards of a new database (0: as it is, else 1)
  unsigned shard = 0;                 // --shard I/N: write only shard I (1-based) of shards
  bool strict = false;                // stop at the first bad file
  bool wait = false;                  // wait for another writer instead of failing
  std::vector<std::string> excludes;  // --exclude: ignore-file lines under every root
  std::ostream* progress = nullptr;   // draw a live progress line here
  // Returns the number of a signal asking to stop (SIGINT, SIGTERM) or 0.
  std::function<int()> stop_signal = [] { return 0; };
};

struct IndexSummary {
  std::size_t files_indexed = 0;    // read and written
  std::size_t files_unchanged = 0;  // same size and mtime as last time: not read
  std::size_t files_deleted = 0;    // gone from disk: their articles removed
  std::size_t skipped = 0;          // bad files and paths, related entries left out: reported
  std::size_t articles = 0;         // articles in the files written (own + related)
  std::size_t total_articles = 0;   // documents in the database afterwards
  int stopped_by = 0;               // the signal that stopped the run, or 0
};

// Files ns-index writes between two commits (docs/indexing.md: Safety): a run that
// is not a rebuild loses at most this much work when it is killed.
constexpr std::size_t kFilesPerCommit = 1000;

// What a run indexes (docs/indexing.md: Roots and ignore files).
struct IndexInput {
  // PATHs named on the command line: each must exist or have been indexed
  // before; each becomes a root of the database (see merge_roots).
  std::vector<std::string> paths;
  // Paths read from a list (the PATH "-"): brought in step, not roots; one
  // missing and never indexed is reported and skipped.
  std::vector<std::string> listed;
};

// Called once for every file or path that is skipped.
using ErrorReporter = std::function<void(const InputError&)>;

// Indexes every article file under input's paths (see list_files): files whose
// size or mtime changed are read again, files gone from a folder walked or
// named directly are removed, and related articles follow the files that
// list them. Commits in batches, so a crash loses at most the current one.
// A bad file is reported and skipped, keeping the version already indexed;
// with options.strict the first one is thrown after committing the work
// done (with rebuild, the old database is kept instead). A stop signal
// ends the run after committing (rebuild: keeping the old database).
// With options.shard, every file is read but only the articles that
// ns-index --shards N would place on shard I are written, as a new
// database (see indexer/shard_writer.h). Folders are walked by the rules
// of their root's ignore file and options.excludes: a file indexed before
// and excluded now is removed. The roots are stored with the last commit.
// Throws InputError, before any database is opened or created, for a
// named path that does not exist and was never indexed (see
// check_paths_exist); DatabaseError and AnalyzerError.
IndexSummary index_paths(const IndexInput& input, const IndexOptions& options,
                         const ErrorReporter& report);

struct ForgetSummary {
  std::string root;                // as stored: absolute, normalised
  std::size_t files_deleted = 0;   // file articles removed
  std::size_t total_articles = 0;  // documents in the database afterwards
};

// Removes root (as --forget names it: see find_root) from the roots of the
// database at options.db_path, and every file article at or below it, as
// files gone are removed (related articles and clusters follow); commits.
// Throws UsageError, before writing anything, when root is not a root of
// the database; DatabaseError.
ForgetSummary forget_root(const std::string& root, const IndexOptions& options);

}  // namespace ns
