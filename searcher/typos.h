// Typo tolerance: the words of the database a misspelt query word may
// stand for, found in the database's own term list (local, several
// shards, or shards served by xapian-tcpsrv alike).
//
// The rules (Meilisearch's defaults): a word of kOneEditLetters or more
// letters may be one edit away from what was meant, of kTwoEditsLetters or
// more two; an edit inserts, deletes or replaces a letter, or swaps two
// neighbours (optimal string alignment). A word of kShortLetters letters
// that no article holds may be one edit away too (Typesense corrects from
// 4 letters; a 5-letter word with a letter left out is one). Only a word
// that nearly no article holds is corrected (kRareArticles), and only into
// a word more articles hold. A typo in the first kFrontLetters letters is
// found only as the word's one edit.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"

namespace ns {

inline constexpr std::size_t kShortLetters = 4;
// Candidates keeping a word's first letters are found by scanning the
// terms that start with them (one call; over a served shard, their list
// comes whole, about 17 microseconds a term); the others by looking up each
// word one edit of those letters makes (one call for all).
inline constexpr std::size_t kFrontLetters = 2;
inline constexpr std::size_t kOneEditLetters = 5;
inline constexpr std::size_t kTwoEditsLetters = 9;

// A word is corrected only when it, and its stem, are each in at most this
// many articles: a word spelt right is nearly always in more (97% of the
// English title words of ../shared/corpus are), and one spelt wrong in a
// few (an article's own typo) is still worth correcting.
inline constexpr Xapian::doccount kRareArticles = 2;

// A candidate must be in more articles than the word typed and in at least
// this many: a word no article has may stand for a name one article has.
inline constexpr Xapian::doccount kMinCandidateArticles = 1;

// At most this many candidates a word, the best.
inline constexpr std::size_t kMaxCandidates = 8;

// The optimal string alignment distance between a and b (code points):
// insertions, deletions, substitutions and swaps of neighbours, each 1,
// no substring edited twice.
int edit_distance(std::u32string_view a, std::u32string_view b);

// How many edits a word of this many letters may have, 0, 1 or 2; absent:
// no article holds it.
int allowed_edits(std::size_t letters, bool absent);

// word (normalised UTF-8) as code points when it may be corrected: letters
// only, of Latin, Greek or Cyrillic script (no digits, no CJK, no
// apostrophes), at least kShortLetters of them; else empty.
std::u32string correctable(std::string_view word);

// The words one edit of word's first kFrontLetters letters makes: a letter
// deleted, swapped with the next, replaced or preceded by one of a-z or of
// word's own letters (word itself left out, each once).
std::vector<std::u32string> front_variants(std::u32string_view word);

struct TypoCandidate {
  std::string word;               // a free-text term of the database (UTF-8)
  int edits = 0;                  // from the word typed: 1 or 2
  Xapian::doccount articles = 0;  // holding it, over every shard
};

// Candidates ranked best first: fewest edits, then most articles, then by word.
bool better(const TypoCandidate& a, const TypoCandidate& b);

// A word corrected in a query, as terms: an article holding one of
// candidates but none of exact matched it only through a correction.
struct Correction {
  std::vector<std::string> exact;       // the word and its stem term
  std::vector<std::string> candidates;  // free-text terms
};

// Whether doc matched some word only through a correction (reads its term
// list). Throws Xapian::Error.
bool needed_correction(const Xapian::Document& doc, const std::vector<Correction>& corrections);

// What finding candidates cost, for measuring: database calls (a term
// frequency lookup, a batch of them, or a term list scan, each one round
// trip a served shard) and wall time.
struct TypoCost {
  unsigned calls = 0;
  double milliseconds = 0;
};

// Finds candidates in db, each word once (a query is parsed more than once).
// Not thread-safe; db must outlive it.
class TypoFinder {
 public:
  explicit TypoFinder(const Xapian::Database& db) : db_(db) {}

  // The words word (a query word, normalised) may be a typo of, best first,
  // at most kMaxCandidates; stem is its stem term's text ("" for none).
  // Empty when the word cannot be corrected or is not rare. Throws
  // Xapian::Error when the database fails.
  const std::vector<TypoCandidate>& candidates(const std::string& word, const std::string& stem);

  // A one-word unit's candidate words, best first (the lookup words_match
  // takes); none for other units.
  std::vector<std::string> for_unit(const QueryUnit& unit);

  // The best candidate of word when it was looked up, no article holds it
  // or its stem, and it has candidates; else none.
  std::optional<std::string> replacement(const std::string& word) const;

  // The words looked up that have candidates, in the order first asked.
  const std::vector<Correction>& corrections() const { return corrections_; }

  const TypoCost& cost() const { return cost_; }

 private:
  struct Entry {
    std::vector<TypoCandidate> candidates;
    bool absent = false;
  };

  // How many articles hold each term, in one call when there are many.
  std::vector<Xapian::doccount> frequencies(const std::vector<std::string>& terms);
  // Candidates keeping word's first kFrontLetters letters, from a scan of
  // the terms that start with them; above: the articles the word is in.
  void scan(const std::u32string& word, int edits, Xapian::doccount above,
            std::vector<TypoCandidate>& out);
  // Candidates with one of word's first kFrontLetters letters edited.
  void front(const std::u32string& word, Xapian::doccount above, std::vector<TypoCandidate>& out);

  const Xapian::Database& db_;
  std::map<std::string, Entry> found_;
  std::vector<Correction> corrections_;
  TypoCost cost_;
};

}  // namespace ns
