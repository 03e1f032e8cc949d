#include "searcher/typos.h"

#include <algorithm>
#include <chrono>

#include "common/schema.h"
#include "common/utf8.h"

namespace ns {
namespace {

// Letters of the scripts whose words are corrected, lower case as the
// analyzer leaves them (accents are already removed; ß, æ, ø stay).
bool is_letter(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
         (c >= 0x370 && c <= 0x3FF) || (c >= 0x400 && c <= 0x52F);
}

std::u32string decoded(std::string_view text) {
  std::u32string out;
  for (size_t i = 0; i < text.size();) out.push_back(utf8::next(text, i));
  return out;
}

std::string encoded(std::u32string_view text) {
  std::string out;
  for (char32_t c : text) utf8::append(out, c);
  return out;
}

// Up to this many terms are looked up one by one (a call each); more in
// one match that gathers every term's frequency (a call for all).
constexpr std::size_t kDirectLookups = 4;

// The rows of the optimal string alignment table of a word against the
// text read so far, a character at a time.
class AlignmentRows {
 public:
  explicit AlignmentRows(std::u32string_view word)
      : word_(word), before_(word.size() + 1), last_(word.size() + 1), row_(word.size() + 1) {
    for (size_t j = 0; j <= word.size(); ++j) row_[j] = static_cast<int>(j);
  }

  // Reads c, the text's next character; returns the row's smallest value:
  // the fewest edits any continuation of the text can need.
  int add(char32_t c) {
    before_.swap(last_);
    last_.swap(row_);
    ++read_;
    row_[0] = static_cast<int>(read_);
    int least = row_[0];
    for (size_t j = 1; j <= word_.size(); ++j) {
      int best =
          std::min({last_[j] + 1, row_[j - 1] + 1, last_[j - 1] + (c == word_[j - 1] ? 0 : 1)});
      if (read_ > 1 && j > 1 && c == word_[j - 2] && previous_ == word_[j - 1]) {
        best = std::min(best, before_[j - 2] + 1);
      }
      row_[j] = best;
      least = std::min(least, best);
    }
    previous_ = c;
    return least;
  }

  // The edits from the text read to the whole word.
  int distance() const { return row_.back(); }

 private:
  std::u32string_view word_;
  std::vector<int> before_, last_, row_;
  size_t read_ = 0;
  char32_t previous_ = 0;
};

}  // namespace

int edit_distance(std::u32string_view a, std::u32string_view b) {
  AlignmentRows rows(b);
  for (char32_t c : a) rows.add(c);
  return rows.distance();
}

int allowed_edits(std::size_t letters, bool absent) {
  if (letters >= kTwoEditsLetters) return 2;
  return letters >= kOneEditLetters || (letters == kShortLetters && absent) ? 1 : 0;
}

std::u32string correctable(std::string_view word) {
  std::u32string letters = decoded(word);
  if (letters.size() < kShortLetters || !std::all_of(letters.begin(), letters.end(), is_letter)) {
    return {};
  }
  return letters;
}

std::vector<std::u32string> front_variants(std::u32string_view word) {
  std::u32string alphabet = U"abcdefghijklmnopqrstuvwxyz";
  for (char32_t c : word) {
    if (alphabet.find(c) == std::u32string::npos) alphabet.push_back(c);
  }
  std::vector<std::u32string> out;
  const std::u32string w(word);
  for (size_t p = 0; p < kFrontLetters && p < w.size(); ++p) {
    out.push_back(w.substr(0, p) + w.substr(p + 1));
    if (p + 1 < w.size()) {
      std::u32string swapped = w;
      std::swap(swapped[p], swapped[p + 1]);
      out.push_back(swapped);
    }
    for (char32_t c : alphabet) {
      out.push_back(w.substr(0, p) + c + w.substr(p + 1));
      out.push_back(w.substr(0, p) + c + w.substr(p));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.erase(std::remove(out.begin(), out.end(), w), out.end());
  return out;
}

bool better(const TypoCandidate& a, const TypoCandidate& b) {
  if (a.edits != b.edits) return a.edits < b.edits;
  if (a.articles != b.articles) return a.articles > b.articles;
  return a.word < b.word;
}

std::vector<Xapian::doccount> TypoFinder::frequencies(const std::vector<std::string>& terms) {
  std::vector<Xapian::doccount> out;
  if (terms.size() <= kDirectLookups) {
    for (const std::string& term : terms) out.push_back(db_.get_termfreq(term));
    cost_.calls += static_cast<unsigned>(terms.size());
    return out;
  }
  // A match of no documents still gathers the frequency of every term of
  // its query, from every shard at once.
  Xapian::Enquire enquire(db_);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  const Xapian::MSet stats = enquire.get_mset(0, 0, Xapian::doccount{0});
  for (const std::string& term : terms) out.push_back(stats.get_termfreq(term));
  ++cost_.calls;
  return out;
}

void TypoFinder::scan(const std::u32string& word, int edits, Xapian::doccount above,
                      std::vector<TypoCandidate>& out) {
  const std::string first = encoded(word.substr(0, kFrontLetters));
  ++cost_.calls;
  const Xapian::TermIterator end = db_.allterms_end(first);
  for (Xapian::TermIterator t = db_.allterms_begin(first); t != end;) {
    const std::string term = *t;
    AlignmentRows rows(word);
    size_t i = 0;
    bool dead = false;
    while (i < term.size() && !dead) dead = rows.add(utf8::next(term, i)) > edits;
    if (dead) {  // so is every term starting with what was read: past them
      t.skip_to(term.substr(0, i) + "\xff");
      continue;
    }
    if (rows.distance() <= edits && rows.distance() > 0 && t.get_termfreq() > above &&
        !correctable(term).empty()) {
      out.push_back({term, rows.distance(), t.get_termfreq()});
    }
    ++t;
  }
}

void TypoFinder::front(const std::u32string& word, Xapian::doccount above,
                       std::vector<TypoCandidate>& out) {
  std::vector<std::string> terms;
  for (const std::u32string& variant : front_variants(word)) terms.push_back(encoded(variant));
  const std::vector<Xapian::doccount> articles = frequencies(terms);
  for (size_t i = 0; i < terms.size(); ++i) {
    if (articles[i] > above) out.push_back({terms[i], 1, articles[i]});
  }
}

const std::vector<TypoCandidate>& TypoFinder::candidates(const std::string& word,
                                                         const std::string& stem) {
  if (auto it = found_.find(word); it != found_.end()) return it->second.candidates;
  Entry& entry = found_[word];
  const std::u32string letters = correctable(word);
  if (letters.empty()) return entry.candidates;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> typed{schema::term(schema::kAnyText, word)};
  if (!stem.empty()) typed.push_back(schema::term(schema::kStem, stem));
  const std::vector<Xapian::doccount> held = frequencies(typed);
  const Xapian::doccount articles = *std::max_element(held.begin(), held.end());
  entry.absent = articles == 0;
  const int edits = allowed_edits(letters.size(), entry.absent);
  if (articles <= kRareArticles && edits > 0) {
    const Xapian::doccount above = std::max(articles, kMinCandidateArticles - 1);
    std::vector<TypoCandidate> found;
    scan(letters, edits, above, found);
    front(letters, above, found);
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
      return a.word != b.word ? a.word < b.word : a.edits < b.edits;
    });
    found.erase(std::unique(found.begin(), found.end(),
                            [](const auto& a, const auto& b) { return a.word == b.word; }),
                found.end());
    std::sort(found.begin(), found.end(), better);
    if (found.size() > kMaxCandidates) found.resize(kMaxCandidates);
    entry.candidates = std::move(found);
    if (!entry.candidates.empty()) {
      Correction c{typed, {}};
      for (const TypoCandidate& t : entry.candidates) c.candidates.push_back(t.word);
      corrections_.push_back(std::move(c));
    }
  }
  cost_.milliseconds +=
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return entry.candidates;
}

std::vector<std::string> TypoFinder::for_unit(const QueryUnit& unit) {
  std::vector<std::string> out;
  if (unit.words.size() != 1 || !unit.joined.empty() || unit.cjk) return out;
  for (const TypoCandidate& c :
       candidates(unit.words.front(), unit.stems.empty() ? "" : unit.stems.front())) {
    out.push_back(c.word);
  }
  return out;
}

std::optional<std::string> TypoFinder::replacement(const std::string& word) const {
  const auto it = found_.find(word);
  if (it == found_.end() || !it->second.absent || it->second.candidates.empty()) return {};
  return it->second.candidates.front().word;
}

bool needed_correction(const Xapian::Document& doc, const std::vector<Correction>& corrections) {
  std::vector<std::string> terms;
  for (const Correction& c : corrections) {
    terms.insert(terms.end(), c.exact.begin(), c.exact.end());
    terms.insert(terms.end(), c.candidates.begin(), c.candidates.end());
  }
  std::sort(terms.begin(), terms.end());
  std::vector<std::string> held;
  Xapian::TermIterator t = doc.termlist_begin();
  for (const std::string& term : terms) {
    t.skip_to(term);
    if (t == doc.termlist_end()) break;
    if (*t == term) held.push_back(term);
  }
  auto holds_any = [&](const std::vector<std::string>& some) {
    return std::any_of(some.begin(), some.end(), [&](const std::string& x) {
      return std::binary_search(held.begin(), held.end(), x);
    });
  };
  return std::any_of(corrections.begin(), corrections.end(), [&](const Correction& c) {
    return holds_any(c.candidates) && !holds_any(c.exact);
  });
}

}  // namespace ns
