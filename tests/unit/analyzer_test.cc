#include "common/analyzer.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

// The words of text joined with "|", so a failure prints readably.
std::string words(const std::string& text) {
  ns::Analyzer analyzer;
  std::string out;
  for (const ns::Token& t : analyzer.words(text)) out += (out.empty() ? "" : "|") + t.term;
  return out;
}

// Every index term of text: "word@pos", "J:joined@pos", "Z:stem", "U:c",
// "B:cc@pos".
std::string index_terms(const std::string& text) {
  ns::Analyzer analyzer;
  std::string out;
  for (const ns::Term& t : analyzer.index_terms(text)) {
    static const char* kMarks[] = {"", "J:", "Z:", "U:", "B:"};
    out += (out.empty() ? "" : " ") + std::string(kMarks[static_cast<int>(t.kind)]) + t.text;
    if (t.position) out += "@" + std::to_string(t.position);
  }
  return out;
}

// Query units as "[words J:joined Z:stems G:ngrams =parts]".
std::string describe(const std::vector<ns::QueryUnit>& units) {
  std::string out;
  for (const ns::QueryUnit& u : units) {
    std::string unit;
    auto add = [&unit](const std::string& s) { unit += (unit.empty() ? "" : " ") + s; };
    for (const auto& w : u.words) add(w);
    if (!u.joined.empty()) add("J:" + u.joined);
    for (const auto& s : u.stems) add("Z:" + s);
    for (const auto& g : u.ngrams) add("G:" + g);
    if (!u.parts.empty()) add("=" + describe(u.parts));
    out += "[" + unit + "]";
  }
  return out;
}

std::string query_units(const std::string& text) {
  ns::Analyzer analyzer;
  return describe(analyzer.query_units(text));
}

struct Case {
  const char* text;
  const char* expected;
};

// Checks f(text) == expected for every case of a table.
template <size_t N, typename F>
void check_table(const Case (&cases)[N], F f) {
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(f(c.text) == c.expected);
  }
}

}  // namespace

TEST_CASE("analyzer: words of English, full-width, accents and punctuation") {
  const Case cases[] = {
      {"SenseTime IPO", "sensetime|ipo"},
      {"Chinese AI company SenseTime postpones HK IPO after US ban",
       "chinese|ai|company|sensetime|postpones|hk|ipo|after|us|ban"},
      // Full-width Latin folds to ASCII (NFKC), and so does its case.
      {"ｓｅｎｓｅｔｉｍｅ ＩＰＯ", "sensetime|ipo"},
      // Accents fold on Latin, Greek and Cyrillic letters.
      {"Café Zürich naïve", "cafe|zurich|naive"},
      {"Ἀθῆναι Москва́", "αθηναι|москва"},
      // Possessives, straight or typographic.
      {"SenseTime's", "sensetime"},
      {"SenseTime’s stock", "sensetime|stock"},
      // Acronyms with dots read as the plain word.
      {"U.S. and U.K.", "us|and|uk"},
      // Numbers stay whole; currency signs and # are not words.
      {"HK$3.85 in 2021", "hk|3.85|in|2021"},
      {"#hashtag", "hashtag"},
      // Hyphenated words are their parts (the joined form is an extra term).
      {"co-founder e-mail", "co|founder|e|mail"},
      // Zero-width and byte-order marks do not split or join words.
      {"\xEF\xBB\xBFSense\xE2\x80\x8BTime soft\xC2\xADhyphen", "sensetime|softhyphen"},
      {"... !!! ---", ""},
      {"", ""},
  };
  check_table(cases, words);
}

TEST_CASE("analyzer: words of Chinese, Japanese and Korean") {
  const Case cases[] = {
      // ICU's dictionary splits the company name from "technology".
      {"商汤科技", "商汤|科技"},
      {"商汤科技推迟香港IPO", "商汤|科技|推迟|香港|ipo"},
      // Japanese: voicing marks survive accent folding (ザ, not サ; ビ, not ヒ).
      {"ザ・ビートルズ", "ザ|ビート|ルズ"},
      // Half-width kana fold to full width; the dictionary splits the loan word.
      {"ｾﾝｽﾀｲﾑ", "センス|タイム"},
      {"センスタイム、香港IPOを延期", "センス|タイム|香港|ipo|を|延期"},
      // Korean words are split at spaces; particles stay attached.
      {"중국 AI 기업 센스타임, 미국 제재로", "중국|ai|기업|센스타임|미국|제재로"},
  };
  check_table(cases, words);
}

TEST_CASE("analyzer: index terms") {
  const Case cases[] = {
      // English words get their Snowball stem beside them; numbers do not.
      {"SenseTime's IPOs", "sensetime@1 Z:sensetim ipos@2 Z:ipo"},
      {"HK$3.85 2021", "hk@1 Z:hk 3.85@2 2021@3"},
      // A compound adds its joined form at the position of its first part.
      {"co-founder", "co@1 Z:co founder@2 Z:founder J:cofounder@1 Z:cofound"},
      // A word of letters and digits is split into its runs, and kept whole.
      {"iPhone13", "iphone@1 Z:iphon 13@2 J:iphone13@1 Z:iphone13"},
      // Marks belong to their letter (Devanagari vowel signs, virama).
      {"कोविड19", "कोविड@1 19@2 J:कोविड19@1 Z:कोविड19"},
      {"3.5G x86_64",
       "3.5@1 g@2 Z:g J:3.5g@1 Z:3.5g x@3 Z:x 86@4 64@5 J:x86_64@3 Z:x86_64"},
      // CJK text adds every character and every neighbouring pair;
      // positions count characters, so pairs chain into phrases.
      {"商汤科技", "商汤@1 科技@2 U:商 B:商汤@1 U:汤 B:汤科@2 U:科 B:科技@3 U:技"},
      // Latin and digits inside CJK text are words, never n-grams.
      {"商汤IPO", "商汤@1 ipo@2 Z:ipo U:商 B:商汤@1 U:汤"},
      {"4代", "4@1 代@2 U:代"},
      // ICU splits words where the script changes.
      {"타이거JK", "타이거@1 jk@2 Z:jk U:타 B:타이@1 U:이 B:이거@2 U:거"},
      // Punctuation is never part of an n-gram.
      {"(组图)", "组@1 图@2 U:组 B:组图@2 U:图"},
      {"商汤，科技", "商汤@1 科技@2 U:商 B:商汤@1 U:汤 U:科 B:科技@4 U:技"},
      // Spaces end a pair; positions count them.
      {"센스 상장", "센스@1 상장@2 U:센 B:센스@1 U:스 U:상 B:상장@4 U:장"},
      // Single letters get no n-grams.
      {"a b", "a@1 Z:a b@2 Z:b"},
  };
  check_table(cases, index_terms);
}

TEST_CASE("analyzer: query units") {
  const Case cases[] = {
      // Latin words have no n-grams.
      {"IPOs", "[ipos Z:ipo]"},
      {"co-founder", "[co founder J:cofounder Z:cofound]"},
      {"cofounder", "[cofounder Z:cofound]"},
      {"co founder", "[co Z:co][founder Z:founder]"},
      // A word of letters and digits: its runs in order, or itself whole.
      {"iPhone13", "[iphone 13 J:iphone13 Z:iphone13]"},
      {"covid19", "[covid 19 J:covid19 Z:covid19]"},
      // A CJK chunk is one unit: its words as a phrase, or its bigrams;
      // with several words, each of them is also a unit of its own.
      {"商汤科技", "[商汤 科技 G:商汤 G:汤科 G:科技 =[商汤 G:商汤][科技 G:科技]]"},
      // Characters ICU found no word for are read as words of two, a last
      // odd one joining the word before.
      {"港股回调", "[港 股 回 调 G:港股 G:股回 G:回调 =[港 股 G:港股][回 调 G:回调]]"},
      {"港股回调快",
       "[港 股 回 调 快 G:港股 G:股回 G:回调 G:调快 =[港 股 G:港股][回 调 快 "
       "G:回调 G:调快]]"},
      {"汤科", "[汤 科 G:汤科]"},
      {"商", "[商 G:商]"},
      // Mixed queries: one unit per CJK run or word, with or without
      // spaces between them.
      {"商汤 IPO 2021", "[商汤 G:商汤][ipo Z:ipo][2021]"},
      {"商汤科技SenseTime",
       "[商汤 科技 G:商汤 G:汤科 G:科技 =[商汤 G:商汤][科技 G:科技]][sensetime Z:sensetim]"},
      {"4代", "[4][代 G:代]"},
      {"거JK-윤미", "[거 G:거][jk Z:jk][윤미 G:윤미]"},
      {"센스타임", "[센스타임 G:센스 G:스타 G:타임]"},
      {"「センスタイム」",
       "[センス タイム G:セン G:ンス G:スタ G:タイ G:イム =[センス G:セン "
       "G:ンス][タイム G:タイ G:イム]]"},
      {"!!!", ""},
  };
  check_table(cases, query_units);
}

TEST_CASE("analyzer: positions count words from 1") {
  ns::Analyzer analyzer;
  std::vector<ns::Token> tokens = analyzer.words("Hong Kong, IPO!");
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[0].position == 1);
  CHECK(tokens[1].position == 2);
  CHECK(tokens[2].position == 3);
}

TEST_CASE("analyzer: over-long tokens are dropped, bad UTF-8 does not throw") {
  CHECK(words(std::string(100, 'a') + " ok") == "ok");
  // Found by make fuzz: a compound of words under the limit had a joined
  // form over it. Its parts stay; the joined form goes, in queries too.
  const std::string a(40, 'a'), b(40, 'b');
  CHECK(index_terms(a + "-" + b) == a + "@1 Z:" + a + " " + b + "@2 Z:" + b);
  // A word of letters and digits over the limit is an id or a hash: its
  // runs go with it.
  CHECK(index_terms(a + "1" + b).empty());
  CHECK(query_units(a + "-" + b).find("J:") == std::string::npos);
  CHECK_NOTHROW(index_terms("abc \xff\xfe def 商\xff汤"));
  CHECK_NOTHROW(query_units("\xc3 \xe5\x95 \xf0\x9f"));
}

TEST_CASE("analyzer: language from the script") {
  ns::Analyzer analyzer;
  const Case cases[] = {
      {"SenseTime postpones IPO", "en"},
      {"商汤科技推迟香港IPO", "zh"},
      {"センスタイム、香港IPOを延期", "ja"},
      {"중국 AI 기업 센스타임", "ko"},
      {"Москва", "other"},
      {"2021 !!!", ""},
  };
  check_table(cases, [&analyzer](const char* text) { return analyzer.language(text); });
}
