// What is new and feeds: --new-since's WHEN, --since-last's NAME, Atom's
// escaping.
#include <doctest/doctest.h>

#include <string>

#include "common/datetime.h"
#include "common/errors.h"
#include "searcher/atom_formatter.h"
#include "searcher/query_parser.h"
#include "searcher/since_last.h"

TEST_CASE("atom: xml_escaped escapes markup and replaces what XML 1.0 may not hold") {
  const struct {
    std::string text;
    std::string escaped;
  } rows[] = {
      {"plain 商汤 é", "plain 商汤 é"},
      {"<b>a & \"b\"</b> ]]>", "&lt;b&gt;a &amp; &quot;b&quot;&lt;/b&gt; ]]&gt;"},
      {"tab\tline\ncr\r", "tab\tline\ncr\r"},
      {"bell\x07 esc\x1b nul", "bell\xef\xbf\xbd esc\xef\xbf\xbd nul"},
      {std::string("zero\0byte", 9), "zero\xef\xbf\xbd" "byte"},
      {"c1 \xc2\x85 kept", "c1 \xc2\x85 kept"},  // U+0085 is an XML 1.0 Char
      {"nonchar \xef\xbf\xbe \xef\xbf\xbf", "nonchar \xef\xbf\xbd \xef\xbf\xbd"},
      {"bad \xff byte", "bad \xef\xbf\xbd byte"},
      {"surrogate \xed\xa0\x80!", "surrogate \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd!"},
  };
  for (const auto& row : rows) CHECK(ns::xml_escaped(row.text) == row.escaped);
}

TEST_CASE("new since: instant reads dates, relative days and date-times") {
  const std::int64_t now = *ns::parse_iso8601("2026-12-03T16:00:00Z");
  CHECK(ns::instant("2026", now) == ns::parse_iso8601("2026-01-01"));
  CHECK(ns::instant("2026-12", now) == ns::parse_iso8601("2026-12-01"));
  CHECK(ns::instant("2026-12-02", now) == ns::parse_iso8601("2026-12-02"));
  CHECK(ns::instant("today", now) == ns::parse_iso8601("2026-12-03"));
  CHECK(ns::instant("yesterday", now) == ns::parse_iso8601("2026-12-02"));
  CHECK(ns::instant("7d", now) == ns::parse_iso8601("2026-11-26"));
  CHECK(ns::instant("2026-12-03T08:30:00+01:00", now) == ns::parse_iso8601("2026-12-03T07:30:00Z"));
  for (const char* bad : {"", "lastweek", "2026-13-01", "2026-12-03T25:00:00Z", "@3"}) {
    CHECK_MESSAGE(!ns::instant(bad, now), bad);
  }
}

TEST_CASE("since last: a NAME is a plain file name") {
  for (const char* good : {"sensetime", "vaccines-daily", "a.b", "商汤", "x_1"}) {
    CHECK_NOTHROW(ns::check_since_last_name(good));
  }
  for (const char* bad : {"", "a/b", "/abs", ".", "..", ".hidden", "tab\there", "nl\n"}) {
    CHECK_THROWS_AS(ns::check_since_last_name(bad), ns::UsageError);
  }
  CHECK_THROWS_AS(ns::check_since_last_name(std::string(101, 'x')), ns::UsageError);
  CHECK_NOTHROW(ns::check_since_last_name(std::string(100, 'x')));
}
