#include "common/database.h"

#include <doctest/doctest.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/errors.h"
#include "common/schema.h"
#include "unit/temp_dir.h"

namespace {

// The DatabaseError message of open(path), or "" when it throws none.
template <typename Open>
std::string error_of(Open open, const std::string& path) {
  try {
    open(path);
  } catch (const ns::DatabaseError& e) {
    return e.what();
  }
  return "";
}

std::string search_error(const std::string& path) {
  return error_of([](const std::string& p) { ns::open_for_search(p); }, path);
}

}  // namespace

TEST_CASE("open_for_search: missing, empty folder, foreign database") {
  ns::testing::TempDir dir;
  CHECK(search_error(dir.path("db")) == dir.path("db") +
                                            ": no database here; build one with: ns-index --db " +
                                            dir.path("db") + " FILES...");
  std::filesystem::create_directory(dir.path("empty"));
  CHECK(search_error(dir.path("empty")).find("no database here (an empty folder)") !=
        std::string::npos);
  {
    Xapian::WritableDatabase foreign(dir.path("foreign"), Xapian::DB_CREATE);
    foreign.add_document(Xapian::Document());
  }
  CHECK(search_error(dir.path("foreign")).find("a Xapian database ns did not write") !=
        std::string::npos);
}

TEST_CASE("open_for_search: an empty database without a stamp opens as empty") {
  // What an ns-index killed before its first commit could leave.
  ns::testing::TempDir dir;
  { Xapian::WritableDatabase unstamped(dir.path("db"), Xapian::DB_CREATE); }
  CHECK(search_error(dir.path("db")).empty());
  CHECK(ns::open_for_search(dir.path("db")).get_doccount() == 0);
}

TEST_CASE("open_for_index commits the stamp of a new database at once") {
  ns::testing::TempDir dir;
  Xapian::WritableDatabase db = ns::open_for_index(dir.path("db"), false);
  // Read by another reader while the writer holds it uncommitted.
  CHECK(Xapian::Database(dir.path("db"))
            .get_metadata(std::string(ns::schema::kMetaSchemaVersion)) ==
        std::to_string(ns::schema::kSchemaVersion));
}

namespace {

// What check_replaceable says of path: "" when ns-index may write there.
std::string replace_error(const std::string& path) { return error_of(ns::check_replaceable, path); }

void write_file(const std::string& path) { std::ofstream(path) << "a letter\n"; }

}  // namespace

TEST_CASE("check_replaceable: ns-index writes only where it loses nothing") {
  ns::testing::TempDir dir;
  namespace fs = std::filesystem;
  fs::create_directory(dir.path("empty"));
  fs::create_directory(dir.path("letters"));
  write_file(dir.path("letters/letter.txt"));
  write_file(dir.path("file"));
  {
    Xapian::WritableDatabase foreign(dir.path("foreign"), Xapian::DB_CREATE);
    foreign.add_document(Xapian::Document());
  }
  { Xapian::WritableDatabase empty_foreign(dir.path("empty-foreign"), Xapian::DB_CREATE); }
  { ns::open_for_index(dir.path("ns"), false).commit(); }
  fs::create_directory(dir.path("damaged"));
  write_file(dir.path("damaged/iamglass"));

  struct Row {
    const char* path;
    const char* error;  // part of the message, or "" when allowed
  } rows[] = {
      {"missing", ""},
      {"empty", ""},
      {"ns", ""},
      {"empty-foreign", ""},
      {"damaged", ""},  // --rebuild is what it needs
      {"file", "a file, not a database folder"},
      {"letters", "a folder holding other files"},
      {"foreign", "a Xapian database ns did not write"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.path);
    const std::string error = replace_error(dir.path(row.path));
    if (*row.error == '\0') {
      CHECK(error == "");
    } else {
      CHECK(error.find(row.error) != std::string::npos);
    }
  }
  CHECK(fs::exists(dir.path("letters/letter.txt")));
}

TEST_CASE("open_for_index stamps versions, another version is refused") {
  ns::testing::TempDir dir;
  {
    Xapian::WritableDatabase db = ns::open_for_index(dir.path("db"), false);
    CHECK(db.get_metadata(std::string(ns::schema::kMetaSchemaVersion)) ==
          std::to_string(ns::schema::kSchemaVersion));
  }
  CHECK_NOTHROW(ns::open_for_search(dir.path("db")));
  {
    Xapian::WritableDatabase db(dir.path("db"), Xapian::DB_OPEN);
    db.set_metadata(std::string(ns::schema::kMetaAnalyzerVersion), "0");
    // As ns writes them: data and positions (each table there).
    Xapian::Document doc;
    doc.set_data("x");
    doc.add_posting("x", 1);
    db.add_document(doc);
  }
  std::string error = search_error(dir.path("db"));
  CHECK(error.find("built with analyzer version 0") != std::string::npos);
  CHECK(error.find("ns-index --rebuild") != std::string::npos);
  CHECK_THROWS_AS(ns::open_for_index(dir.path("db"), false), ns::DatabaseError);
  CHECK_NOTHROW(ns::open_for_index(dir.path("db"), true));
  CHECK_NOTHROW(ns::open_for_search(dir.path("db")));
}

TEST_CASE("open_for_index: a second writer gets a clear lock error") {
  ns::testing::TempDir dir;
  Xapian::WritableDatabase first = ns::open_for_index(dir.path("db"), false);
  CHECK_THROWS_WITH_AS(
      ns::open_for_index(dir.path("db"), false),
      (dir.path("db") + ": locked by another ns-index; wait for it to finish, or run with --wait")
          .c_str(),
      ns::DatabaseError);
}

TEST_CASE("database_error: the message, the system's reason and the advice") {
  using ns::Written;
  const Xapian::DatabaseError full("Error writing block 3", ENOSPC);
  const Xapian::DatabaseError too_large("Error writing block 3", EFBIG);
  const Xapian::DatabaseError eof("EOF reading block 2");
  const Xapian::DatabaseCorruptError corrupt("Couldn't read enough (EOF)");
  const Xapian::DatabaseLockError lock("Unable to get write lock", EACCES);
  const Xapian::InvalidArgumentError invalid("bad argument");
  const struct {
    const Xapian::Error& error;
    ns::XapianContext context;
    std::string message;
  } cases[] = {
      // The disk filling while a rebuild's parts are merged (issue 24: no
      // advice was given).
      {full,
       {"db", "merging the parts of the rebuild failed", Written::kBeside},
       "db: merging the parts of the rebuild failed: Error writing block 3 (No space left on "
       "device); free some space and run again (the old database is kept as it was)"},
      // WriteTarget::finish kept Xapian's message only, not the reason.
      {too_large,
       {"db", "writing failed", Written::kInPlace},
       "db: writing failed: Error writing block 3 (File too large); free some space and run "
       "again (the database keeps every file up to its last commit; the next run does the "
       "rest)"},
      {full,
       {"db", "cannot open the database for writing", Written::kNothing, true},
       "db: cannot open the database for writing: Error writing block 3 (No space left on "
       "device); free some space and run again"},
      {eof,
       {"db", "writing failed", Written::kInPlace},
       "db: writing failed: EOF reading block 2; if the database is damaged, rebuild it with "
       "ns-index --rebuild"},
      {eof,
       {"db", "cannot open the database", Written::kNothing, true},
       "db: cannot open the database: EOF reading block 2; if it is damaged, rebuild it with "
       "ns-index --rebuild"},
      {eof,
       {"", "the database cannot be read"},
       "the database cannot be read: EOF reading block 2; if it is damaged, rebuild it with "
       "ns-index --rebuild"},
      {corrupt,
       {"db", "cannot open the database", Written::kNothing, true},
       "db: the database is damaged: Couldn't read enough (EOF); rebuild it with ns-index "
       "--rebuild"},
      {corrupt,
       {"db", "writing failed", Written::kInPlace},
       "db: writing failed: Couldn't read enough (EOF); if the database is damaged, rebuild it "
       "with ns-index --rebuild"},
      {lock,
       {"db", "cannot lock the database"},
       "db: cannot lock the database: Unable to get write lock (Permission denied)"},
      {invalid, {"db", "writing failed", Written::kInPlace}, "db: writing failed: bad argument"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.message);
    CHECK(std::string(ns::database_error(c.error, c.context).what()) == c.message);
  }
}
