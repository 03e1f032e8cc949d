// Builds Xapian queries for text, through the one analyzer: the pieces the
// query parser assembles.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/analyzer.h"
#include "common/schema.h"
#include "searcher/prior_table.h"

namespace ns {

// Where text is looked for: the free text (title and excerpt, with stems
// and CJK n-grams) or one field's exact words: the title's own terms, or
// the free-text words after the excerpt's mark (schema::kExcerpt).
struct TextField {
  const schema::Prefix* words;   // exact words
  const schema::Prefix* stems;   // null: no stems
  const schema::Prefix* ngrams;  // null: no CJK substrings
  const schema::Prefix* mark;    // non-null: words count only after this mark term
};

inline constexpr TextField kFreeText{&schema::kAnyText, &schema::kStem, &schema::kNgram, nullptr};
inline constexpr TextField kTitleText{&schema::kTitle, nullptr, nullptr, nullptr};
inline constexpr TextField kExcerptText{&schema::kAnyText, nullptr, nullptr, &schema::kExcerpt};

// The words of text in field, one query each (see Analyzer::query_units):
// a word, a hyphenated compound or split word, or a word of a CJK run.
// Each matches once, by the best of its ways to match: its exact form, its
// English stem, or in Chinese, Japanese and Korean text as a substring
// (its character bigrams as a phrase, weighted ranking::kSubstringWeight);
// in the free text also as the articles may spell it otherwise: two
// neighbouring words as one ("power apps": powerapps) and, given db, a
// rare word as two ("powerapps": "power apps"). The bonus, which matches
// nothing alone, adds for a CJK run of several
// words found whole, so "港股回调" finds 港股 and 回调 apart but ranks the
// articles holding "港股回调" first. text is first tidied as article text
// is (clean_text: HTML entities, stray C1 and zero-width characters), so a
// headline pasted as written finds itself. near adds for neighbouring
// words found next to each other in the free text
// (ranking::kProximityWeight). Throws AnalyzerError.
struct WordsMatch {
  std::vector<Xapian::Query> words;  // empty: text has no words
  Xapian::Query bonus;               // matches nothing alone; may be empty
  // Words next to each other: a bonus among articles with every word
  // only, where it orders like matches (Meilisearch's proximity rule comes
  // after its words rule); may be empty.
  Xapian::Query near;

  // Every word, with the bonus; empty when there are no words.
  Xapian::Query all() const;
};
// The indexed words a query unit may also match as a typo of (see
// searcher/typos.h); empty: none.
using TypoLookup = std::function<std::vector<std::string>(const QueryUnit&)>;

// With typos (given only for the free text), each unit without parts also
// matches its candidates, as its last way (typo_way).
WordsMatch words_match(std::string_view text, const TextField& field, Analyzer& analyzer,
                       const Xapian::Database* db = nullptr, const TypoLookup& typos = nullptr);

// The candidates (free-text words) as one way to match a unit: one
// synonym, weighted ranking::kTypoWeight. Empty when there are none.
Xapian::Query typo_way(const std::vector<std::string>& candidates);

// words_match(text, field, analyzer, db, typos).all(). Throws AnalyzerError.
Xapian::Query words_query(std::string_view text, const TextField& field, Analyzer& analyzer,
                          const Xapian::Database* db = nullptr, const TypoLookup& typos = nullptr);

// text as a phrase of exact words in field; one unit matches as itself
// without stems. Returns an empty query when text has no units.
Xapian::Query phrase_query(std::string_view text, const TextField& field, Analyzer& analyzer);

// Terms of field that start with prefix (normalised by the analyzer): the
// kMaxWildcardTerms most frequent in db as a whole (ties by term), listed
// from its term list, so that shards score as one database holding the
// same articles. They match as one word (a synonym), or in a field with a
// mark, ORed (a phrase takes no synonym). Returns an empty query when
// prefix normalises to nothing; one matching nothing (the prefix as a
// term) when no term starts so, or without db in a field with a mark.
// Without db, the other fields are an OP_WILDCARD, which Xapian expands in
// each shard apart (for tests of the parser alone: over shards its scores
// differ).
Xapian::Query prefix_query(std::string_view prefix, const TextField& field, Analyzer& analyzer,
                           const Xapian::Database* db = nullptr);

// The recency prior, matching nothing by itself: an article published on
// as_of (seconds since the epoch, UTC) gains ranking::kRecencyWeight, halved
// for every half_life_days before it (none after kRecencyHalfLives
// half-lives; an article dated after as_of counts as published on it).
Xapian::Query recency_query(int half_life_days, std::int64_t as_of);

// The weight recency_query gives an article published on day (YYYY-MM-DD).
double recency_weight(const std::string& day, int half_life_days, std::int64_t as_of);

// The terms of db starting with start (a prefix and the start of a word),
// the max most frequent in db as a whole, most frequent first, ties by
// term; with the number of articles holding each.
std::vector<std::pair<std::string, Xapian::doccount>> most_frequent_terms(
    const Xapian::Database& db, const std::string& start, size_t max);

// A wildcard expands to at most this many terms.
inline constexpr Xapian::termcount kMaxWildcardTerms = 200;

// The term an article holds when its whole title is text, in its normalised
// words (quotes and punctuation aside). Throws AnalyzerError.
std::string whole_title_term(std::string_view text, Analyzer& analyzer);

// Adds the ranking priors to query (its weights scaled by
// ranking::kTextScale), built from text: a file's own article
// gains ranking::kFileArticleBoost, every article its quality prior
// (ranking::quality_prior), and an article whose whole title is text
// (in its normalised words, quotes aside) ranks first. Matches stay those
// of query; also_ranks (feedback words, say) adds to their ranking only.
// Throws AnalyzerError.
Xapian::Query with_priors(const Xapian::Query& query, std::string_view text, Analyzer& analyzer,
                          std::shared_ptr<const PriorTable> priors = nullptr,
                          const Xapian::Query& also_ranks = Xapian::Query());

}  // namespace ns
