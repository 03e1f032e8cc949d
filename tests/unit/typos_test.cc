#include "searcher/typos.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "searcher/query_builder.h"
#include "searcher/query_parser.h"

TEST_CASE("edit_distance: optimal string alignment, each edit 1") {
  struct Case {
    const char32_t* a;
    const char32_t* b;
    int distance;
  };
  const Case cases[] = {
      {U"remdesivir", U"remdesivir", 0},
      {U"remdesevir", U"remdesivir", 1},   // replaced
      {U"remdesivr", U"remdesivir", 1},    // deleted
      {U"remdessivir", U"remdesivir", 1},  // inserted
      {U"rmedesivir", U"remdesivir", 1},   // swapped
      {U"ca", U"abc", 3},                  // no substring edited twice (Damerau: 2)
      {U"vacine", U"vaccine", 1},
      {U"", U"abc", 3},
      {U"kitten", U"sitting", 3},
      {U"пандемия", U"пандимия", 1},
  };
  for (const Case& c : cases) {
    CAPTURE(c.distance);
    CHECK(ns::edit_distance(c.a, c.b) == c.distance);
    CHECK(ns::edit_distance(c.b, c.a) == c.distance);
  }
}

TEST_CASE("allowed_edits and correctable: the words corrected and how far") {
  CHECK(ns::allowed_edits(3, true) == 0);
  CHECK(ns::allowed_edits(4, false) == 0);
  CHECK(ns::allowed_edits(4, true) == 1);  // only when no article holds it
  CHECK(ns::allowed_edits(5, false) == 1);
  CHECK(ns::allowed_edits(8, false) == 1);
  CHECK(ns::allowed_edits(9, false) == 2);
  CHECK(ns::correctable("remdesevir") == U"remdesevir");
  CHECK(ns::correctable("straße") == U"straße");
  CHECK(ns::correctable("пандемия").size() == 8);
  for (const char* never : {"ipo", "covid19", "2021", "o'neill", "商汤科技", "センスタイム"}) {
    CAPTURE(never);
    CHECK(ns::correctable(never).empty());
  }
}

TEST_CASE("front_variants: every word one edit of the first two letters makes") {
  const std::vector<std::u32string> v = ns::front_variants(U"abcde");
  auto has = [&](const std::u32string& w) { return std::find(v.begin(), v.end(), w) != v.end(); };
  for (const char32_t* w :
       {U"bcde", U"acde", U"bacde", U"acbde", U"xbcde", U"axcde", U"xabcde", U"axbcde"}) {
    CHECK(has(w));
  }
  CHECK_FALSE(has(U"abcde"));
  CHECK_FALSE(has(U"abxde"));  // keeps the first two letters: the scan finds it
  CHECK(std::all_of(v.begin(), v.end(),
                    [](const std::u32string& w) { return ns::edit_distance(w, U"abcde") == 1; }));
  CHECK(std::is_sorted(v.begin(), v.end()));
  CHECK(std::adjacent_find(v.begin(), v.end()) == v.end());
}

TEST_CASE("better: fewest edits, then most articles, then by word") {
  const ns::TypoCandidate a{"remdesivir", 1, 50}, b{"remdesivirs", 1, 2}, c{"remedies", 2, 90},
      d{"aaaaa", 1, 50};
  CHECK(ns::better(a, b));
  CHECK(ns::better(b, c));
  CHECK(ns::better(d, a));
  CHECK_FALSE(ns::better(a, a));
}

TEST_CASE("words_match: the candidates only where the unit is not, weighted low") {
  ns::Analyzer analyzer;
  CHECK(ns::typo_way({}).empty());
  const ns::TypoLookup typos = [](const ns::QueryUnit&) {
    return std::vector<std::string>{"remdesivir", "remdesivirs"};
  };
  CHECK(ns::words_query("remdesevir", ns::kFreeText, analyzer, nullptr, typos)
            .get_description() ==
        "Query((remdesevir OR (Zremdesevir AND_NOT remdesevir) OR "
        "(0.25 * (remdesivir SYNONYM remdesivirs) AND_NOT (remdesevir OR Zremdesevir))))");
}

TEST_CASE("parse_query: only free-text words that must or may match are corrected") {
  ns::Analyzer analyzer;
  std::vector<std::string> asked;
  const ns::TypoLookup typos = [&](const ns::QueryUnit& unit) {
    asked.push_back(unit.words.empty() ? "" : unit.words.front());
    return std::vector<std::string>{};
  };
  ns::parse_query(
      "remdesevir \"japan approves\" title:gilead remdes* -tokyo NOT osaka "
      "provider:reuters (vacine OR vaccine)",
      analyzer, ns::WordMatch::kAll, nullptr, 0, typos);
  CHECK(asked == std::vector<std::string>{"remdesevir", "vacine", "vaccine"});
}

TEST_CASE("corrected_query: each replaced word in place, the rest as typed") {
  ns::Analyzer analyzer;
  const ns::UnitReplacement fix = [](const ns::QueryUnit& unit) -> std::optional<std::string> {
    if (unit.words.front() == "remdesevir") return std::string("remdesivir");
    if (unit.words.front() == "vacine") return std::string("vaccine");
    return std::nullopt;
  };
  CHECK(ns::corrected_query("Remdesevir, Japan", analyzer, fix) ==
        std::optional<std::string>("remdesivir, Japan"));
  CHECK(ns::corrected_query("(vacine OR flu) date:2020 \"vacine\" title:vacine", analyzer, fix) ==
        std::optional<std::string>("(vaccine OR flu) date:2020 \"vacine\" title:vacine"));
  CHECK_FALSE(ns::corrected_query("japan approves", analyzer, fix));
}
