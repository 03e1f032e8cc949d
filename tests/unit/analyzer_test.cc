#include "common/analyzer.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

// The words of text joined with "|", so a failure prints readably.
std::string terms(const std::string& text) {
  ns::Analyzer analyzer;
  std::string out;
  for (const ns::Token& t : analyzer.words(text)) out += (out.empty() ? "" : "|") + t.term;
  return out;
}

}  // namespace

TEST_CASE("analyzer: text to words") {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"SenseTime IPO", "sensetime|ipo"},
      {"Chinese AI company SenseTime postpones HK IPO after US ban",
       "chinese|ai|company|sensetime|postpones|hk|ipo|after|us|ban"},
      // Full-width Latin folds to ASCII (NFKC).
      {"ｓｅｎｓｅｔｉｍｅ ＩＰＯ", "sensetime|ipo"},
      // Accents fold on Latin letters.
      {"Café Zürich", "cafe|zurich"},
      // Possessives, straight or typographic.
      {"SenseTime's", "sensetime"},
      {"SenseTime’s stock", "sensetime|stock"},
      // Numbers stay whole.
      {"HK$3.85 in 2021", "hk|3.85|in|2021"},
      // Zero-width and byte-order marks do not split or join words.
      {"\xEF\xBB\xBFSense\xE2\x80\x8BTime", "sensetime"},
      // Punctuation alone makes no words.
      {"... !!! ---", ""},
      {"", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(terms(c.text) == c.expected);
  }
}

TEST_CASE("analyzer: CJK is segmented by ICU's dictionary") {
  // Chinese: ICU's dictionary splits the company name from "technology".
  CHECK(terms("商汤科技") == "商汤|科技");
  // Japanese voicing marks survive accent folding: ザ stays ザ.
  CHECK(terms("ザ") == "ザ");
  // Half-width kana fold to full width; the dictionary splits the loan word.
  CHECK(terms("ｾﾝｽﾀｲﾑ") == "センス|タイム");
  // Hangul words are split on spaces.
  CHECK(terms("중국 AI 기업 센스타임") == "중국|ai|기업|센스타임");
}

TEST_CASE("analyzer: positions count words from 1") {
  ns::Analyzer analyzer;
  std::vector<ns::Token> tokens = analyzer.words("Hong Kong, IPO!");
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[0].position == 1);
  CHECK(tokens[1].position == 2);
  CHECK(tokens[2].position == 3);
}

TEST_CASE("analyzer: over-long tokens are dropped") {
  CHECK(terms(std::string(100, 'a') + " ok") == "ok");
}

TEST_CASE("analyzer: invalid UTF-8 does not throw") { CHECK_NOTHROW(terms("abc \xff\xfe def")); }
