// Finding, opening and version-checking ns databases.
#pragma once

#include <xapian.h>

#include <string>

namespace ns {

// The database path when --db is not given: $NS_DB, else
// $XDG_DATA_HOME/ns/db, else $HOME/.local/share/ns/db. Empty variables count
// as unset. Throws UsageError when none of them is set.
std::string default_db_path();

// Opens the database at path for searching and checks that it was written
// by this schema and analyzer version. Throws DatabaseError naming path and
// saying what to do when it is missing, not an ns database, damaged, or
// built by another version.
Xapian::Database open_for_search(const std::string& path);

// Opens (creating it and its parent folders when missing) the database at
// path for writing; with rebuild, an existing database is replaced. Stamps
// a new database with the schema and analyzer versions. Throws
// DatabaseLockedError when another writer holds it, DatabaseError when it
// cannot be created or was built by another version (and rebuild is false).
Xapian::WritableDatabase open_for_index(const std::string& path, bool rebuild);

}  // namespace ns
