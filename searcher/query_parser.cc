#include "searcher/query_parser.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "common/clean_text.h"
#include "common/datetime.h"
#include "common/errors.h"
#include "common/ranking.h"
#include "common/schema.h"
#include "searcher/query_builder.h"

namespace ns {
namespace {

using Query = Xapian::Query;

enum class Tok { kEnd, kOpen, kClose, kMinus, kWord, kPhrase };

struct Token {
  Tok kind;
  std::string text;   // the word or phrase, without its field
  std::string field;  // lower-case field name, when one was given
  int column;         // of the token's first character, 1-based
  int value_column;   // of the text after "field:"
  size_t offset = 0;  // a word's bytes in the query: from offset, size of them
  size_t size = 0;
};
using QueryToken = Token;  // outside this namespace, ns::Token is the analyzer's

[[noreturn]] void fail(const std::string& what, int column) {
  throw QueryError("query: " + what + " (column " + std::to_string(column) + ")");
}

bool is_space(std::string_view s, size_t i) {
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return true;
  return s.compare(i, 3, "\xE3\x80\x80") == 0;  // U+3000 IDEOGRAPHIC SPACE
}

size_t space_length(std::string_view s, size_t i) { return s[i] == '\xE3' ? 3 : 1; }

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Fields a query may name: those the schema table marks kInQuery, text
// fields, filters (schema::find_filter) and ranges.
const TextField* text_field(const std::string& field) {
  for (const TextField* f : {&kTitleText, &kExcerptText}) {
    const schema::Prefix& named = f->mark ? *f->mark : *f->words;  // title: or excerpt:
    if (named.field == field && (named.use & schema::kInQuery)) return f;
  }
  return nullptr;
}

// The slot a query field names: a range (date:, quality:) or story:.
const schema::Slot* value_field(const std::string& field) {
  for (const schema::Slot& s : schema::kSlots) {
    if ((s.use & schema::kInQuery) && s.name == field) return &s;
  }
  return nullptr;
}

bool is_field(const std::string& field) {
  return text_field(field) || value_field(field) || schema::find_filter(field);
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : s_(text) {}

  std::vector<Token> tokens() {
    std::vector<Token> out;
    for (;;) {
      while (i_ < s_.size() && is_space(s_, i_)) i_ += space_length(s_, i_);
      if (i_ == s_.size()) break;
      const int column = column_at(i_);
      const char c = s_[i_];
      if (c == '(' || c == ')') {
        out.push_back({c == '(' ? Tok::kOpen : Tok::kClose, {}, {}, column, column});
        ++i_;
      } else if (c == '-') {
        ++i_;  // a lone "-" (before a space or the end) is ignored
        if (i_ < s_.size() && !is_space(s_, i_))
          out.push_back({Tok::kMinus, {}, {}, column, column});
      } else if (c == '"') {
        out.push_back({Tok::kPhrase, phrase(), {}, column, column + 1});
      } else {
        const size_t start = i_;
        out.push_back(word(column));
        out.back().offset = start;
        out.back().size = i_ - start;
      }
    }
    out.push_back({Tok::kEnd, {}, {}, column_at(s_.size()), column_at(s_.size())});
    return out;
  }

 private:
  // Characters (not bytes) before offset, plus one.
  int column_at(size_t offset) const {
    int column = 1;
    for (size_t k = 0; k < offset; ++k)
      column += (static_cast<unsigned char>(s_[k]) & 0xC0) != 0x80;
    return column;
  }

  // Reads from an opening quote to the closing one, or to the end.
  std::string phrase() {
    const size_t start = ++i_;
    const size_t end = s_.find('"', start);
    i_ = end == std::string_view::npos ? s_.size() : end + 1;
    return std::string(s_.substr(start, (end == std::string_view::npos ? s_.size() : end) - start));
  }

  Token word(int column) {
    const size_t start = i_;
    while (i_ < s_.size() && !is_space(s_, i_) && s_[i_] != '(' && s_[i_] != ')' && s_[i_] != '"') {
      ++i_;
    }
    std::string text(s_.substr(start, i_ - start));
    const size_t colon = text.find(':');
    if (colon == std::string::npos || !is_field(lower(text.substr(0, colon)))) {
      return {Tok::kWord, text, {}, column, column};
    }
    Token token{Tok::kWord, text.substr(colon + 1), lower(text.substr(0, colon)), column,
                column_at(start + colon + 1)};
    if (token.text.empty() && i_ < s_.size() && s_[i_] == '"') {
      token.kind = Tok::kPhrase;
      token.text = phrase();
    }
    // "Date:" with no value after it, as in a pasted headline, is a word.
    if (token.text.empty()) return {Tok::kWord, text, {}, column, column};
    return token;
  }

  std::string_view s_;
  size_t i_ = 0;
};

// A query with whether it carries weight (text) or only selects (filters).
struct Part {
  Part() = default;
  Part(Query q, bool s) : query(std::move(q)), scored(s) {}

  Query query;  // empty: nothing to search for
  bool scored = false;
  WordsMatch words;  // for words: each apart, to stand beside the others
};

// The day (since 1970-01-01, UTC) a relative date names, counted back from
// the day of now: today, yesterday, Nd, Nw, Nm (the same day of the month N
// months back, or that month's last), Ny; nothing for other text.
std::optional<std::int64_t> relative_day(const std::string& text, std::int64_t now) {
  const std::int64_t today = (now >= 0 ? now : now - 86399) / 86400;
  if (text == "today") return today;
  if (text == "yesterday") return today - 1;
  if (text.size() < 2 || text.size() > 5) return std::nullopt;
  const std::string digits = text.substr(0, text.size() - 1);
  if (digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const int n = std::stoi(digits);
  switch (text.back()) {
    case 'd':
      return today - n;
    case 'w':
      return today - 7 * static_cast<std::int64_t>(n);
    case 'm':
    case 'y': {
      const std::string date = format_date(today * 86400);  // YYYY-MM-DD
      int months = std::stoi(date.substr(0, 4)) * 12 + std::stoi(date.substr(5, 2)) - 1;
      months -= text.back() == 'm' ? n : 12 * n;
      const int year = months / 12, month = months % 12 + 1;
      const std::int64_t month_days =
          days_from_civil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) -
          days_from_civil(year, month, 1);
      const std::int64_t day = std::min<std::int64_t>(std::stoi(date.substr(8, 2)), month_days);
      return days_from_civil(year, month, 1) + day - 1;
    }
    default:
      return std::nullopt;
  }
}

// Seconds of the first and last instant of a period written YYYY, YYYY-MM
// or YYYY-MM-DD, or of the day a relative date names (relative_day); false
// when it is none of these.
bool period(const std::string& text, std::int64_t now, std::int64_t& first, std::int64_t& last) {
  if (const auto day = relative_day(text, now)) {
    first = *day * 86400;
    last = first + 86399;
    return true;
  }
  const size_t n = text.size();
  if (n != 4 && n != 7 && n != 10) return false;
  const char* suffix = n == 4 ? "-01-01" : n == 7 ? "-01" : "";
  const auto start = parse_iso8601(text + suffix);
  if (!start) return false;
  const int year = std::stoi(text.substr(0, 4));
  const int month = n >= 7 ? std::stoi(text.substr(5, 2)) : 12;
  std::optional<std::int64_t> next;
  if (n == 4) {
    next = days_from_civil(year + 1, 1, 1) * 86400;
  } else if (n == 7) {
    next = days_from_civil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) * 86400;
  } else {
    next = *start + 86400;
  }
  first = *start;
  last = *next - 1;
  return true;
}

bool integer(const std::string& text, double& out) {
  if (text.empty() || text.size() > 9) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  out = std::stod(text);
  return true;
}

// date:A..B and quality:A..B as value ranges over the schema's slots;
// relative dates count back from now.
Query range_query(const Token& t, std::int64_t now) {
  const bool is_date = t.field == schema::kDate.name;
  const size_t dots = t.text.find("..");
  const std::string lo_text = dots == std::string::npos ? t.text : t.text.substr(0, dots);
  const std::string hi_text = dots == std::string::npos ? t.text : t.text.substr(dots + 2);
  double lo = 0, hi = 0;
  bool ok = true;
  if (is_date) {
    std::int64_t first = 0, last = 0, unused = 0;
    if (!lo_text.empty()) ok = ok && period(lo_text, now, first, unused);
    if (!hi_text.empty()) ok = ok && period(hi_text, now, unused, last);
    lo = static_cast<double>(first);
    hi = static_cast<double>(last);
  } else {
    ok = (lo_text.empty() || integer(lo_text, lo)) && (hi_text.empty() || integer(hi_text, hi));
  }
  ok = ok && !(lo_text.empty() && hi_text.empty());
  if (!ok) {
    fail(t.field +
             (is_date ? ": expected YYYY, YYYY-MM, YYYY-MM-DD, today, yesterday, 7d, 2w, 3m, 1y"
                      : ": expected a whole number") +
             " or a range A..B, A.. or ..B, got \"" + t.text + "\"",
         t.value_column);
  }
  const Xapian::valueno slot = value_field(t.field)->slot;
  if (lo_text.empty()) return Query(Query::OP_VALUE_LE, slot, Xapian::sortable_serialise(hi));
  if (hi_text.empty()) return Query(Query::OP_VALUE_GE, slot, Xapian::sortable_serialise(lo));
  if (lo > hi) fail(t.field + ": the range ends before it starts", t.value_column);
  return Query(Query::OP_VALUE_RANGE, slot, Xapian::sortable_serialise(lo),
               Xapian::sortable_serialise(hi));
}

// story:ID, the articles of one cluster: ID as Hit::story shows it, 16 hex
// digits (upper case too).
Query story_query(const Token& t) {
  std::string id = lower(t.text);
  if (id.size() != 16 || id.find_first_not_of("0123456789abcdef") != std::string::npos) {
    fail(t.field + ": expected a story id, 16 hex digits as JSON's \"story\" shows it, got \"" +
             t.text + "\"",
         t.value_column);
  }
  const std::string key = schema::collapse_key(id);
  return Query(Query::OP_VALUE_RANGE, schema::kClusterKey.slot, key, key);
}

// What a filter or range token selects; empty for other tokens.
Query selection(const Token& t, Analyzer& analyzer, std::int64_t now) {
  if (const schema::Slot* slot = value_field(t.field)) {
    return slot->slot == schema::kClusterKey.slot ? story_query(t) : range_query(t, now);
  }
  if (const schema::Prefix* filter = schema::find_filter(t.field)) {
    return Query(schema::term(*filter, analyzer.normalize(clean_text(t.text))));
  }
  return Query();
}

bool is_keyword(const Token& t, const char* word) {
  return t.kind == Tok::kWord && t.field.empty() && t.text == word;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, Analyzer& analyzer, WordMatch words, const Xapian::Database* db,
         std::int64_t now, const TypoLookup& typos)
      : tokens_(std::move(tokens)),
        analyzer_(analyzer),
        words_(words),
        db_(db),
        now_(now),
        typos_(typos) {}

  // Whether reading the words with WordMatch::kAny changes the query: more
  // than one scored part at the top level, and no AND or OR typed.
  bool relaxable() const { return top_level_words_ > 1 && !typed_boolean_; }

  Part parse() {
    Part part = parse_or();
    while (peek().kind != Tok::kEnd) {  // a stray ")": skip it and go on
      ++pos_;
      Part more = parse_or();
      part = both(part, more);
    }
    return part;
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }

  // Whether t can start an operand: a word (an operator word that lacks
  // its operands is a word), a phrase, "(" or "-".
  static bool starts_operand(const Token& t) {
    return t.kind == Tok::kWord || t.kind == Tok::kPhrase || t.kind == Tok::kOpen ||
           t.kind == Tok::kMinus;
  }

  // AND and OR are operators between two operands of one group; at either
  // end of the query or of a group they are words ("OR ipo", "(ipo AND)").
  bool at_binary(const char* op) const {
    return is_keyword(peek(), op) && after_operand_ && starts_operand(tokens_[pos_ + 1]);
  }

  // NOT negates what follows it; with nothing after it in its group it is a
  // word ("ipo NOT", "(ipo NOT)").
  bool at_negation() const {
    return peek().kind == Tok::kMinus ||
           (is_keyword(peek(), "NOT") && starts_operand(tokens_[pos_ + 1]));
  }

  bool at_or() const { return at_binary("OR"); }

  // Whether this group's words are read as any of them (WordMatch::kAny).
  bool any() const { return depth_ == 0 && words_ == WordMatch::kAny; }

  // Moves past an operator token.
  void skip_operator() {
    ++pos_;
    after_operand_ = false;
  }

  Part parse_or() {
    Part left = parse_and();
    while (at_or()) {
      typed_boolean_ = true;
      skip_operator();
      Part right = parse_and();
      if (right.query.empty()) continue;
      if (left.query.empty()) {
        left = right;
        continue;
      }
      left = {Query(Query::OP_OR, left.query, right.query), left.scored || right.scored};
    }
    return left;
  }

  static Part both(const Part& a, const Part& b) {
    if (a.query.empty()) return b;
    if (b.query.empty()) return a;
    return {Query(Query::OP_AND, a.query, b.query), a.scored || b.scored};
  }

  // Whether t is a word of the free text, neither a field, a prefix nor "*".
  static bool plain_word(const Token& t) {
    return t.kind == Tok::kWord && t.field.empty() && t.text != "*" && t.text.back() != '*';
  }

  // Reads the plain words from here on as one text ("new york reopening"):
  // neighbouring words can then match as one, or next to each other.
  Part parse_words() {
    std::string text;
    while (plain_word(peek()) && !at_or() && !at_binary("AND") && !at_negation()) {
      text += (text.empty() ? "" : " ") + tokens_[pos_++].text;
      after_operand_ = true;
    }
    Part part;
    part.words = words_match(text, kFreeText, analyzer_, db_, excluding_ ? nullptr : typos_);
    part.query = part.words.all();
    part.scored = true;
    return part;
  }

  Part parse_and() {
    std::vector<Query> scored, bonuses, nears, filters, excluded;
    for (;;) {
      const Token& t = peek();
      if (t.kind == Tok::kEnd || t.kind == Tok::kClose || at_or()) break;
      if (at_binary("AND")) {
        typed_boolean_ = true;
        skip_operator();
        continue;
      }
      bool negated = false;
      while (at_negation()) {
        negated = !negated;
        skip_operator();
      }
      const bool outer = excluding_;
      excluding_ = excluding_ || negated;
      Part part = !negated && plain_word(peek()) ? parse_words() : parse_primary();
      excluding_ = outer;
      if (part.query.empty()) continue;
      if (!negated && !part.words.words.empty()) {  // "港股回调" reads as "港股 回调"
        scored.insert(scored.end(), part.words.words.begin(), part.words.words.end());
        if (!part.words.bonus.empty()) bonuses.push_back(part.words.bonus);
        if (!part.words.near.empty()) nears.push_back(part.words.near);
        continue;
      }
      (negated ? excluded : part.scored ? scored : filters).push_back(part.query);
    }
    if (depth_ == 0) top_level_words_ = std::max(top_level_words_, scored.size());
    if (any()) {
      add_every_word_bonus(scored, nears, bonuses);
      // Bonuses match articles the words match: ORed, the same matches.
      scored.insert(scored.end(), bonuses.begin(), bonuses.end());
      return combine(Query::OP_OR, scored, {}, filters, excluded);
    }
    if (!nears.empty()) bonuses.push_back(Query(Query::OP_OR, nears.begin(), nears.end()));
    return combine(Query::OP_AND, scored, bonuses, filters, excluded);
  }

  // Read as any of the words, what an article with every word gains:
  // ranking::kEveryWordWeight of their weight, weighed against how well the
  // words match, not ranked above every article with fewer whatever the
  // match; and the words found next to each other (nears), among articles
  // with every word only: for all, they lifted two-word names ("new york")
  // over the other words (bench/eval). Both are ORed with the words (they
  // match no article the words do not), not added with AND_MAYBE: inside
  // the priors' AND_MAYBE, Xapian 1.4.22 then loses articles from short
  // pages (pages of one were not the long list in
  // tests/property/paging_test.py).
  static void add_every_word_bonus(std::vector<Query>& scored, const std::vector<Query>& nears,
                                   std::vector<Query>& bonuses) {
    if (scored.size() < 2) return;
    const Query every(Query::OP_AND, scored.begin(), scored.end());
    if (!nears.empty()) {
      bonuses.emplace_back(Query::OP_FILTER, Query(Query::OP_OR, nears.begin(), nears.end()),
                           every);
    }
    scored.emplace_back(Query::OP_SCALE_WEIGHT, every, ranking::kEveryWordWeight);
  }

  static Part combine(Query::op words_op, const std::vector<Query>& scored,
                      const std::vector<Query>& bonuses, const std::vector<Query>& filters,
                      const std::vector<Query>& excluded) {
    Part part;
    if (!scored.empty()) {
      part = {Query(words_op, scored.begin(), scored.end()), true};
      if (!bonuses.empty()) {
        part.query = Query(Query::OP_AND_MAYBE, part.query,
                           Query(Query::OP_OR, bonuses.begin(), bonuses.end()));
      }
      if (!filters.empty()) {
        part.query = Query(Query::OP_FILTER, part.query,
                           Query(Query::OP_AND, filters.begin(), filters.end()));
      }
    } else if (!filters.empty()) {
      part.query = Query(Query::OP_AND, filters.begin(), filters.end());
    } else if (!excluded.empty()) {
      part.query = Query::MatchAll;  // "-ipo": everything except ipo
    }
    if (!excluded.empty()) {
      part.query = Query(Query::OP_AND_NOT, part.query,
                         Query(Query::OP_OR, excluded.begin(), excluded.end()));
    }
    return part;
  }

  // Reads one word, phrase or group. An exclusion with nothing after it
  // ("--", "-)") is nothing: the end and ")" are left to the caller.
  Part parse_primary() {
    if (peek().kind == Tok::kEnd || peek().kind == Tok::kClose) return {};
    const Token t = tokens_[pos_++];
    switch (t.kind) {
      case Tok::kOpen: {
        if (++depth_ > kMaxQueryDepth) {
          fail("parentheses nested deeper than " + std::to_string(kMaxQueryDepth), t.column);
        }
        after_operand_ = false;
        Part inner = parse_or();
        if (peek().kind == Tok::kClose) ++pos_;  // an unclosed one closes at the end
        --depth_;
        after_operand_ = true;
        return inner;
      }
      case Tok::kWord:
      case Tok::kPhrase:
        after_operand_ = true;
        return text(t);
      default:
        return {};
    }
  }

  Part text(const Token& t) {
    if (t.kind == Tok::kWord && t.field.empty() && t.text == "*") return {Query::MatchAll, false};
    if (Query filter = selection(t, analyzer_, now_); !filter.empty()) return {filter, false};
    const TextField* field = text_field(t.field);
    if (!field) field = &kFreeText;
    const std::string& body = t.text;
    if (t.kind == Tok::kPhrase) return {phrase_query(body, *field, analyzer_), true};
    if (body.size() > 1 && body.back() == '*') {
      return {
          prefix_query(std::string_view(body).substr(0, body.size() - 1), *field, analyzer_, db_),
          true};
    }
    Part part;
    // Only free-text words that must or may match are corrected.
    const bool correct = field == &kFreeText && !excluding_;
    part.words = words_match(body, *field, analyzer_, db_, correct ? typos_ : nullptr);
    part.query = part.words.all();
    part.scored = true;
    return part;
  }

  std::vector<Token> tokens_;
  Analyzer& analyzer_;
  WordMatch words_;
  const Xapian::Database* db_;
  const std::int64_t now_;
  const TypoLookup& typos_;
  size_t pos_ = 0;
  bool excluding_ = false;  // reading what -, NOT excludes
  int depth_ = 0;
  size_t top_level_words_ = 0;
  bool typed_boolean_ = false;
  bool after_operand_ = false;  // the last token read ended an operand
};

}  // namespace

std::vector<std::string> lowercase_operators(std::string_view text) {
  const std::vector<QueryToken> tokens = Lexer(text).tokens();
  auto ends_word = [](const QueryToken& t) {
    return t.kind == Tok::kWord || t.kind == Tok::kPhrase;
  };
  std::vector<std::string> found;
  for (size_t i = 1; i + 1 < tokens.size(); ++i) {
    const QueryToken& t = tokens[i];
    const std::string word = lower(t.text);
    // Written in capitals, it is the operator (or meant as a word at an end).
    if (t.kind != Tok::kWord || !t.field.empty() || t.text == "AND" || t.text == "OR" ||
        t.text == "NOT") {
      continue;
    }
    if ((word == "and" || word == "or" || word == "not") && ends_word(tokens[i - 1]) &&
        ends_word(tokens[i + 1]) &&
        std::find(found.begin(), found.end(), t.text) == found.end()) {
      found.push_back(t.text);  // as typed: "Or" stays "Or"
    }
  }
  return found;
}

namespace {

// The bytes of a word token's text (at offset in the query) that unit
// came from: where its word is written (ASCII case aside), else the whole
// token when it is the token's one unit; npos when neither.
std::pair<size_t, size_t> unit_span(const QueryToken& t, const QueryUnit& unit, size_t units) {
  const size_t at = lower(t.text).find(unit.words.front());
  if (at != std::string::npos) return {t.offset + at, unit.words.front().size()};
  if (units == 1) return {t.offset, t.size};
  return {std::string::npos, 0};
}

}  // namespace

std::optional<std::string> corrected_query(std::string_view text, Analyzer& analyzer,
                                           const UnitReplacement& replacement) {
  std::vector<std::pair<size_t, size_t>> spans;
  std::vector<std::string> words;
  for (const QueryToken& t : Lexer(text).tokens()) {
    if (t.kind != Tok::kWord || !t.field.empty() || t.text.empty() || t.text.back() == '*') {
      continue;
    }
    const std::vector<QueryUnit> units = analyzer.query_units(clean_text(t.text));
    for (const QueryUnit& unit : units) {
      if (unit.words.size() != 1) continue;
      const std::optional<std::string> word = replacement(unit);
      const auto span = unit_span(t, unit, units.size());
      if (!word || span.first == std::string::npos) continue;
      spans.push_back(span);
      words.push_back(*word);
    }
  }
  if (spans.empty()) return std::nullopt;
  std::string out;
  size_t done = 0;
  for (size_t i = 0; i < spans.size(); ++i) {
    out.append(text.substr(done, spans[i].first - done));
    out += words[i];
    done = spans[i].first + spans[i].second;
  }
  out.append(text.substr(done));
  return out;
}

Query field_query(const std::string& field, const std::string& value, Analyzer& analyzer,
                  std::optional<std::int64_t> now) {
  const Query q = selection(QueryToken{Tok::kWord, value, field, 1, 1}, analyzer,
                            now.value_or(std::time(nullptr)));
  if (q.empty()) throw QueryError("query: \"" + field + "\" is not a filter or range field");
  return q;
}

namespace {

// Why a query may have no words: "; WORD... is longer than 64 bytes..."
// for its first word the analyzer drops for its length, else "".
std::string over_long_word(std::string_view text) {
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find_first_of(" \t\"()", start), text.size());
    const std::string_view run = text.substr(start, end - start);
    auto wordlike = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c & 0x80; };
    if (run.size() > kMaxTermBytes && std::any_of(run.begin(), run.end(), wordlike)) {
      std::size_t cut = 24;
      while (cut < end - start && (text[start + cut] & 0xC0) == 0x80) ++cut;  // whole characters
      return ": \"" + std::string(text.substr(start, cut)) + "...\" is longer than " +
             std::to_string(kMaxTermBytes) + " bytes, the longest word ns indexes";
    }
    start = end + 1;
  }
  return "";
}

}  // namespace

Query parse_query(std::string_view text, Analyzer& analyzer, WordMatch words,
                  const Xapian::Database* db, std::optional<std::int64_t> now,
                  const TypoLookup& typos) {
  check_query_size(text);
  Parser parser(Lexer(text).tokens(), analyzer, words, db, now.value_or(std::time(nullptr)),
                typos);
  Part part = parser.parse();
  if (part.query.empty()) throw QueryError("query: no words to search for" + over_long_word(text));
  if (words == WordMatch::kAny && !parser.relaxable()) return Query();
  return part.query;
}

std::optional<std::int64_t> instant(const std::string& text, std::int64_t now) {
  std::int64_t first = 0, last = 0;
  if (period(text, now, first, last)) return first;
  if (text.size() > 10) return parse_iso8601(text);
  return std::nullopt;
}

}  // namespace ns
