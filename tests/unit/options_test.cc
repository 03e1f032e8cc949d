#include <doctest/doctest.h>

#include <cstdlib>
#include <vector>

#include "common/database.h"
#include "common/errors.h"
#include "common/options.h"
#include "indexer/options.h"
#include "searcher/options.h"

namespace {

ns::SearchArgs search_args(std::vector<const char*> argv) {
  argv.insert(argv.begin(), "ns-search");
  return ns::parse_search_args(static_cast<int>(argv.size()), argv.data());
}

ns::IndexArgs index_args(std::vector<const char*> argv) {
  argv.insert(argv.begin(), "ns-index");
  return ns::parse_index_args(static_cast<int>(argv.size()), argv.data());
}

}  // namespace

TEST_CASE("parse_count") {
  CHECK(ns::parse_count("--limit", "0", 10) == 0);
  CHECK(ns::parse_count("--limit", "10", 10) == 10);
  for (const char* bad : {"", "-1", "11", "1.5", "ten", "99999999999", " 1"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(ns::parse_count("--limit", bad, 10), ns::UsageError);
  }
  CHECK_THROWS_WITH(ns::parse_count("--limit", "x", 10),
                    "--limit: expected a whole number from 0 to 10, got \"x\"");
}

TEST_CASE("ns-search command line") {
  ns::SearchArgs a = search_args({"SenseTime", "IPO", "--limit", "3", "-f", "json", "--db", "d"});
  CHECK(a.request.query == "SenseTime IPO");
  CHECK(a.request.limit == 3);
  CHECK(a.format == ns::Format::kJson);
  CHECK(a.common.db == "d");
  CHECK(search_args({"x"}).request.limit == 10);
  CHECK(search_args({"--help"}).common.help);
  CHECK(search_args({"-V"}).common.version);
  CHECK_THROWS_WITH_AS(search_args({}), "no QUERY given: say what to search for", ns::UsageError);
  CHECK_THROWS_WITH_AS(search_args({"x", "--format", "xml"}),
                       "--format: unknown format \"xml\"; valid formats: text, json",
                       ns::UsageError);
  CHECK_THROWS_AS(search_args({"x", "--frob"}), ns::UsageError);
}

TEST_CASE("ns-index command line") {
  ns::IndexArgs a = index_args({"a", "b", "--rebuild", "--strict", "-q"});
  CHECK(a.paths == std::vector<std::string>{"a", "b"});
  CHECK(a.rebuild);
  CHECK(a.strict);
  CHECK(a.quiet);
  CHECK_THROWS_AS(index_args({}), ns::UsageError);
  CHECK(index_args({"--version"}).common.version);
}

TEST_CASE("default database path: NS_DB, XDG_DATA_HOME, HOME") {
  const char* keep[] = {"NS_DB", "XDG_DATA_HOME", "HOME"};
  std::vector<std::string> saved;
  for (const char* k : keep) saved.push_back(std::getenv(k) ? std::getenv(k) : "");
  setenv("NS_DB", "/x/ns", 1);
  setenv("XDG_DATA_HOME", "/x/data", 1);
  setenv("HOME", "/x/home", 1);
  CHECK(ns::default_db_path() == "/x/ns");
  setenv("NS_DB", "", 1);
  CHECK(ns::default_db_path() == "/x/data/ns/db");
  unsetenv("XDG_DATA_HOME");
  CHECK(ns::default_db_path() == "/x/home/.local/share/ns/db");
  unsetenv("HOME");
  CHECK_THROWS_AS(ns::default_db_path(), ns::UsageError);
  for (size_t i = 0; i < saved.size(); ++i) {
    if (saved[i].empty()) {
      unsetenv(keep[i]);
    } else {
      setenv(keep[i], saved[i].c_str(), 1);
    }
  }
}
