#include "searcher/query_builder.h"

#include <doctest/doctest.h>

namespace {

std::string describe(const Xapian::Query& q) { return q.get_description(); }

}  // namespace

TEST_CASE("words_query: each unit scores the sum of its ways to match") {
  ns::Analyzer analyzer;
  struct Case {
    const char* text;
    const char* description;
  };
  // Whole words x2, the stem, or the n-grams at kSubstringWeight of their
  // average; the n-grams of a Latin word are those of its text as written.
  const Case cases[] = {
      {"IPO", "Query((2 * ipo OR Zipo OR 0.25 * (XGip PHRASE 2 XGpo)))"},
      {"ＩＰＯ's   US!",
       "Query(((2 * ipo OR Zipo OR 0.125 * (XGip PHRASE 4 XGpo PHRASE 4 XGo' "
       "PHRASE 4 XG's)) AND (2 * us OR Zus OR 0.5 * XGus)))"},
      {"co-founder",
       "Query((2 * ((co PHRASE 2 founder) OR cofounder) OR Zcofound OR "
       "0.055555555555555552472 * (XGco PHRASE 9 XGo- PHRASE 9 XG-f PHRASE 9 XGfo "
       "PHRASE 9 XGou PHRASE 9 XGun PHRASE 9 XGnd PHRASE 9 XGde PHRASE 9 XGer)))"},
      // A CJK chunk of several words: each word on its own, and a bonus
      // for the chunk as a whole.
      {"商汤科技",
       "Query((((2 * 商汤 OR 0.5 * XG商汤) AND (2 * 科技 OR 0.5 * XG科技)) AND_MAYBE "
       "(2 * (商汤 PHRASE 2 科技) OR 0.16666666666666665741 * (XG商汤 PHRASE 3 XG汤科 "
       "PHRASE 3 XG科技))))"},
      {"商", "Query((2 * 商 OR 0.5 * XG商))"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(describe(ns::words_query(c.text, ns::kFreeText, analyzer)) == c.description);
  }
  CHECK(describe(ns::words_query("IPOs", ns::kTitleText, analyzer)) == "Query(2 * Sipos)");
  CHECK(ns::words_query("!!!", ns::kFreeText, analyzer).empty());
}

TEST_CASE("phrase_query: exact words in order, CJK across a space also as substrings") {
  ns::Analyzer analyzer;
  CHECK(describe(ns::phrase_query("hong kong IPO", ns::kFreeText, analyzer)) ==
        "Query((hong PHRASE 3 kong PHRASE 3 ipo))");
  CHECK(describe(ns::phrase_query("IPOs", ns::kFreeText, analyzer)) ==
        "Query((2 * ipos OR 0.16666666666666665741 * (XGip PHRASE 3 XGpo PHRASE 3 XGos)))");
  CHECK(describe(ns::phrase_query("자매 아", ns::kFreeText, analyzer)) ==
        "Query((2 * (자매 PHRASE 2 아) OR (0.5 * XG자매 AND 0.5 * XG아)))");
  // A phrase in a field: the phrase in the free text, each of its words in
  // the field: after the excerpt's mark, or among the title's words.
  CHECK(describe(ns::phrase_query("hong kong", ns::kExcerptText, analyzer)) ==
        "Query(((hong PHRASE 2 kong) AND ((XE PHRASE 2147483647 hong) AND "
        "(XE PHRASE 2147483647 kong))))");
  CHECK(describe(ns::words_query("co-founder", ns::kTitleText, analyzer)) ==
        "Query(2 * (((co PHRASE 2 founder) AND (Sco AND Sfounder)) OR Scofounder))");
}

TEST_CASE("with_priors: a file's own article and an exact title weigh more, matches stay") {
  ns::Analyzer analyzer;
  const Xapian::Query q = ns::words_query("IPO", ns::kFreeText, analyzer);
  // The whole-title term is the hash of the query's normalised words.
  CHECK(describe(ns::with_priors(q, "\"ＩＰＯ!\"", analyzer)) ==
        "Query(((2 * ipo OR Zipo OR 0.25 * (XGip PHRASE 2 XGpo)) AND_MAYBE "
        "(PostingSource(Xapian::ValueWeightPostingSource(slot=16)) OR 2 * XW2bc206192bf1ba89)))");
}
