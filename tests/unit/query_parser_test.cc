#include "searcher/query_parser.h"

#include <doctest/doctest.h>

#include <random>
#include <string>

#include "common/datetime.h"
#include "common/errors.h"
#include "common/schema.h"

namespace {

using Query = Xapian::Query;

std::string parse(const std::string& text) {
  ns::Analyzer analyzer;
  return ns::parse_query(text, analyzer).get_description();
}

std::string error(const std::string& text) {
  ns::Analyzer analyzer;
  try {
    ns::parse_query(text, analyzer);
  } catch (const ns::QueryError& e) {
    return e.what();
  }
  return "no error";
}

// What the analyzer makes of one plain word, as parse() shows it.
const std::string kIpo = "(ipo OR (Zipo AND_NOT ipo))";
const std::string kBan = "(ban OR (Zban AND_NOT ban))";
const std::string kAnd = "(and OR (Zand AND_NOT and))";
// "商汤科技" typed as one chunk: its words 商汤 and 科技, and the whole chunk.
const std::string kShang = "(商汤 OR (0.5 * XG商汤 AND_NOT 商汤))";
const std::string kKeji = "(科技 OR (0.5 * XG科技 AND_NOT 科技))";
const std::string kShangKeji =
    "(0.5 * (商汤 PHRASE 2 科技) OR (0.16666666666666665741 * (XG商汤 PHRASE 3 XG汤科 PHRASE 3 "
    "XG科技) AND_NOT (商汤 PHRASE 2 科技)))";

std::string q(const std::string& inner) { return "Query(" + inner + ")"; }

// A plain word's unit (stem: its stem; joined: a neighbour's joined form).
std::string word(const std::string& w, const std::string& stem, const std::string& joined = "") {
  const std::string own = w + " OR (Z" + stem + " AND_NOT " + w + ")";
  if (joined.empty()) return "(" + own + ")";
  return "(" + own + " OR (0.5 * " + joined + " AND_NOT (" + w + " OR Z" + stem + ")))";
}

// Two neighbouring plain words (stems as typed): each may be their joined
// form, and they are a bonus found next to each other.
std::string two_words(const std::string& a, const std::string& b, const std::string& sa = "",
                      const std::string& sb = "") {
  return "((" + word(a, sa.empty() ? a : sa, a + b) + " AND " +
         word(b, sb.empty() ? b : sb, a + b) + ") AND_MAYBE 0.25 * (" + a + " PHRASE 2 " + b +
         "))";
}

struct Case {
  std::string text;
  std::string expected;
};

// Checks f(text) == expected for every case of a table.
template <size_t N, typename F>
void check_table(const Case (&cases)[N], F f) {
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(f(c.text) == c.expected);
  }
}

double day(int y, unsigned m, unsigned d) {
  return static_cast<double>(ns::days_from_civil(y, m, d) * 86400);
}

std::string range(Xapian::valueno slot, double lo, double hi) {
  return Query(Query::OP_VALUE_RANGE, slot, Xapian::sortable_serialise(lo),
               Xapian::sortable_serialise(hi))
      .get_description();
}

}  // namespace

TEST_CASE("query syntax: words, boolean operators, phrases, prefixes") {
  const Case cases[] = {
      {"ipo", q(kIpo)},
      {"ipo ban", q(two_words("ipo", "ban"))},
      {"ipo AND ban", q("(" + kIpo + " AND " + kBan + ")")},
      {"ipo OR ban", q("(" + kIpo + " OR " + kBan + ")")},
      {"ipo -ban", q("(" + kIpo + " AND_NOT " + kBan + ")")},
      {"ipo NOT ban", q("(" + kIpo + " AND_NOT " + kBan + ")")},
      // A lone exclusion means everything except it.
      {"-ipo", q("(<alldocuments> AND_NOT " + kIpo + ")")},
      {"NOT ipo", q("(<alldocuments> AND_NOT " + kIpo + ")")},
      {"-(ipo OR ban)", q("(<alldocuments> AND_NOT (" + kIpo + " OR " + kBan + "))")},
      {"(ipo OR ban) ipo", q("((" + kIpo + " OR " + kBan + ") AND " + kIpo + ")")},
      {"--ipo", q(kIpo)},
      {"\"hong kong\"", "Query((hong PHRASE 2 kong))"},
      {"ipo -\"hong kong\"", q("(" + kIpo + " AND_NOT (hong PHRASE 2 kong))")},
      {"ipo*", "Query(WILDCARD SYNONYM ipo)"},
      {"ＩＰＯ*", "Query(WILDCARD SYNONYM ipo)"},
      // "*" alone is every article; with words it selects nothing more.
      {"*", "Query(<alldocuments>)"},
      {"* -ipo", "Query((<alldocuments> AND_NOT " + kIpo + "))"},
      // A CJK chunk reads as its words, each to be found, the chunk as
      // typed weighing more; excluded, it excludes what holds all its words.
      {"商汤科技", q("((" + kShang + " AND " + kKeji + ") AND_MAYBE " + kShangKeji + ")")},
      {"ipo 商汤科技",
       q("((" + kIpo + " AND " + kShang + " AND " + kKeji + ") AND_MAYBE " + kShangKeji + ")")},
      {"ipo -商汤科技", q("(" + kIpo + " AND_NOT ((" + kShang + " AND " + kKeji + ") AND_MAYBE " +
                          kShangKeji + "))")},
      {"\"商汤科技\"", q(kShangKeji)},
      {"ipo *", "Query((" + kIpo + " FILTER <alldocuments>))"},
  };
  check_table(cases, parse);
}

std::string parse_any(const std::string& text) {
  ns::Analyzer analyzer;
  return ns::parse_query(text, analyzer, ns::WordMatch::kAny).get_description();
}

TEST_CASE("query syntax: the some-words reading joins top-level words with OR") {
  const std::string ipo = kIpo, ban = kBan;
  const std::string ipo_ban = word("ipo", "ipo", "ipoban"), ban_ipo = word("ban", "ban", "ipoban");
  // Every word together weighs kEveryWordWeight more: ORed (matching no
  // article the words do not), as is a CJK chunk's bonus.
  auto every = [](const std::string& words) {
    return "0.10000000000000000555 * (" + words + ")";
  };
  const Case cases[] = {
      // Neighbouring words may be one (ipoban); next to each other they
      // weigh more among articles with every word only.
      {"ipo ban", q("(" + ipo_ban + " OR " + ban_ipo + " OR " +
                    every(ipo_ban + " AND " + ban_ipo) + " OR (0.25 * (ipo PHRASE 2 ban) FILTER (" +
                    ipo_ban + " AND " + ban_ipo + ")))")},
      {"ipo \"hong kong\"", q("(" + ipo + " OR (hong PHRASE 2 kong) OR " +
                               every(ipo + " AND (hong PHRASE 2 kong)") + ")")},
      // Filters and exclusions keep their meaning; groups keep theirs.
      {"ipo \"hong kong\" -ban lang:en",
       q("(((" + ipo + " OR (hong PHRASE 2 kong) OR " + every(ipo + " AND (hong PHRASE 2 kong)") +
         ") FILTER Len) AND_NOT " + ban + ")")},
      {"(ipo ban) lang:en", "Query()"},
      // No different reading: one word, or operators the user typed.
      // A CJK chunk's words count as words.
      {"商汤科技", q("(" + kShang + " OR " + kKeji + " OR " + every(kShang + " AND " + kKeji) +
                     " OR " + kShangKeji + ")")},
      {"ipo", "Query()"},
      {"ipo lang:en", "Query()"},
      {"ipo OR ban", "Query()"},
      {"ipo AND ban", "Query()"},
  };
  check_table(cases, parse_any);
}

TEST_CASE("query syntax: fields, filters and ranges") {
  const Case cases[] = {
      {"title:IPOs", "Query(Sipos)"},
      {"Title:ipo", "Query(Sipo)"},
      {"title:\"hong kong\"", "Query(((hong PHRASE 2 kong) AND (Shong AND Skong)))"},
      {"title:ipo*", "Query(WILDCARD SYNONYM Sipo)"},
      {"title:商汤", "Query(S商汤)"},
      {"excerpt:ban", "Query((XE PHRASE 2147483647 ban))"},
      // Filters are normalised like the index's and never scored.
      {"provider:Reuters", "Query(XPreuters)"},
      {"provider:\"Wall Street Journal\"", "Query(XPwall street journal)"},
      {"site:WSJ.com", "Query(Hwsj.com)"},
      {"topic:\"AI Ethics\"", "Query(XTai ethics)"},
      {"tag:US-NM", "Query(Kus-nm)"},
      {"category:news", "Query(XCnews)"},
      {"type:video", "Query(XYvideo)"},
      {"lang:zh", "Query(Lzh)"},
      {"kind:related", "Query(XKrelated)"},
      {"topic:ai OR topic:ml", "Query((XTai OR XTml))"},
      {"ipo topic:ai -site:wsj.com", q("((" + kIpo + " FILTER XTai) AND_NOT Hwsj.com)")},
      // Ranges over the date and quality slots.
      {"date:2021", range(0, day(2021, 1, 1), day(2022, 1, 1) - 1)},
      {"date:2021-12..2022-06-30", range(0, day(2021, 12, 1), day(2022, 7, 1) - 1)},
      {"date:2024-02", range(0, day(2024, 2, 1), day(2024, 3, 1) - 1)},
      {"quality:40..60", range(1, 40, 60)},
      {"quality:87", range(1, 87, 87)},
      {"date:2021..",
       Query(Query::OP_VALUE_GE, 0, Xapian::sortable_serialise(day(2021, 1, 1))).get_description()},
      {"date:..2021-06",
       Query(Query::OP_VALUE_LE, 0, Xapian::sortable_serialise(day(2021, 7, 1) - 1))
           .get_description()},
      {"quality:60..",
       Query(Query::OP_VALUE_GE, 1, Xapian::sortable_serialise(60)).get_description()},
      {"quality:..30",
       Query(Query::OP_VALUE_LE, 1, Xapian::sortable_serialise(30)).get_description()},
  };
  check_table(cases, parse);
}

TEST_CASE("query syntax: malformed queries read leniently where the intent is clear") {
  const Case cases[] = {
      {"\"hong kong", "Query((hong PHRASE 2 kong))"},        // unclosed quote
      {"(ipo OR ban", q("(" + kIpo + " OR " + kBan + ")")},  // unclosed parenthesis
      {"ipo)", q(kIpo)},                                     // stray parenthesis
      {"ipo) ban", q("(" + kIpo + " AND " + kBan + ")")},
      {"ipo -", q(kIpo)},  // lone minus
      {"- ipo", q(kIpo)},
      {"foo:ipo", q(two_words("foo", "ipo"))},
      // AND and OR lacking an operand on either side, at either end of the
      // query or of a group, are words; so is NOT with nothing after it.
      {"OR ipo", q(two_words("or", "ipo"))},
      {"ipo OR", q(two_words("ipo", "or"))},
      {"AND ipo", q(two_words("and", "ipo"))},
      {"ipo AND", q(two_words("ipo", "and"))},
      {"(OR ipo)", q(two_words("or", "ipo"))},
      {"(ipo OR) ban", q("(" + two_words("ipo", "or") + " AND " + kBan + ")")},
      {"ban (AND ipo)", q("(" + kBan + " AND " + two_words("and", "ipo") + ")")},
      {"ban (ipo AND)", q("(" + kBan + " AND " + two_words("ipo", "and") + ")")},
      {"(ipo NOT)", q(two_words("ipo", "not"))},
      {"ipo OR OR ban", q("(" + kIpo + " OR " + two_words("or", "ban") + ")")},
      {"ipo AND -ban", q("(" + kIpo + " AND_NOT " + kBan + ")")},
      {"ipo OR (ban)", q("(" + kIpo + " OR " + kBan + ")")},
      {"ipo \xff\xfe", q(kIpo)},  // invalid UTF-8 is no word
      // A field with no value right after its colon is a word (a pasted
      // headline: "Update: ...", "Date: ...").
      {"date:", q(word("date", "date"))},
      {"title: ipo", q(two_words("title", "ipo", "titl"))},
      // Regression: an exclusion with nothing after it read past the end
      // of the tokens (found by the random-strings test below).
      {"ipo --", q(kIpo)},
      {"(ipo -)", q(kIpo)},
      {"ipo NOT -", q(two_words("ipo", "not"))},
  };
  check_table(cases, parse);
}

TEST_CASE("query syntax: errors say what and where") {
  const std::string date_help =
      ": expected YYYY, YYYY-MM, YYYY-MM-DD, today, yesterday, 7d, 2w, 3m, 1y or a range A..B, "
      "A.. or ..B";
  const Case cases[] = {
      {"date:soon", "query: date" + date_help + ", got \"soon\" (column 6)"},
      {"date:7x", "query: date" + date_help + ", got \"7x\" (column 6)"},
      {"date:d", "query: date" + date_help + ", got \"d\" (column 6)"},
      {"ipo date:2021-13", "query: date" + date_help + ", got \"2021-13\" (column 10)"},
      {"date:2021-02-29", "query: date" + date_help + ", got \"2021-02-29\" (column 6)"},
      {"date:2022..2021", "query: date: the range ends before it starts (column 6)"},
      {"quality:high",
       "query: quality: expected a whole number or a range A..B, A.. or ..B, got "
       "\"high\" (column 9)"},
      {"quality:..",
       "query: quality: expected a whole number or a range A..B, A.. or ..B, got "
       "\"..\" (column 9)"},
      {"商汤 date:x", "query: date" + date_help + ", got \"x\" (column 9)"},
      {std::string(70, '(') + "ipo",
       "query: too long: 65 levels of parentheses, at most 64 (a query holds at most 2048 "
       "bytes, 64 words, 256 terms, parentheses 64 deep)"},
      {std::string(2000, '!'), "query: no words to search for"},
      {std::string(65, 'a'),
       "query: no words to search for: \"aaaaaaaaaaaaaaaaaaaaaaaa...\" is longer than 64 bytes, "
       "the longest word ns indexes"},
      {"", "query: no words to search for"},
      {"\"\"", "query: no words to search for"},
      {"()", "query: no words to search for"},
      {"-", "query: no words to search for"},
      {"--", "query: no words to search for"},
      {"-)", "query: no words to search for"},
      {"\xff\xfe", "query: no words to search for"},
  };
  check_table(cases, error);
}

TEST_CASE("query parser: 100,000 random strings never crash") {
  // Pieces of the syntax, words, CJK, punctuation and invalid bytes, in any
  // order: the parser returns a query or throws QueryError, nothing else.
  const char* pieces[] = {"ipo",   " ",        "  ",       "\"",       "(",    ")",    "-",
                          "*",     ":",        "..",       "OR",       "AND",  "NOT",  "title:",
                          "date:", "quality:", "topic:",   "site:",    "foo:", "2021", "12",
                          "商汤",  "センス",   "센스",     "ＩＰＯ",   "'s",   "U.S.", "&amp;",
                          "\xff",  "\xc3",     "\xe5\x95", "\xf0\x9f", "\0",   "\t",   "!",
                          "$",     "#"};
  std::mt19937 rng(20261122);
  std::uniform_int_distribution<size_t> piece(0, std::size(pieces) - 1);
  std::uniform_int_distribution<int> length(0, 12);
  ns::Analyzer analyzer;
  std::size_t parsed = 0, rejected = 0;
  for (int i = 0; i < 100000; ++i) {
    std::string text;
    for (int n = length(rng); n > 0; --n) text += pieces[piece(rng)];
    try {
      ns::parse_query(text, analyzer);
      ++parsed;
    } catch (const ns::QueryError&) {
      ++rejected;
    }
  }
  CHECK(parsed + rejected == 100000);
  CHECK(parsed > 10000);
  CHECK(rejected > 1000);
}

TEST_CASE("query syntax: the fields a query may name are those the schema marks kInQuery") {
  ns::Analyzer analyzer;
  for (const ns::schema::Prefix& p : ns::schema::kPrefixes) {
    if (p.field.empty() || p.field.find(' ') != std::string_view::npos) continue;
    const std::string field(p.field);
    CAPTURE(field);
    const std::string query = ns::parse_query(field + ":xyz", analyzer).get_description();
    // A field not in the query language is read as plain words.
    const bool read_as_words = query.find("(" + field + " PHRASE 2 xyz)") != std::string::npos;
    CHECK(read_as_words == !(p.use & ns::schema::kInQuery));
    if (p.role == ns::schema::Role::kFilter && (p.use & ns::schema::kInQuery)) {
      CHECK(query == "Query(" + std::string(p.prefix) + "xyz)");
      CHECK(ns::field_query(field, "xyz", analyzer).get_description() == query);
    }
  }
  for (const ns::schema::Slot& s : ns::schema::kSlots) {
    // story: names a cluster by its id, not a range (see the story:ID rows).
    if (!(s.use & ns::schema::kInQuery) || s.slot == ns::schema::kClusterKey.slot) continue;
    CAPTURE(s.name);
    CHECK(parse(std::string(s.name) + ":2021..").find("VALUE_GE " + std::to_string(s.slot)) !=
          std::string::npos);
  }
}

TEST_CASE("query syntax: relative dates count back from the day of now, UTC") {
  ns::Analyzer analyzer;
  auto range = [](double lo, double hi) {
    return Query(Query::OP_VALUE_RANGE, 0, Xapian::sortable_serialise(lo),
                 Xapian::sortable_serialise(hi))
        .get_description();
  };
  auto from = [](double lo) {
    return Query(Query::OP_VALUE_GE, 0, Xapian::sortable_serialise(lo)).get_description();
  };
  const double day = 86400;
  const struct {
    const char* query;
    std::int64_t now;
    std::string expected;
  } rows[] = {
      // now: 2021-12-14T10:00:00Z
      {"date:today", 1639476000, range(1639440000, 1639440000 + day - 1)},
      {"date:yesterday", 1639476000, range(1639353600, 1639353600 + day - 1)},
      {"date:7d..", 1639476000, from(1638835200)},   // 2021-12-07
      {"date:2w..", 1639476000, from(1638230400)},   // 2021-11-30
      {"date:3m..", 1639476000, from(1631577600)},   // 2021-09-14
      {"date:1y..", 1639476000, from(1607904000)},   // 2020-12-14
      {"date:0d", 1639476000, range(1639440000, 1639440000 + day - 1)},
      {"date:7d..yesterday", 1639476000, range(1638835200, 1639439999)},
      // A month back from the 31st is the last day of a shorter month.
      {"date:1m..", 1617148800 + 3600, from(1614470400)},  // 2021-03-31 -> 2021-02-28
      {"date:1y..", 1582934400 + 3600, from(1551312000)},  // 2020-02-29 -> 2019-02-28
  };
  for (const auto& row : rows) {
    CAPTURE(row.query);
    CHECK(ns::parse_query(row.query, analyzer, ns::WordMatch::kAll, nullptr, row.now)
              .get_description() == row.expected);
  }
}

TEST_CASE("lowercase_operators: and/or/not between words, for a hint") {
  const struct {
    const char* query;
    std::vector<std::string> found;
  } rows[] = {
      {"remdesivir not japan", {"not"}},
      {"a or b and c or d", {"or", "and"}},
      {"Remdesivir Not Japan", {"Not"}},  // as typed
      {"remdesivir NOT japan", {}},  // the operator
      {"not japan", {}},             // at an end: a word, not a slip
      {"japan and", {}},
      {"\"rock and roll\"", {}},     // inside a phrase
      {"title:and japan", {}},       // a field's value
      {"(a) or (b)", {}},            // around groups: left alone
      {"\"x\" and \"y\"", {"and"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.query);
    CHECK(ns::lowercase_operators(row.query) == row.found);
  }
}

TEST_CASE("query syntax: story:ID selects one cluster, by the id a hit's story shows") {
  const std::string key("\x08\x59\x05\x40\xe6\xbe\x7d\x9a", 8);
  const std::string range =  // without "Query(" and ")"
      Query(Query::OP_VALUE_RANGE, ns::schema::kClusterKey.slot, key, key)
          .get_description()
          .substr(6);
  const std::string story = range.substr(0, range.size() - 1);
  const Case cases[] = {
      {"story:08590540e6be7d9a", q(story)},
      {"STORY:08590540E6BE7D9A", q(story)},  // field and digits in any case
      {"story:\"08590540e6be7d9a\"", q(story)},
      {"ipo story:08590540e6be7d9a", q("(" + kIpo + " FILTER " + story + ")")},
      {"-story:08590540e6be7d9a", q("(<alldocuments> AND_NOT " + story + ")")},
  };
  check_table(cases, parse);
  const std::string expected = "query: story: expected a story id, 16 hex digits as JSON's "
                               "\"story\" shows it, got ";
  const Case errors[] = {
      {"story:0859", expected + "\"0859\" (column 7)"},
      {"ipo story:08590540e6be7d9g", expected + "\"08590540e6be7d9g\" (column 11)"},
      {"story:08590540e6be7d9a0", expected + "\"08590540e6be7d9a0\" (column 7)"},
      {"story:-1", expected + "\"-1\" (column 7)"},
  };
  check_table(errors, error);
  // The file's own story (XS) is not a query field: "file story" has a space.
  CHECK(ns::schema::kStory.field == "file story");
}
