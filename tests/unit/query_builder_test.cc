#include "searcher/query_builder.h"

#include <doctest/doctest.h>

#include "common/errors.h"

TEST_CASE("build_query: every unit must match, through the analyzer") {
  struct Case {
    const char* text;
    const char* description;
  };
  // Each unit scores by the best of its ways (MAX): whole words x2, the stem,
  // or the n-grams at kSubstringWeight of their average.
  const Case cases[] = {
      {"IPO", "Query((2 * ipo MAX Zipo MAX 0.25 * (XGip PHRASE 2 XGpo)))"},
      // The n-grams of a Latin word are those of its text as written.
      {"ＩＰＯ's   US!",
       "Query(((2 * ipo MAX Zipo MAX 0.125 * (XGip PHRASE 4 XGpo PHRASE 4 XGo' "
       "PHRASE 4 XG's)) AND (2 * us MAX Zus MAX 0.5 * XGus)))"},
      {"co-founder",
       "Query((2 * ((co PHRASE 2 founder) OR cofounder) MAX Zcofound MAX "
       "0.055555555555555552472 * (XGco PHRASE 9 XGo- PHRASE 9 XG-f PHRASE 9 XGfo "
       "PHRASE 9 XGou PHRASE 9 XGun PHRASE 9 XGnd PHRASE 9 XGde PHRASE 9 XGer)))"},
      // A CJK chunk: its words as a phrase, or its bigrams as one.
      {"商汤科技",
       "Query((2 * (商汤 PHRASE 2 科技) MAX 0.16666666666666665741 * (XG商汤 PHRASE 3 "
       "XG汤科 PHRASE 3 XG科技)))"},
      {"商", "Query((2 * 商 MAX 0.5 * XG商))"},
      // Quotes: a phrase of exact words, no stems; an unclosed quote runs on.
      {"\"hong kong IPO\"", "Query((hong PHRASE 3 kong PHRASE 3 ipo))"},
      {"\"IPOs\"",
       "Query((2 * ipos MAX 0.16666666666666665741 * (XGip PHRASE 3 XGpo PHRASE 3 XGos)))"},
      {"\"商汤科技\"",
       "Query((2 * (商汤 PHRASE 2 科技) MAX 0.16666666666666665741 * (XG商汤 PHRASE "
       "3 XG汤科 PHRASE 3 XG科技)))"},
      {"delay \"hong kong",
       "Query(((2 * delay MAX Zdelay MAX 0.125 * (XGde PHRASE 4 XGel PHRASE 4 "
       "XGla PHRASE 4 XGay)) AND (hong PHRASE 2 kong)))"},
      // A quoted CJK phrase across a space also matches unit by unit as substrings.
      {"\"자매 아\"", "Query((2 * (자매 PHRASE 2 아) MAX (0.5 * XG자매 AND 0.5 * XG아)))"},
  };

  ns::Analyzer analyzer;
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(ns::build_query(c.text, analyzer).get_description() == c.description);
  }
}

TEST_CASE("build_query: nothing to search for") {
  ns::Analyzer analyzer;
  for (const char* text : {"", "   ", "!!! ...", "—", "\"\"", "\""}) {
    CAPTURE(text);
    CHECK_THROWS_WITH_AS(ns::build_query(text, analyzer), "query: no words to search for",
                         ns::QueryError);
  }
}

TEST_CASE("with_priors: a file's own article and an exact title weigh more; matches stay") {
  ns::Analyzer analyzer;
  const Xapian::Query q = ns::build_query("IPO", analyzer);
  // The whole-title term is the hash of the query's normalised words.
  CHECK(ns::with_priors(q, "\"ＩＰＯ!\"", analyzer).get_description() ==
        "Query(((2 * ipo MAX Zipo MAX 0.25 * (XGip PHRASE 2 XGpo)) AND_MAYBE "
        "(PostingSource(Xapian::ValueMapPostingSource(slot=15)) OR 2 * XW2bc206192bf1ba89)))");
}
