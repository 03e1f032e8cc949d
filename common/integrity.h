// Checking an ns database's files before anything trusts them: damage is
// reported as DatabaseError (exit 2), never a crash or a hang.
#pragma once

#include <xapian.h>

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
// a folder, or each shard folder of a sharded one. The check runs in a
// child process given kCheckSeconds (and 1 s more per 10 MB): a damaged
// block it crashes on, loops on, or reads past a buffer on (a sanitizer's
// report) is damage, the calling process untouched. Throws DatabaseError
// "path: the database is damaged: what was found; rebuild it with
// ns-index --rebuild". Reads every block: about 0.35 s for the corpus's
// 48 MB. Once the check passes, remembers the folder as sound (see
// check_integrity_once).
void check_integrity(const std::string& path);

// check_integrity(path), but a folder whose files are as a passed check or
// remember_sound last found them is not read again: their names, sizes,
// modification and change times and inodes are kept in its kCheckedFile
// (written when the folder may be written; a change within the clock tick
// of that look is waited out). Any write to a table changes its change
// time, which no one can set back; a copy of the folder has other inodes.
void check_integrity_once(const std::string& path);

// Remembers the database at path (its folder, or each shard folder) as
// sound as its files are now: ns-index, after its last commit, of a
// database it checked before writing. Never throws; a folder that cannot
// be written is checked again by the next check_integrity_once.
void remember_sound(const std::string& path);

// The seconds Xapian's check may run on an empty database (see
// check_integrity); the environment's NS_CHECK_SECONDS, when set, replaces
// the whole deadline.
inline constexpr double kCheckSeconds = 10;

// From now until the process ends, a SIGSEGV, SIGBUS or SIGFPE (Xapian
// reading a damaged block it does not validate) writes "prog: path: the
// database is damaged: ..." on stderr and exits with status 2. prog must
// outlive the process (a string literal).
void report_crash_as_damage(const char* prog, const std::string& path);

}  // namespace ns
