#include "searcher/query_builder.h"

#include <doctest/doctest.h>

#include "common/errors.h"

TEST_CASE("build_query: every word must match, through the analyzer") {
  struct Case {
    const char* text;
    const char* description;
  };
  const Case cases[] = {
      {"SenseTime", "Query(sensetime@1)"},
      {"SenseTime IPO", "Query((sensetime@1 AND ipo@2))"},
      {"ＳｅｎｓｅＴｉｍｅ's   IPO!", "Query((sensetime@1 AND ipo@2))"},
      {"商汤科技", "Query((商汤@1 AND 科技@2))"},
  };
  ns::Analyzer analyzer;
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(ns::build_query(c.text, analyzer).get_description() == c.description);
  }
}

TEST_CASE("build_query: nothing to search for") {
  ns::Analyzer analyzer;
  for (const char* text : {"", "   ", "!!! ...", "—"}) {
    CAPTURE(text);
    CHECK_THROWS_WITH_AS(ns::build_query(text, analyzer), "query: no words to search for",
                         ns::QueryError);
  }
}
