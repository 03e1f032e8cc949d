#include "searcher/query_builder.h"

#include <doctest/doctest.h>

namespace {

std::string describe(const Xapian::Query& q) { return q.get_description(); }

}  // namespace

TEST_CASE("words_query: each unit matches once, by its best way") {
  ns::Analyzer analyzer;
  struct Case {
    const char* text;
    const char* description;
  };
  // The exact word, else its stem (AND_NOT the ways before it); a
  // compound or split word as its joined form, else its parts in order
  // (one word: a synonym); CJK words, else their n-grams at
  // kSubstringWeight of their average. No n-grams for Latin words.
  const Case cases[] = {
      {"IPO", "Query((ipo OR (Zipo AND_NOT ipo)))"},
      // Neighbouring words may be written as one (ipous), and weigh more
      // next to each other.
      {"ＩＰＯ's   US!",
       "Query((((ipo OR (Zipo AND_NOT ipo) OR (0.5 * ipous AND_NOT (ipo OR Zipo))) AND "
       "(us OR (Zus AND_NOT us) OR (0.5 * ipous AND_NOT (us OR Zus)))) AND_MAYBE "
       "0.25 * (ipo PHRASE 2 us)))"},
      // Regression: the joined form weighed by its own rarity, so the 2
      // articles writing "covid19" outscored the 2,550 writing "covid-19"
      // (15.10 against 2.7): both forms are one word now (a synonym).
      {"co-founder",
       "Query(((cofounder SYNONYM (co PHRASE 2 founder)) OR "
       "(Zcofound AND_NOT (cofounder SYNONYM (co PHRASE 2 founder)))))"},
      {"covid19",
       "Query(((covid19 SYNONYM (covid PHRASE 2 19)) OR "
       "(Zcovid19 AND_NOT (covid19 SYNONYM (covid PHRASE 2 19)))))"},
      // A CJK run of several words: each word on its own, and a bonus
      // for the run as a whole.
      {"商汤科技",
       "Query((((商汤 OR (0.5 * XG商汤 AND_NOT 商汤)) AND (科技 OR (0.5 * XG科技 AND_NOT 科技))) AND_MAYBE "
       "(0.5 * (商汤 PHRASE 2 科技) OR (0.16666666666666665741 * (XG商汤 PHRASE 3 XG汤科 "
       "PHRASE 3 XG科技) AND_NOT (商汤 PHRASE 2 科技)))))"},
      {"商", "Query((商 OR (0.5 * XG商 AND_NOT 商)))"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(describe(ns::words_query(c.text, ns::kFreeText, analyzer)) == c.description);
  }
  CHECK(describe(ns::words_query("IPOs", ns::kTitleText, analyzer)) == "Query(Sipos)");
  CHECK(ns::words_query("!!!", ns::kFreeText, analyzer).empty());
}

TEST_CASE("words_query: a rare word also as the two words a database holds") {
  ns::Analyzer analyzer;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 30; ++i) {
    Xapian::Document doc;
    doc.add_term("power");
    doc.add_term("apps");
    if (i == 0) doc.add_term("powerapps");
    db.add_document(doc);
  }
  const std::string split = "(0.5 * (power PHRASE 2 apps) AND_NOT (powerapps OR Zpowerapp))";
  CHECK(describe(ns::words_query("PowerApps", ns::kFreeText, analyzer, &db)) ==
        "Query((powerapps OR (Zpowerapp AND_NOT powerapps) OR " + split + "))");
  // Not a common word: 1 article in 20 of the rarer part's or more.
  for (int i = 0; i < 2; ++i) {
    Xapian::Document doc;
    doc.add_term("powerapps");
    db.add_document(doc);
  }
  CHECK(describe(ns::words_query("PowerApps", ns::kFreeText, analyzer, &db)).find("PHRASE") ==
        std::string::npos);
}

TEST_CASE("phrase_query: exact words in order, CJK across a space also as substrings") {
  ns::Analyzer analyzer;
  CHECK(describe(ns::phrase_query("hong kong IPO", ns::kFreeText, analyzer)) ==
        "Query((hong PHRASE 3 kong PHRASE 3 ipo))");
  CHECK(describe(ns::phrase_query("IPOs", ns::kFreeText, analyzer)) == "Query(ipos)");
  CHECK(describe(ns::phrase_query("자매 아", ns::kFreeText, analyzer)) ==
        "Query(((자매 PHRASE 2 아) OR ((0.5 * XG자매 AND 0.5 * XG아) AND_NOT (자매 PHRASE 2 아))))");
  // A phrase in a field: the phrase in the free text, each of its words in
  // the field: after the excerpt's mark, or among the title's words.
  CHECK(describe(ns::phrase_query("hong kong", ns::kExcerptText, analyzer)) ==
        "Query(((hong PHRASE 2 kong) AND ((XE PHRASE 2147483647 hong) AND "
        "(XE PHRASE 2147483647 kong))))");
  CHECK(describe(ns::words_query("co-founder", ns::kTitleText, analyzer)) ==
        "Query((Scofounder SYNONYM ((co PHRASE 2 founder) AND (Sco AND Sfounder))))");
  // Regression: a quoted CJK run with Latin letters or digits in it found
  // only its exact words ("至少6人死" not 斐济洪灾…至少6人死亡): the CJK runs
  // match as substrings, the other words as themselves.
  CHECK(describe(ns::phrase_query("至少6人死", ns::kFreeText, analyzer)) ==
        "Query(((至少 PHRASE 3 6 PHRASE 3 人死) OR ((0.5 * XG至少 AND 6 AND 0.5 * XG人死) "
        "AND_NOT (至少 PHRASE 3 6 PHRASE 3 人死))))");
}

TEST_CASE("with_priors: a file's own article and an exact title weigh more, matches stay") {
  ns::Analyzer analyzer;
  const Xapian::Query q = ns::words_query("IPO", ns::kFreeText, analyzer);
  // The whole-title term is the hash of the query's normalised words.
  CHECK(describe(ns::with_priors(q, "\"ＩＰＯ!\"", analyzer)) ==
        "Query((0.11764705882352941013 * (ipo OR (Zipo AND_NOT ipo)) AND_MAYBE "
        "(PostingSource(Xapian::ValueWeightPostingSource(slot=16)) OR 2 * XW2bc206192bf1ba89)))");
}
