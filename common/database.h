// Finding, opening and version-checking ns databases.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <string>

#include "common/errors.h"

namespace ns {

// The database path when --db is not given: $NS_DB, else
// $XDG_DATA_HOME/ns/db, else $HOME/.local/share/ns/db. Empty variables count
// as unset. Throws UsageError when none of them is set.
std::string default_db_path();

// Xapian's message, with the system's reason when there is one.
std::string xapian_message(const Xapian::Error& e);

// Whether e failed for want of space: the disk or quota is full, or a file
// reached the size limit (ulimit -f).
bool is_disk_full(const Xapian::Error& e);

// Whether e may be Xapian failing to read or write the database's own files
// (truncated, garbled, a table missing): a Xapian::DatabaseError or one of
// its kinds, but not a lock, a change under a reader, a closed database or
// a full disk.
bool is_damage(const Xapian::Error& e);

// What was being written when a Xapian call failed: what a full disk
// leaves of the database.
enum class Written {
  kNothing,  // opening, locking, reading: the database is as it was
  kInPlace,  // the database itself: it keeps every file up to its last commit
  kBeside,   // a rebuild, beside the database: the old one is kept as it was
};

// Where a Xapian call failed and what it was doing, for database_error.
struct XapianContext {
  std::string path;   // the database, named first ("path: "); empty: none named
  std::string doing;  // the failure as the message states it: "writing failed"
  Written written = Written::kNothing;
  // Opening: a DatabaseCorruptError is then certain damage, said as "the
  // database is damaged" in place of doing, with no "if" in the advice.
  bool opening = false;
};

// The error to throw for e: "path: doing: xapian_message(e)", then advice:
// on a full disk (is_disk_full), to free some space and run again, saying
// what is kept (context.written); on possible damage (is_damage), to
// rebuild with ns-index --rebuild "if it is damaged" ("if the database is
// damaged" when doing does not name the database); else none.
DatabaseError database_error(const Xapian::Error& e, const XapianContext& context);

// Called with the message for each shard left out of a search.
using ShardLeftOut = std::function<void(const std::string& message)>;

// Opens the database at path for searching and checks that it was written
// by this schema and analyzer version. Throws DatabaseError naming path and
// saying what to do when it is missing, not an ns database, damaged, or
// built by another version, or missing a table it must have (see
// check_tables_present), or when Xapian's check finds it damaged (see
// check_integrity_once: once for each state of its files). An empty database without a version stamp (an
// ns-index killed before its first commit) opens as empty, and so does a
// folder holding only the files Xapian makes while creating one (killed
// before that was done). A stub file
// (common/shards.h) has its shards
// opened one by one, each error naming its shard; with left_out set, a shard
// that cannot be opened is passed to it and left out instead, as long as
// one shard opens. A folder another took the place of during the open (a
// --rebuild's swap) is opened again: the new one.
Xapian::Database open_for_search(const std::string& path, const ShardLeftOut& left_out = {});

// True when path is one local database folder (not shards, not a stub file
// of remote ones).
bool is_single_local(const std::string& path);

// Opens (creating it and its parent folders when missing) the database at
// path for writing; with rebuild, an existing database is replaced. An
// existing database is checked whole (check_integrity) once locked, before
// anything in it is read or written. Stamps a new database with the schema
// and analyzer versions and commits the stamp at once. A new database has
// shards shards (common/shards.h; 0 counts as 1); an existing one must have
// that many, when shards is not 0. Throws DatabaseLockedError when another
// writer holds it, DatabaseError when it is damaged, cannot be created, was built by
// another version (and rebuild is false) or has another number of shards.
Xapian::WritableDatabase open_for_index(const std::string& path, bool rebuild, unsigned shards = 0);

// Refuses, with DatabaseError, a path ns-index must not write a database
// into nor replace with --rebuild: a file, a folder holding other files, a
// folder this user may not write (read-only), or a Xapian database ns did
// not write. A missing path, an empty folder and an ns database (of any
// version, or damaged: Xapian's check runs before the stamp is read) pass.
void check_replaceable(const std::string& path);

// The database's revision as ns counts it (schema::kMetaRevision): every
// article first seen at that revision or before is committed; 0 when none is
// stored (a database no ns-index run has committed to). Of several shards,
// the first's (ns-index stores it there). Throws Xapian::Error.
std::uint64_t ns_revision(const Xapian::Database& db);

// Whether Xapian failed to lock a database because another writer holds it
// (rather than, say, the lock file being unwritable).
bool is_held_by_another(const Xapian::DatabaseLockError& e);

}  // namespace ns
