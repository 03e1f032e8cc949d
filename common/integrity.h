// Checking an ns database's files before anything trusts them: damage is
// reported as DatabaseError (exit 2), never a crash or a hang.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>

namespace ns {

// Throws DatabaseError ("the database is damaged") when a file Xapian
// opens in the database folder path (a table, iamglass, flintlock) is there
// but is not a regular file (opening a FIFO would wait for ever), or when
// the folder holds a database (iamglass) without a postlist or termlist
// table, which Xapian makes with every database.
void check_table_files(const std::string& path);

// Throws DatabaseError ("the database is damaged") when db, the database
// in the folder path, holds documents but one of the four tables ns always
// writes with them (postlist, termlist, docdata, position) is missing:
// Xapian reads a missing table as empty.
void check_tables_present(const std::string& path, const Xapian::Database& db);

// Runs Xapian's own check (Database::check: each table's B-tree structure,
// then postings against term lists and lengths) over the database at path:
// a folder, or each shard folder of a sharded one. Throws DatabaseError
// "path: the database is damaged: what Xapian found; rebuild it with
// ns-index --rebuild". Reads every block: about 0.25 s for a 50 MB
// database.
void check_integrity(const std::string& path);

// Tables up to this size in all are checked whole each time ns-search
// opens them (a few milliseconds); larger ones at each ns-index run.
inline constexpr std::uintmax_t kCheckOnOpenBytes = 4 * 1024 * 1024;

// check_integrity(path) when the tables of the database folder path hold
// at most kCheckOnOpenBytes; else, or without a version file (iamglass),
// nothing. Throws as check_integrity.
void check_integrity_if_small(const std::string& path);

// From now until the process ends, a SIGSEGV, SIGBUS or SIGFPE (Xapian
// reading a damaged block it does not validate) writes "prog: path: the
// database is damaged: ..." on stderr and exits with status 2. prog must
// outlive the process (a string literal).
void report_crash_as_damage(const char* prog, const std::string& path);

}  // namespace ns
