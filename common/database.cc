#include "common/database.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>
#include <system_error>
#include <tuple>

#include "common/analyzer.h"
#include "common/errors.h"
#include "common/integrity.h"
#include "common/schema.h"
#include "common/shards.h"

namespace ns {
namespace {

namespace fs = std::filesystem;

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

constexpr const char* kForeign =
    ": a Xapian database ns did not write (no version stamp); ns leaves it alone: give "
    "ns-index another --db path";

bool is_stamped(const Xapian::Database& db) {
  return !db.get_metadata(std::string(schema::kMetaSchemaVersion)).empty() ||
         !db.get_metadata(std::string(schema::kMetaAnalyzerVersion)).empty();
}

// Checks the version stamps of an ns database; returns an empty string when
// they match, else what differs.
std::string version_mismatch(const Xapian::Database& db) {
  std::string schema = db.get_metadata(std::string(schema::kMetaSchemaVersion));
  std::string analyzer = db.get_metadata(std::string(schema::kMetaAnalyzerVersion));
  if (schema != std::to_string(schema::kSchemaVersion)) {
    return "it was built with schema version " + schema + ", this ns uses " +
           std::to_string(schema::kSchemaVersion);
  }
  if (analyzer != std::to_string(kAnalyzerVersion)) {
    return "it was built with analyzer version " + analyzer + ", this ns uses " +
           std::to_string(kAnalyzerVersion);
  }
  return {};
}

// Refuses a database folder this user may not use as mode asks (R_OK or
// W_OK), naming why: Xapian would report a missing database, or a lock.
void check_access(const std::string& path, int mode, const char* doing) {
  if (access(path.c_str(), mode | X_OK) == 0) return;
  throw DatabaseError(path + ": cannot " + doing + " the database: " + std::strerror(errno));
}

void stamp(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
  db.set_metadata(std::string(schema::kMetaAnalyzerVersion), std::to_string(kAnalyzerVersion));
}

// What a shard that cannot be searched adds, without --allow-partial.
constexpr const char* kWithout = "; or pass --allow-partial to search without it";

// The shards named by the stub file at path, opened and checked one by one.
Xapian::Database open_stub(const std::string& path, const ShardLeftOut& left_out) {
  Xapian::Database all;
  for (const StubShard& shard : read_stub(path)) {
    const std::string where = path + ": shard \"" + shard.line + "\"";
    std::string why;
    try {
      // Xapian's check of a local shard, once for each state of its files.
      if (!shard.folder.empty()) check_integrity_once(shard.folder);
      Xapian::Database db = shard.open();
      why = version_mismatch(db);
      if (why.empty()) {
        all.add_database(db);
        continue;
      }
      why += "; re-index it with ns-index --rebuild";
    } catch (const DatabaseError& e) {  // damaged: says which folder
      if (!left_out) throw DatabaseError(std::string(e.what()) + kWithout);
      why = e.what();
    } catch (const Xapian::Error& e) {
      why = "cannot open it: " + xapian_message(e);
    }
    if (!left_out)
      throw DatabaseError(where + ": " + why + kWithout);
    left_out(where + ": left out: " + why);
  }
  if (all.size() == 0) throw DatabaseError(path + ": no shard could be opened");
  return all;
}

// What the advice for a full disk adds: what is kept of the database.
std::string kept_when_full(Written written) {
  switch (written) {
    case Written::kInPlace:
      return " (the database keeps every file up to its last commit; the next run does the rest)";
    case Written::kBeside:
      return " (the old database is kept as it was)";
    case Written::kNothing:
      break;
  }
  return "";
}

// Whether the folder path holds nothing but files Xapian makes while it
// creates a database (flintlock, tables, a version file being written):
// what an ns-index killed at its start leaves.
bool only_xapian_files(const std::string& path) {
  std::error_code ec;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    auto ends = [&](const char* s) {
      const std::size_t n = std::strlen(s);
      return name.size() > n && name.compare(name.size() - n, n, s) == 0;
    };
    if (name != "flintlock" && name != "iamglass" && !ends(".glass") && !ends(".tmp")) {
      return false;
    }
  }
  return !ec;
}

// Refuses a path ns-index would write among other files at: a file, or a
// folder holding files but no database. Returns whether path holds a
// Xapian database of one shard (a sharded one has its shards checked when
// opened).
bool check_no_other_files(const std::string& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) return false;
  if (!fs::is_directory(status)) {
    throw DatabaseError(path +
                        ": a file, not a database folder; ns-index writes a folder (give a "
                        "new path, or the folder of a sharded database)");
  }
  const fs::path folder(path);
  if (fs::exists(folder / kStubFile, ec)) return false;
  if (fs::exists(folder / "iamglass", ec)) return true;
  if (!fs::is_empty(folder, ec) && !ec && !only_xapian_files(path)) {
    throw DatabaseError(path +
                        ": a folder holding other files, not a database; ns-index leaves it "
                        "alone: give it a new or empty folder");
  }
  return false;
}

}  // namespace

std::string xapian_message(const Xapian::Error& e) {
  std::string msg = e.get_msg();
  if (e.get_error_string()) msg += std::string(" (") + e.get_error_string() + ")";
  return msg;
}

bool is_disk_full(const Xapian::Error& e) {
  const char* why = e.get_error_string();
  return why && (std::strcmp(why, std::strerror(ENOSPC)) == 0 ||
                 std::strcmp(why, std::strerror(EFBIG)) == 0 ||
                 std::strcmp(why, std::strerror(EDQUOT)) == 0);
}

bool is_damage(const Xapian::Error& e) {
  // Xapian::Error has no virtual functions to test its kind by: its name.
  static const std::set<std::string> kKinds = {"DatabaseError",         "DatabaseCorruptError",
                                               "DatabaseCreateError",   "DatabaseOpeningError",
                                               "DatabaseNotFoundError", "DatabaseVersionError"};
  return kKinds.count(e.get_type()) && !is_disk_full(e);
}

DatabaseError database_error(const Xapian::Error& e, const XapianContext& context) {
  const bool damaged = context.opening && std::string(e.get_type()) == "DatabaseCorruptError";
  std::string message = context.path.empty() ? "" : context.path + ": ";
  message += (damaged ? "the database is damaged" : context.doing) + ": " + xapian_message(e);
  if (damaged) {
    message += "; rebuild it with ns-index --rebuild";
  } else if (is_disk_full(e)) {
    message += "; free some space and run again" + kept_when_full(context.written);
  } else if (is_damage(e)) {
    // "it" when the message has already named the database.
    const bool named = context.doing.find("the database") != std::string::npos;
    message += named ? "; if it is damaged, rebuild it with ns-index --rebuild"
                     : "; if the database is damaged, rebuild it with ns-index --rebuild";
  }
  return DatabaseError(message);
}

std::string default_db_path() {
  if (std::string db = env("NS_DB"); !db.empty()) return db;
  if (std::string xdg = env("XDG_DATA_HOME"); !xdg.empty()) return xdg + "/ns/db";
  if (std::string home = env("HOME"); !home.empty()) return home + "/.local/share/ns/db";
  throw UsageError("no database given: pass --db PATH or set NS_DB (HOME is not set either)");
}

bool is_single_local(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path + "/iamglass", ec);
}

namespace {

// Opens a folder swapped in during the open again, this many times at most.
constexpr int kMaxSwapRetries = 3;

// The folder (or stub file) at path: device, inode and change time. A
// --rebuild's swap (indexer/write_target.cc) puts another folder there and
// changes both folders' change times: two swaps back are told too.
std::tuple<dev_t, ino_t, std::int64_t, long> identity(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {0, 0, 0, 0};
  return {st.st_dev, st.st_ino, st.st_ctim.tv_sec, st.st_ctim.tv_nsec};
}

// open_for_search's work, the folder at path unchanged or not.
Xapian::Database open_as_found(const std::string& path, const ShardLeftOut& left_out) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    throw DatabaseError(path + ": no database here; build one with: ns-index --db " + path +
                        " FILES...");
  }
  try {
    if (fs::is_regular_file(path, ec)) return open_stub(path, left_out);
    check_access(path, R_OK, "read");
    // Xapian's check, once for each state of the files (of a sharded
    // folder, each shard's as it opens): damage is found before anything
    // reads the tables.
    const std::string sharded = (fs::path(path) / kStubFile).string();
    if (fs::is_regular_file(sharded, ec)) return open_stub(sharded, left_out);
    check_integrity_once(path);
    Xapian::Database db(path);
    if (!is_stamped(db)) {
      // Killed before its first commit: an empty database ns began.
      // (Killed before Xapian wrote its version file: see below.)
      if (db.get_doccount() == 0) return db;
      throw DatabaseError(path + kForeign);
    }
    if (std::string why = version_mismatch(db); !why.empty()) {
      throw DatabaseError(path + ": " + why + "; re-index with: ns-index --rebuild --db " + path +
                          " FILES...");
    }
    check_tables_present(path, db);
    return db;
  } catch (const Xapian::DatabaseNotFoundError&) {
    // An ns-index killed while Xapian created the database: empty.
    if (!fs::is_empty(path, ec) && !ec && only_xapian_files(path)) {
      return Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    }
    if (fs::is_empty(path, ec) || ec) {
      throw DatabaseError(path +
                          ": no database here (an empty folder); build one with: ns-index --db " +
                          path + " FILES...");
    }
    throw DatabaseError(path +
                        ": a folder holding other files, not a database; build one elsewhere "
                        "with: ns-index --db NEW-FOLDER FILES...");
  } catch (const Xapian::Error& e) {  // damaged (a table missing, truncated), unreadable
    throw database_error(e, {path, "cannot open the database", Written::kNothing, true});
  }
}

}  // namespace

Xapian::Database open_for_search(const std::string& path, const ShardLeftOut& left_out) {
  // Xapian opens each table by its path: a swap in the middle of the open
  // (or of the check before it) pairs the old folder's version file with
  // the new one's tables, and reads as damage or as other articles' data.
  // Once open, the tables' files stay open: a later swap changes nothing.
  for (int attempt = 0;; ++attempt) {
    const auto before = identity(path);
    try {
      Xapian::Database db = open_as_found(path, left_out);
      if (identity(path) == before || attempt == kMaxSwapRetries) return db;
    } catch (const DatabaseError&) {
      if (identity(path) == before || attempt == kMaxSwapRetries) throw;
    }
  }
}

void check_replaceable(const std::string& path) {
  std::error_code ec;
  // A folder the user made read-only is not replaced because its parent
  // is writable.
  if (fs::is_directory(path, ec)) check_access(path, W_OK, "write");
  if (!check_no_other_files(path)) return;
  try {
    check_table_files(path);
    // Before its stamp is read: damage can hide the stamp (a postlist
    // block of random bytes made a damaged database look foreign).
    check_integrity_once(path);
  } catch (const DatabaseError&) {
    return;  // damaged: what --rebuild is for
  }
  try {
    const Xapian::Database db(path);
    if (!is_stamped(db) && db.get_doccount() > 0) throw DatabaseError(path + kForeign);
  } catch (const Xapian::Error&) {
    // Damaged or unreadable: nothing in it can be read, and --rebuild is
    // what a damaged database needs.
  }
}

bool is_held_by_another(const Xapian::DatabaseLockError& e) {
  // Xapian's one message for a lock another process holds.
  return e.get_msg().find(": already locked") != std::string::npos;
}

Xapian::WritableDatabase open_for_index(const std::string& path, bool rebuild, unsigned shards) {
  std::error_code ec;
  fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (ec) throw DatabaseError(path + ": cannot create its folder: " + ec.message());
  check_no_other_files(path);  // a foreign database is refused below, once open
  const bool existed = fs::exists(path, ec);
  if (existed) {
    check_access(path, W_OK, "write");
    check_table_files(path);
  }
  try {
    if (shards > 1 && !fs::exists(path, ec)) create_sharded(path, shards, stamp);
    // Shards are made (and stamped) only by create_sharded: overwriting
    // them through the stub would wipe all stamps but the first shard's.
    const bool sharded = fs::exists(fs::path(path) / kStubFile, ec);
    Xapian::WritableDatabase db(path, sharded   ? Xapian::DB_OPEN
                                      : rebuild ? Xapian::DB_CREATE_OR_OVERWRITE
                                                : Xapian::DB_CREATE_OR_OPEN);
    // Checked with the lock held, before anything is read or written.
    if (existed && !rebuild) check_integrity(path);
    if (!is_stamped(db)) {
      if (db.get_doccount() > 0) throw DatabaseError(path + kForeign);
      stamp(db);
      // Stamped at once: a run killed before its first commit leaves a
      // database both programs open.
      db.commit();
    } else if (std::string why = version_mismatch(db); !why.empty()) {
      throw DatabaseError(path + ": " + why + "; rebuild it with: ns-index --rebuild --db " + path +
                          " FILES...");
    }
    if (existed && !rebuild && !sharded) check_tables_present(path, db);
    if (shards > 0 && db.size() != shards) {
      throw DatabaseError(path + ": it has " + std::to_string(db.size()) + " shards; to make it " +
                          std::to_string(shards) +
                          ", rebuild it with: ns-index --rebuild --shards " +
                          std::to_string(shards) + " --db " + path + " FILES...");
    }
    return db;
  } catch (const Xapian::DatabaseLockError& e) {
    if (is_held_by_another(e)) throw DatabaseLockedError(path);
    throw database_error(e, {path, "cannot lock the database"});
  } catch (const Xapian::Error& e) {  // damaged, unwritable, the disk full
    throw database_error(e,
                         {path, "cannot open the database for writing", Written::kNothing, true});
  }
}

std::uint64_t ns_revision(const Xapian::Database& db) {
  const std::string value = db.get_metadata(std::string(schema::kMetaRevision));
  if (value.empty() || value.size() > 19 ||
      value.find_first_not_of("0123456789") != std::string::npos)
    return 0;
  return std::stoull(value);
}

}  // namespace ns
