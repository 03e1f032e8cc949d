#include <doctest/doctest.h>

#include <cstdlib>
#include <vector>

#include "common/analyzer.h"
#include "common/database.h"
#include "common/errors.h"
#include "common/options.h"
#include "common/schema.h"
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

TEST_CASE("split_list: comma-separated items, empty ones kept") {
  using V = std::vector<std::string>;
  CHECK(ns::split_list("a,b") == V{"a", "b"});
  CHECK(ns::split_list("a") == V{"a"});
  CHECK(ns::split_list("") == V{""});
  CHECK(ns::split_list("a,,b,") == V{"a", "", "b", ""});
}

TEST_CASE("ns-search command line") {
  ns::SearchArgs a = search_args({"SenseTime", "IPO", "--limit", "3", "-f", "json", "--db", "d"});
  CHECK(a.request.query == "SenseTime IPO");
  CHECK(a.request.limit == 3);
  CHECK(a.output.format == ns::Format::kJson);
  CHECK(a.common.db == "d");
  CHECK(search_args({"x"}).request.limit == 10);
  CHECK(search_args({"--help"}).common.help);
  CHECK(search_args({"-V"}).common.version);
  CHECK_THROWS_WITH_AS(search_args({}), "no QUERY given: say what to search for (* for every article)",
                       ns::UsageError);
  CHECK_THROWS_WITH_AS(search_args({"x", "--format", "xml"}),
                       "--format: unknown format \"xml\"; valid formats: text, json, jsonl, "
                       "tsv, urls, atom",
                       ns::UsageError);
  CHECK_THROWS_AS(search_args({"x", "--frob"}), ns::UsageError);
}

TEST_CASE("ns-search output options") {
  ns::SearchArgs a = search_args({"x", "-f", "tsv", "--fields", "url,title", "-0"});
  CHECK(a.output.format == ns::Format::kTsv);
  CHECK(a.output.fields == std::vector<ns::Field>{ns::Field::kUrl, ns::Field::kTitle});
  CHECK(a.output.separator == '\0');
  CHECK(search_args({"x"}).output.fields ==
        std::vector<ns::Field>{ns::Field::kRank, ns::Field::kScore, ns::Field::kDate,
                               ns::Field::kProvider, ns::Field::kTitle, ns::Field::kUrl});
  CHECK(search_args({"x", "--count"}).output.count);
  CHECK_THROWS_WITH_AS(search_args({"x", "--fields", "url,colour"}),
                       doctest::Contains("--fields: unknown field \"colour\"; valid fields: rank,"),
                       ns::UsageError);
  CHECK_THROWS_WITH_AS(search_args({"x", "-0"}),
                       "-0: records end with NUL only with --format urls, tsv or jsonl, or --count",
                       ns::UsageError);
  CHECK_THROWS_WITH_AS(search_args({"x", "--color", "blue"}),
                       "--color: unknown choice \"blue\"; valid choices: auto, always, never",
                       ns::UsageError);
  CHECK(search_args({"--batch"}).batch);
  CHECK_THROWS_AS(search_args({"--batch", "x"}), ns::UsageError);
  CHECK_THROWS_AS(search_args({"--batch", "-f", "tsv"}), ns::UsageError);
}

TEST_CASE("use_color: always, never, or a terminal without NO_COLOR") {
  using ns::ColorChoice;
  struct Case {
    ColorChoice choice;
    bool tty;
    const char* no_color;
    bool color;
  };
  const Case cases[] = {
      {ColorChoice::kAuto, true, nullptr, true}, {ColorChoice::kAuto, false, nullptr, false},
      {ColorChoice::kAuto, true, "1", false},    {ColorChoice::kAuto, true, "", true},
      {ColorChoice::kAlways, false, "1", true},  {ColorChoice::kNever, true, nullptr, false},
  };
  for (const Case& c : cases) {
    CAPTURE(static_cast<int>(c.choice));
    CAPTURE(c.tty);
    CHECK(ns::use_color(c.choice, c.tty, c.no_color) == c.color);
  }
}

TEST_CASE("ns-search facets and filter flags") {
  ns::SearchArgs a = search_args({"x", "--facet", "topic,lang", "--facet", "lang", "--facets"});
  CHECK(a.request.facets == std::vector<std::string>{"topic", "lang", "provider", "type", "year"});
  CHECK_THROWS_WITH_AS(search_args({"x", "--facet", "colour"}),
                       doctest::Contains("--facet: unknown field \"colour\"; valid fields: topic,"),
                       ns::UsageError);
  ns::Analyzer analyzer;
  auto describe = [&](std::vector<const char*> argv) {
    std::string out;
    const ns::SearchArgs args = search_args(argv);
    for (const auto& q : ns::filter_queries(args.filters, analyzer, args.request.as_of)) {
      out += q.get_description() + ";";
    }
    return out;
  };
  // One flag ORed, flags ANDed (one query each, sorted by flag).
  CHECK(describe({"x", "--topic", "AI", "--topic", "AI Ethics", "--lang", "EN"}) ==
        "Query(Len);Query((XTai OR XTai ethics));");
  auto at_least = [](Xapian::valueno slot, double v) {
    return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, Xapian::sortable_serialise(v))
               .get_description() +
           ";";
  };
  CHECK(describe({"x", "--since", "2021-12", "--min-quality", "60"}) ==
        at_least(1, 60) + at_least(0, 1638316800));  // 2021-12-01T00:00:00Z
  // Regression: --since and --until bound one field, and were ORed as one.
  auto at_most = [](Xapian::valueno slot, double v) {
    return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, Xapian::sortable_serialise(v))
               .get_description() +
           ";";
  };
  CHECK(describe({"x", "--since", "2021-12", "--until", "2021-12"}) ==
        at_least(0, 1638316800) + at_most(0, 1640995199));
  CHECK_THROWS_WITH_AS(describe({"x", "--until", "soon"}),
                       "--until: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, or a day counted "
                       "back from today (today, yesterday, 7d, 2w, 3m, 1y), got \"soon\"",
                       ns::UsageError);
  CHECK_THROWS_AS(search_args({"x", "--min-quality", "high"}), ns::UsageError);
  // Relative dates count back from --as-of (2021-12-14): --since 7d is from 2021-12-07.
  CHECK(describe({"x", "--since", "7d", "--as-of", "2021-12-14"}) == at_least(0, 1638835200));
  CHECK(describe({"x", "--until", "yesterday", "--as-of", "2021-12-14"}) ==
        at_most(0, 1639439999));  // 2021-12-13T23:59:59Z
}

TEST_CASE("ns-search has a filter flag for each field the schema marks kFilterFlag") {
  for (const ns::schema::Prefix& p : ns::schema::kPrefixes) {
    if (p.field.empty() || p.field.find(' ') != std::string_view::npos) continue;
    const std::string flag = "--" + std::string(p.field);
    CAPTURE(flag);
    if (!(p.use & ns::schema::kFilterFlag)) {
      CHECK_THROWS_AS(search_args({"x", flag.c_str(), "v"}), ns::UsageError);
      continue;
    }
    const std::vector<ns::FilterFlag> filters = search_args({"x", flag.c_str(), "v"}).filters;
    REQUIRE(filters.size() == 1);
    CHECK(filters[0].flag == flag);
    CHECK(filters[0].field == p.field);
    CHECK(filters[0].value == "v");
    CHECK_THROWS_WITH_AS(search_args({"x", flag.c_str(), ""}),
                         (flag + ": expected a value, got \"\"").c_str(), ns::UsageError);
  }
}

TEST_CASE("ns-search: filter flags alone select every article they match") {
  CHECK(search_args({"--since", "2024-03-15", "--sort", "date"}).request.query == "*");
  CHECK(search_args({"--topic", "AI"}).request.query == "*");
  CHECK(search_args({"--topic", "AI", "ipo"}).request.query == "ipo");
}

TEST_CASE("ns-search: options that cannot combine are refused, saying which") {
  const struct {
    std::vector<const char*> argv;
    const char* error;
  } rows[] = {
      {{"-c", "-f", "json", "x"}, "--count prints one number; leave out --format"},
      {{"-c", "--facet", "year", "x"}, "--count prints one number; leave out --facet"},
      {{"-c", "--facets", "x"}, "--count prints one number; leave out --facets"},
      {{"-c", "--fields", "url", "x"}, "--count prints one number; leave out --fields"},
      {{"-c", "-n", "5", "x"}, "--count prints one number; leave out --limit"},
      {{"-c", "--offset", "5", "x"}, "--count prints one number; leave out --offset"},
      {{"--batch", "-f", "json"}, "--batch writes one JSON line a query; leave out --format, "
                                  "--count and -0"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.error);
    CHECK_THROWS_WITH_AS(search_args(row.argv), row.error, ns::UsageError);
  }
  // The defaults named explicitly are no conflict, -0 with --count neither.
  CHECK(search_args({"-c", "-0", "x"}).output.count);
  CHECK(search_args({"-c", "-f", "text", "x"}).output.count);
}

TEST_CASE("wrap: lines of at most width, broken at spaces") {
  CHECK(ns::wrap("", 10) == "");
  CHECK(ns::wrap("one two three", 7) == "one two\nthree\n");
  CHECK(ns::wrap("one two three", 8) == "one two\nthree\n");
  CHECK(ns::wrap("a  b", 10) == "a b\n");
  CHECK(ns::wrap("unbreakable word", 5) == "unbreakable\nword\n");
}

TEST_CASE("ns-index command line") {
  ns::IndexArgs a = index_args({"a", "b", "--rebuild", "--strict", "-q"});
  CHECK(a.paths == std::vector<std::string>{"a", "b"});
  CHECK(a.rebuild);
  CHECK(a.strict);
  CHECK(a.quiet);
  CHECK(index_args({}).paths.empty());  // the roots the database holds
  CHECK(index_args({"--version"}).common.version);
}

TEST_CASE("ns-index command line: --exclude, --roots, --forget") {
  CHECK(index_args({"--exclude", "a", "--exclude=!b", "x"}).excludes ==
        std::vector<std::string>{"a", "!b"});
  CHECK(index_args({"--roots"}).list_roots);
  CHECK(index_args({"--forget", "/r", "-q", "--wait"}).forget == "/r");
  // Either acts on the stored roots alone.
  CHECK_THROWS_AS(index_args({"--roots", "x"}), ns::UsageError);
  CHECK_THROWS_AS(index_args({"--forget", "/r", "x"}), ns::UsageError);
  CHECK_THROWS_AS(index_args({"--roots", "--forget", "/r"}), ns::UsageError);
  CHECK_THROWS_AS(index_args({"--forget", "/r", "--rebuild"}), ns::UsageError);
  CHECK_THROWS_AS(index_args({"--roots", "--exclude", "a"}), ns::UsageError);
  CHECK_THROWS_AS(index_args({"--forget", "/r", "--shards", "2"}), ns::UsageError);
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
