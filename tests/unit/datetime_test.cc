#include "common/datetime.h"

#include <doctest/doctest.h>

TEST_CASE("parse_iso8601: accepted forms, in UTC") {
  struct Case {
    const char* text;
    std::int64_t seconds;
  };
  const Case cases[] = {
      {"1970-01-01T00:00:00Z", 0},
      {"2021-12-14T03:22:00Z", 1639452120},
      {"2021-12-14T03:22:00", 1639452120},
      {"2021-12-14 03:22:00Z", 1639452120},
      {"2021-12-13T20:22:00-07:00", 1639452120},
      {"2021-12-14T11:22:00+0800", 1639452120},
      {"2021-12-14T03:22:00.123Z", 1639452120},
      {"2021-12-14T03:22Z", 1639452120},
      {"2021-12-14", 1639440000},
      {"2020-02-29", 1582934400},
      {"1969-12-31T23:59:59Z", -1},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    REQUIRE(ns::parse_iso8601(c.text).has_value());
    CHECK(*ns::parse_iso8601(c.text) == c.seconds);
  }
}

TEST_CASE("parse_iso8601: rejected forms") {
  for (const char* text : {"", "yesterday", "2021", "2021-13-01", "2021-02-29", "2021-12-32",
                           "2021-12-14T24:00:00Z", "2021-12-14T03:22:00Q", "2021-12-14T3:22",
                           "2021-12-14T03:22:00+25:00", "2021-12-14T03:22:00.Z"}) {
    CAPTURE(text);
    CHECK_FALSE(ns::parse_iso8601(text).has_value());
  }
}

TEST_CASE("format_iso8601 and format_date") {
  CHECK(ns::format_iso8601(1639452120) == "2021-12-14T03:22:00Z");
  CHECK(ns::format_iso8601(-1) == "1969-12-31T23:59:59Z");
  CHECK(ns::format_date(1639452120) == "2021-12-14");
  for (std::int64_t s : {0LL, 951782400LL, 4102444799LL, -86400LL * 365 * 100}) {
    CHECK(ns::parse_iso8601(ns::format_iso8601(s)) == s);
  }
}
