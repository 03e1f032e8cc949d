// The story-head and quality priors of every article of a local database,
// held in memory for --batch.
//
// Xapian's ValueWeightPostingSource reads a prior from the slot's value
// chunks for every candidate of every query, most of a default query's time
// on a large database (docs/benchmarks.md: where a default query's time
// goes). A batch reads the slot once instead (on a thread of its own while
// the first queries run with Xapian's source) and then looks priors up by
// document id. Scores are the same either way: the same doubles, the same
// bounds.
#pragma once

#include <xapian.h>

#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ns {

class PriorTable {
 public:
  // Reads the kPrior slot of db. Null when db has more document ids than
  // kMaxDocids (the table would take more than 64 MB).
  static std::shared_ptr<const PriorTable> load(const Xapian::Database& db);

  // The same for the batch's database db, the single local one at path: at
  // once for up to kLoadAtOnce document ids (about a millisecond), else on a
  // thread of its own, from the database at path kept only when it is at
  // db's revision. A failure gives null: the queries keep Xapian's source.
  static std::future<std::shared_ptr<const PriorTable>> load_for(const Xapian::Database& db,
                                                                 const std::string& path);

  static constexpr Xapian::docid kMaxDocids = 8'000'000;
  static constexpr Xapian::docid kLoadAtOnce = 20'000;

  std::vector<double> priors;  // by document id; negative where there is none
  Xapian::doccount count = 0;  // documents with a prior
  double upper_bound = 0;      // of the slot, as Xapian keeps it
  std::string uuid;            // of the database read (a rebuild has a new one)
  Xapian::rev revision = 0;    // of the database read

  // Whether db is the database and revision read.
  bool is_of(const Xapian::Database& db) const {
    return db.get_revision() == revision && db.get_uuid() == uuid;
  }
};

// A posting source giving each article its prior from table, positioned as
// Xapian's ValueWeightPostingSource on the same slot would be. A match on
// another revision than the table's (reopened after a commit) reads the
// slot through Xapian's source instead. Xapian owns it (release()d).
Xapian::PostingSource* prior_source(std::shared_ptr<const PriorTable> table);

// The prior table of the single local database at a path, one a revision,
// shared by the threads that search it (ns-serve): loaded by
// PriorTable::load_for when a search first reads a newer revision.
class PriorCache {
 public:
  explicit PriorCache(std::string path) : path_(std::move(path)) {}

  // The table of db, a handle on the database at path: null while it loads
  // (the search keeps Xapian's source), when it cannot be loaded, or when
  // db reads an older revision than the last asked for. Thread-safe.
  std::shared_ptr<const PriorTable> get(const Xapian::Database& db);

 private:
  const std::string path_;
  std::mutex mutex_;
  std::string uuid_;          // of table_
  Xapian::rev revision_ = 0;  // of table_
  std::shared_future<std::shared_ptr<const PriorTable>> table_;
};

}  // namespace ns
