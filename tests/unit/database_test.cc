#include "common/database.h"

#include <doctest/doctest.h>

#include <string>

#include "common/errors.h"
#include "common/schema.h"
#include "unit/temp_dir.h"

namespace {

std::string search_error(const std::string& path) {
  try {
    ns::open_for_search(path);
  } catch (const ns::DatabaseError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("open_for_search: missing, empty folder, foreign database") {
  ns::testing::TempDir dir;
  CHECK(search_error(dir.path("db")) == dir.path("db") +
                                            ": no database here; build one with: ns-index --db " +
                                            dir.path("db") + " FILES...");
  std::filesystem::create_directory(dir.path("empty"));
  CHECK(search_error(dir.path("empty")).find("not a database") != std::string::npos);
  { Xapian::WritableDatabase foreign(dir.path("foreign"), Xapian::DB_CREATE); }
  CHECK(search_error(dir.path("foreign")).find("not an ns database") != std::string::npos);
}

TEST_CASE("open_for_index stamps versions; another version is refused") {
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
    db.add_document(Xapian::Document());
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
