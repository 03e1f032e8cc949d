// The database ns-index writes to. A rebuild of an existing database is
// written beside it and swapped in only when complete, so an interrupted
// or failed rebuild leaves the old database as it was.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace ns {

class WriteTarget {
 public:
  // Opens path for writing (see open_for_index); with rebuild, locks the
  // database there (an empty one if there is none) and starts a new one
  // beside it, of shards shards (0: as many as the old one). Once locked,
  // removes the work folders killed runs left (remove_stale_parts). With wait,
  // retries while another writer holds the lock. Throws DatabaseError.
  WriteTarget(const std::string& path, bool rebuild, unsigned shards, bool wait);
  ~WriteTarget();
  WriteTarget(const WriteTarget&) = delete;
  WriteTarget& operator=(const WriteTarget&) = delete;

  Xapian::WritableDatabase& db() { return db_; }
  // A rebuild only: the database it replaces, as it was (nullptr: none, or
  // not a readable one: then previous_damage() says why).
  const Xapian::Database* previous() const {
    return old_ && previous_damage_.empty() ? &*old_ : nullptr;
  }
  const std::string& previous_damage() const { return previous_damage_; }

  // A rebuild only: the new database becomes the merge, by Xapian's
  // compaction, of the databases at parts. Throws DatabaseError.
  void merge(const std::vector<std::string>& parts);

  // Commits what db() holds, and remembers the database as sound
  // (remember_sound: checked before writing, then written by this run), so
  // that searches meanwhile need not check it whole. Throws Xapian::Error.
  void commit();

  // Commits; a rebuild is swapped into place. Throws DatabaseError.
  void finish();

  // Gives up: a rebuild in progress is discarded and the old database kept;
  // otherwise commits what was written.
  void abandon();

 private:
  void swap_in();

  std::string path_;
  std::string temp_path_;                        // set while a rebuild is written beside path_
  std::optional<Xapian::WritableDatabase> old_;  // held locked during a rebuild
  std::string previous_damage_;  // why old_ cannot be read, when it cannot
  Xapian::WritableDatabase db_;
  bool done_ = false;
};

}  // namespace ns
