#include "indexer/events.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <vector>

#include "common/schema.h"

namespace ns {
namespace {

using Hashes = std::vector<std::uint64_t>;

// Words of a title that say nothing of its event: a wire service's label
// ("UPDATE 2-", "REFILE-", "EXCLUSIVE-"...) when they lead the title.
const std::set<std::string> kLabels = {
    "update", "refile", "exclusive", "corrected", "correction", "rpt", "wrapup",
    "breaking", "brief", "factbox", "analysis", "insight", "watch", "video", "live"};

// Words that say little of which event a text reports.
const std::set<std::string> kStopWords = {
    "a",     "about", "after", "also",  "amid",   "an",    "and",  "are",  "as",    "at",
    "be",    "been",  "but",   "by",    "can",    "could", "day",  "for",  "from",  "has",
    "have",  "he",    "her",   "here",  "his",    "how",   "i",    "in",   "into",  "is",
    "it",    "its",   "know",  "latest", "live",  "more",  "need", "new",  "news",  "not",
    "of",    "on",    "or",    "our",   "over",   "said",  "say",  "says", "she",   "than",
    "that",  "the",   "their", "they",  "this",   "to",    "today", "update", "updates",
    "was",   "we",    "week",  "were",  "what",   "when",  "where", "which", "who", "why",
    "will",  "with",  "would", "you",   "your"};

// Number words read as their digits, so "three deaths" is "3 deaths".
const std::pair<const char*, const char*> kNumberWords[] = {
    {"one", "1"}, {"two", "2"}, {"three", "3"}, {"four", "4"}, {"five", "5"},
    {"six", "6"}, {"seven", "7"}, {"eight", "8"}, {"nine", "9"}, {"ten", "10"}};

// Units after a number, one spelling each: "$565 million", "$565 mln" and
// "565m" all read "565 million".
const std::pair<const char*, const char*> kUnits[] = {
    {"m", "million"},   {"mn", "million"},  {"mln", "million"},   {"million", "million"},
    {"b", "billion"},   {"bn", "billion"},  {"bln", "billion"},   {"billion", "billion"},
    {"k", "thousand"},  {"thousand", "thousand"}, {"tn", "trillion"}, {"trln", "trillion"},
    {"trillion", "trillion"}, {"pct", "percent"}, {"percent", "percent"}};

// A figure's weight in a title's word set: an event's figures (cases,
// dollars) tell it from the same kind of news another day; a small one
// ("six deaths") is shared by chance more often.
constexpr int kFigureWeight = 4;
constexpr int kSmallFigureWeight = 2;  // below 100

template <typename Table>
const char* lookup(const std::string& word, const Table& table) {
  for (const auto& [from, to] : table) {
    if (word == from) return to;
  }
  return nullptr;
}

bool is_number(const std::string& w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.';
  });
}

// A year weighs as a word: "2020" is in every headline of the year.
bool is_year(const std::string& w) {
  return w.size() == 4 && is_number(w) && w >= "1900" && w <= "2099";
}

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t hash(std::string_view s) { return mix(schema::hash64(s)); }

// The normalised words of text: digits without thousands separators,
// number words as digits, units as one spelling ("565m": 565 million).
std::vector<std::string> event_words(std::string_view text, Analyzer& analyzer) {
  std::vector<std::string> out;
  auto add = [&out](std::string w) {
    if (const char* digits = lookup(w, kNumberWords)) w = digits;
    const bool after_number = !out.empty() && is_number(out.back());
    if (const char* unit = lookup(w, kUnits); unit && after_number) w = unit;
    out.push_back(std::move(w));
  };
  for (Token& t : analyzer.words(text)) {
    std::string& w = t.term;
    w.erase(std::remove(w.begin(), w.end(), ','), w.end());
    const std::size_t digits = w.find_first_not_of("0123456789.");
    if (digits != 0 && digits != std::string::npos && lookup(w.substr(digits), kUnits)) {
      add(w.substr(0, digits));
      add(w.substr(digits));
    } else {
      add(std::move(w));
    }
  }
  return out;
}

// The English stem of a word in Latin letters, else the word.
std::string stemmed(const std::string& w, const Xapian::Stem& stem) {
  const bool latin = std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  return latin ? stem(w) : w;
}

// The title as it reports the event: without an outlet's name after a
// last " | " (40 bytes at most) and without leading wire labels
// ("UPDATE 1-", "REFILE-").
std::vector<std::string> title_words(const std::string& title, Analyzer& analyzer) {
  const std::size_t bar = title.rfind(" | ");
  const bool outlet = bar != std::string::npos && title.size() - bar - 3 <= 40;
  std::vector<std::string> words = event_words(outlet ? title.substr(0, bar) : title, analyzer);
  std::size_t first = 0;
  while (first < words.size() && kLabels.count(words[first])) {
    ++first;
    if (first < words.size() && is_number(words[first])) ++first;  // "UPDATE 2-"
  }
  words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(first));
  return words;
}

void sort_unique(Hashes& hashes) {
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
}

// Whether words[i] is a figure: a number, not a year.
bool figure(const std::vector<std::string>& words, std::size_t i) {
  return is_number(words[i]) && !is_year(words[i]);
}

// Whether words[i] is the number of a name: the 19 of "COVID-19", the 2 of
// "SARS-CoV-2"; the name's word says it all.
bool name_number(const std::vector<std::string>& words, std::size_t i) {
  return i > 0 && is_number(words[i]) && (words[i - 1] == "covid" || words[i - 1] == "cov");
}

// The hashes of the title's stems, stop words left out, a figure weighing
// kFigureWeight words (kSmallFigureWeight below 100).
Hashes title_set(const std::vector<std::string>& words, const Xapian::Stem& stem) {
  Hashes out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (kStopWords.count(words[i]) || name_number(words, i)) continue;
    out.push_back(hash(stemmed(words[i], stem)));
    if (!figure(words, i)) continue;
    const bool small = words[i].find('.') == std::string::npos && words[i].size() <= 2;
    for (int copy = 1; copy < (small ? kSmallFigureWeight : kFigureWeight); ++copy) {
      out.push_back(hash(words[i] + "#" + std::to_string(copy)));
    }
  }
  sort_unique(out);
  return out;
}

// The hashes of the stems of words, stop words left out.
Hashes word_set(const std::vector<std::string>& words, const Xapian::Stem& stem) {
  Hashes out;
  for (const std::string& w : words) {
    if (!kStopWords.count(w)) out.push_back(hash(stemmed(w, stem)));
  }
  sort_unique(out);
  return out;
}

// A title made from a template ("Acetone Market Size Analysis..." and "AI
// Chipsets Market Size Analysis..."): for each of its first kLeads words,
// the word's hash and the hash of the title after it, when at least
// kTemplateWords words follow.
constexpr std::size_t kLeads = 5;
constexpr std::size_t kTemplateWords = 4;

struct Template {
  Hashes leads, rests;  // rests[d]: the title after its first d + 1 words
};

Template title_template(const std::vector<std::string>& words, const Xapian::Stem& stem) {
  Template out;
  std::vector<std::string> stems;
  for (const std::string& w : words) stems.push_back(stemmed(w, stem));
  for (std::size_t d = 1; d <= kLeads && d + kTemplateWords <= stems.size(); ++d) {
    out.leads.push_back(hash(stems[d - 1]));
    std::string rest;
    for (std::size_t i = d; i < stems.size(); ++i) rest += stems[i] + " ";
    out.rests.push_back(hash(rest));
  }
  return out;
}

void put(std::string& out, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>(v >> (8 * i));
}

std::uint64_t get(std::string_view in, std::size_t at, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = v << 8 | static_cast<unsigned char>(in[at + i]);
  return v;
}

// A sketch: published time (8 bytes, Unix seconds offset by 2^63), the
// count of template leads (1 byte) and of title hashes (1 byte), the leads'
// and rests' hashes, then the title's and the words' smallest kMaxHashes
// hashes, ascending; every hash 4 bytes (the top half of its 64 bits).
constexpr std::size_t kHead = 10;
constexpr std::uint64_t kEpochOffset = 1ULL << 63;

std::uint32_t top(std::uint64_t h) { return static_cast<std::uint32_t>(h >> 32); }

std::size_t put_hashes(std::string& out, const Hashes& hashes) {
  std::vector<std::uint32_t> tops;
  for (std::uint64_t h : hashes) tops.push_back(top(h));
  std::sort(tops.begin(), tops.end());
  tops.erase(std::unique(tops.begin(), tops.end()), tops.end());
  if (tops.size() > events::kMaxHashes) tops.resize(events::kMaxHashes);
  for (std::uint32_t h : tops) put(out, h, 4);
  return tops.size();
}

std::string sketch(std::int64_t seconds, const Template& form, const Hashes& title,
                   const Hashes& words) {
  std::string out;
  put(out, static_cast<std::uint64_t>(seconds) + kEpochOffset, 8);
  out += static_cast<char>(form.leads.size());
  out += '\0';
  for (std::uint64_t h : form.leads) put(out, top(h), 4);
  for (std::uint64_t h : form.rests) put(out, top(h), 4);
  out[9] = static_cast<char>(put_hashes(out, title));
  put_hashes(out, words);
  return out;
}

struct Sketch {
  std::int64_t seconds;
  std::vector<std::uint32_t> leads, rests, title, words;
};

bool read_sketch(std::string_view s, Sketch& out) {
  if (s.size() < kHead || (s.size() - kHead) % 4 != 0) return false;
  const std::size_t leads = static_cast<unsigned char>(s[8]);
  const std::size_t titles = static_cast<unsigned char>(s[9]);
  if (kHead + 4 * (2 * leads + titles) > s.size()) return false;
  out.seconds = static_cast<std::int64_t>(get(s, 0, 8) - kEpochOffset);
  std::size_t at = kHead;
  for (auto [list, count] : {std::pair{&out.leads, leads}, {&out.rests, leads},
                             {&out.title, titles}, {&out.words, (s.size() - at) / 4}}) {
    for (std::size_t i = 0; i < count && at < s.size(); ++i, at += 4) {
      list->push_back(static_cast<std::uint32_t>(get(s, at, 4)));
    }
  }
  return true;
}

// Whether the titles are one template with other words put in: the same
// rest after their first words, and those words, after any they begin
// with alike ("Global"), none shared.
bool one_template(const Sketch& a, const Sketch& b) {
  std::size_t alike = 0;  // leads the two begin with
  while (alike < a.leads.size() && alike < b.leads.size() && a.leads[alike] == b.leads[alike]) {
    ++alike;
  }
  for (std::size_t i = alike; i < a.rests.size(); ++i) {
    for (std::size_t j = alike; j < b.rests.size(); ++j) {
      if (a.rests[i] != b.rests[j]) continue;
      bool shared = false;
      for (std::size_t x = alike; x <= i; ++x) {
        for (std::size_t y = alike; y <= j; ++y) shared = shared || a.leads[x] == b.leads[y];
      }
      if (!shared) return true;
    }
  }
  return false;
}

// Jaccard's similarity of two sets from their smallest hashes: exact when
// neither list was cut at kMaxHashes, else over the smallest kMaxHashes of
// the union (every one of them is in a list it belongs to).
double similarity(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  const bool cut = a.size() >= events::kMaxHashes || b.size() >= events::kMaxHashes;
  std::size_t i = 0, j = 0, both = 0, seen = 0;
  while ((i < a.size() || j < b.size()) && (!cut || seen < events::kMaxHashes)) {
    if (j == b.size() || (i < a.size() && a[i] < b[j])) {
      ++i;
    } else if (i == a.size() || b[j] < a[i]) {
      ++j;
    } else {
      ++i, ++j, ++both;
    }
    ++seen;
  }
  return seen == 0 ? 0 : static_cast<double>(both) / static_cast<double>(seen);
}

std::int64_t day_of(std::int64_t seconds) {
  return seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
}

// Floor division for windows of three days before the epoch too.
std::int64_t window_of(std::int64_t day) { return day >= 0 ? day / 3 : -((-day + 2) / 3); }

// Whether a word is Chinese, Japanese or Korean (as the analyzer judges
// a text's language).
bool cjk(const std::string& word, Analyzer& analyzer) {
  if (word.empty() || static_cast<unsigned char>(word[0]) < 0x80) return false;  // ASCII
  const std::string lang = analyzer.language(word);
  return lang == "zh" || lang == "ja" || lang == "ko";
}

}  // namespace

void add_event_links(Xapian::Document& doc, const Article& article, Analyzer& analyzer) {
  if (!article.published_at) return;
  static const Xapian::Stem stem(kStemLanguage);
  const std::vector<std::string> title = title_words(article.title, analyzer);
  const Hashes title_hashes = title_set(title, stem);
  if (title_hashes.empty()) return;
  // The excerpt's words in the scripts of the title only: a sentence in
  // another script (a translation, a quote) changes no event link, as it
  // changes no score of the title's words (common/ranking.h).
  bool title_cjk[2] = {false, false};
  for (const std::string& w : title) title_cjk[cjk(w, analyzer)] = true;
  std::vector<std::string> text = title;
  for (std::string& w : event_words(article.excerpt, analyzer)) {
    if (title_cjk[cjk(w, analyzer)]) text.push_back(std::move(w));
  }
  doc.add_value(schema::kEventSketch.slot,
                sketch(*article.published_at, title_template(title, stem), title_hashes,
                       word_set(text, stem)));
  // Two articles at most three days apart share one of the windows of
  // three days an article's terms name: its own and the one before.
  const std::int64_t window = window_of(day_of(*article.published_at));
  for (int band = 0; band < events::kBands; ++band) {
    std::string key;
    for (int row = 0; row < events::kRows; ++row) {
      const std::uint64_t seed =
          0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(band * events::kRows + row + 1);
      std::uint64_t least = ~0ULL;
      for (std::uint64_t h : title_hashes) least = std::min(least, mix(h ^ seed));
      put(key, least, 8);
    }
    for (std::int64_t w : {window, window - 1}) {
      const std::string band_key = std::to_string(w) + ":" + std::to_string(band) + ":" + key;
      // 40 bits: a collision only makes two articles candidates.
      doc.add_boolean_term(schema::term(schema::kEvent, schema::hex_hash(band_key).substr(0, 10)));
    }
  }
}

bool same_event(std::string_view a, std::string_view b) {
  Sketch x, y;
  if (!read_sketch(a, x) || !read_sketch(b, y)) return false;
  const std::int64_t apart = x.seconds > y.seconds ? x.seconds - y.seconds : y.seconds - x.seconds;
  return apart <= events::kMaxSeconds && !one_template(x, y) &&
         similarity(x.title, y.title) >= events::kTitleSimilarity &&
         similarity(x.words, y.words) >= events::kWordSimilarity;
}

}  // namespace ns
