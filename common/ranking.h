// Ranking policy: the weights ns adds to BM25 (whole words, substrings,
// the story head, quality, recency) and the tie order. The document layout
// they are stored in is common/schema.h's.
#pragma once

#include <algorithm>
#include <optional>
#include <string_view>

#include "common/schema.h"

namespace ns::ranking {

// Added to the score of a file's own article that matches: the article the
// collection chose to head its story ranks above the related coverage of
// the same event (their BM25 scores differ by a few percent), but not above
// a clearly better text match. A query word found whole scores about two
// BM25 weights (kWholeWordBoost), so this is half a word.
inline constexpr double kFileArticleBoost = 1.0;

// A query word found as a whole word weighs this many times its n-gram or
// stem match, so whole-word matches rank above substring-only ones.
inline constexpr double kWholeWordBoost = 2.0;

// A match by character n-grams (a substring of CJK text) weighs this much of
// the average weight of its bigrams: below whole words, whose terms are
// rarer than the bigrams they contain.
inline constexpr double kSubstringWeight = 0.5;

// A query word matched only through a typo correction (searcher/typos.h)
// weighs this much of the candidate word's own BM25 weight: well below the
// word found as typed (kWholeWordBoost) or by its stem (1.0), so an article
// holding the word ranks above one holding only a correction of it.
inline constexpr double kTypoWeight = 0.25;

// The quality prior added to an article's score: kQualityWeight * q / (q +
// kQualityHalf). It saturates (213 is not four times 50), an article at the
// corpus median (65 in ../shared/corpus) gets half of kQualityWeight, and
// one without a quality is taken to be at the median: neutral. At most 1.0,
// where a matched word scores about 5 to 11 (data/), so quality orders
// close matches but never lifts a weak match over a clearly better one.
inline constexpr double kQualityWeight = 1.0;
inline constexpr double kQualityHalf = 65.0;

inline double quality_prior(std::optional<int> quality) {
  const double q = quality ? std::max(0, *quality) : kQualityHalf;
  return kQualityWeight * q / (q + kQualityHalf);
}

// With --decay DAYS (or --recent), an article published today gains
// kRecencyWeight, halved every DAYS days back; articles older than
// kRecencyHalfLives half-lives, and undated ones, gain nothing.
inline constexpr double kRecencyWeight = 1.0;
inline constexpr int kRecencyHalfLives = 8;
inline constexpr int kRecentHalfLifeDays = 30;  // --recent

// The story-head prior of an article of kind (schema::kKindFile or kKindRelated);
// with quality_prior, summed into kPrior.
inline double story_head_prior(std::string_view kind) {
  return kind == schema::kKindFile ? kFileArticleBoost : 0.0;
}

// Equal scores are ordered by the prior's last bits, a hash of the id (of
// a path, its folder and name) below kTieRange in steps of 2^-32 (far above
// a double's rounding at any score), so results do not depend on the order
// documents were added (an incremental run equals a rebuild) and Xapian
// sorts by relevance alone: it then reads no sort key for each candidate (a
// value read per match, most of a one-shot query's block reads when the key
// was the id).
inline constexpr double kTieRange = 1.0 / 4096;

// The schema::kPrior value: quality_prior in steps of 1/256 (its serialised value
// stays short: Xapian reads it for every match), the story-head prior and
// the id's tie-break.
double prior_value(std::optional<int> quality, std::string_view kind, std::string_view id);

}  // namespace ns::ranking
