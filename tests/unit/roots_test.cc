#include "indexer/roots.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "common/errors.h"
#include "unit/temp_dir.h"

namespace {

using Paths = std::vector<std::string>;

}  // namespace

TEST_CASE("merge_roots: a path within a root adds none, one holding roots replaces them") {
  struct Case {
    Paths stored, given, roots;
  };
  const Case table[] = {
      {{}, {"/n/a"}, {"/n/a"}},
      {{"/n/a"}, {"/n/a"}, {"/n/a"}},
      {{"/n/a"}, {"/n/b"}, {"/n/a", "/n/b"}},
      {{"/n/a"}, {"/n/a/sub"}, {"/n/a"}},        // within a root
      {{"/n/a"}, {"/n/a/sub/f.md"}, {"/n/a"}},   // a file within one
      {{"/n/a", "/n/b"}, {"/n"}, {"/n"}},        // holding roots
      {{"/n/a", "/x"}, {"/n"}, {"/n", "/x"}},    // only those it holds
      {{"/n/ab"}, {"/n/a"}, {"/n/a", "/n/ab"}},  // a prefix is not a folder
      {{}, {"/n/a/f.md", "/n/a", "/n/b"}, {"/n/a", "/n/b"}},
      {{"/n/b", "/n/a"}, {}, {"/n/a", "/n/b"}},  // sorted
  };
  for (const Case& c : table) {
    CHECK(ns::merge_roots(c.stored, c.given) == c.roots);
  }
}

TEST_CASE("read_roots and write_roots: kept in the database's metadata") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  CHECK(ns::read_roots(db).empty());
  ns::write_roots(db, {"/n/a", "/n/with space", "/n/line\nbreak"});
  CHECK(ns::read_roots(db) == Paths{"/n/a", "/n/with space", "/n/line\nbreak"});
  ns::write_roots(db, {});
  CHECK(ns::read_roots(db).empty());
}

TEST_CASE("check_paths_exist: a path missing and never indexed is an error, no database made") {
  ns::testing::TempDir dir;
  const std::string f = dir.write("a.md", "x");
  const std::string db = dir.path("db");
  CHECK_NOTHROW(ns::check_paths_exist({f, dir.path()}, db));
  CHECK_THROWS_WITH_AS(ns::check_paths_exist({f, "nowhere"}, db), "nowhere: no such file or folder",
                       ns::InputError);
  CHECK_FALSE(std::filesystem::exists(db));
  CHECK(ns::stored_roots(db).empty());
  CHECK_THROWS_AS(ns::list_roots(db), ns::DatabaseError);
  CHECK_THROWS_AS(ns::find_root("/n", db), ns::DatabaseError);
}
