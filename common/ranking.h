// Ranking policy: BM25's parameters and how a document's words are
// weighed (per script), the weights ns adds to BM25 (substrings, the
// story head, quality, recency) and the tie order. The document layout
// they are stored in is common/schema.h's.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <optional>
#include <string_view>

#include "common/schema.h"

namespace ns::ranking {

// BM25 (Robertson and Zaragoza) with k1 = kBm25K1 and b = kBm25B, but the
// length a word's frequency is normalised by is that of the text of its
// own script in the article, not the whole article's: Latin (with other
// alphabets and digits) and CJK text apart, as BM25F normalises each field
// apart. So an English article quoting a Chinese name scores for English
// words as it would without it, and the other way round. Xapian 1.4
// normalises by the whole document, so the indexer stores each term's
// frequency already normalised (normalised_wdf, in steps of 1/kWdfScale)
// and the searcher runs BM25 without length normalisation (b = 0) and k1
// scaled to those steps (bm25_weight); kTextScale brings the weights back
// to BM25's own scale.
inline constexpr double kBm25K1 = 1.0;
inline constexpr double kBm25B = 0.75;
inline constexpr double kWdfScale = 16;
// The length, in words weighted as schema::kTitleWdf and kExcerptWdf
// count them, BM25 takes as average for an article's Latin and for its
// CJK text. Set before measuring: ../shared/corpus averages 67 (3,000
// English files, title and excerpt) and 33 (the 10,000 THUCNews dev
// headlines); moving them to those is to be weighed with make eval.
inline constexpr double kAverageLength[2] = {80, 30};  // [cjk]
inline constexpr double kTextScale = (kBm25K1 + 1) / (kBm25K1 * kWdfScale + 1);

// The wdf of a term occurring occurrences times (weighted by field) in an
// article whose text in the term's script is length words long.
Xapian::termcount normalised_wdf(double occurrences, double length, bool cjk);

// The weighting scheme for the normalised frequencies.
Xapian::BM25Weight bm25_weight();

// Added to the score of a file's own article that matches: the article the
// collection chose to head its story ranks above the related coverage of
// the same event (their BM25 scores differ by a few percent), but not above
// a clearly better text match. A query word found whole scores about two
// BM25 weights (kWholeWordBoost), so this is half a word.
inline constexpr double kFileArticleBoost = 1.0;

// The whole-title match (with_priors) weighs this many times its BM25
// weight, so a query that is an article's whole title ranks it first.
inline constexpr double kWholeWordBoost = 2.0;

// Neighbouring query words found next to each other, in the typed order,
// add this much of the pair's weight, among articles with every word (see
// searcher/query_builder.h). bench/eval: 0.25, 0.5 and 1 rank alike there;
// as a bonus for articles with some of the words too, it let two-word
// names ("new york") outweigh the other words.
inline constexpr double kProximityWeight = 0.25;

// Ranked with some of the words (--some-words), an article with every word
// of the query gains this much of their weight: one ranked list where
// having every word counts in proportion to how well the words match. At
// 0.1 "Idaho inmates sue, claiming overcrowding at state prison" (three of
// "prison inmates covid outbreak", two in its title) ranks above an
// off-topic article with all four in passing; bench/eval ranks 0.1 to 1
// alike (English nDCG@10 0.883 to 0.884, known-item MRR 0.970).
inline constexpr double kEveryWordWeight = 0.1;

// Pseudo-relevance feedback (searcher/feedback.h): the kFeedbackWords stems
// that tell the best kFeedbackArticles hits apart (the more of them hold it
// and the rarer, the better), each in two or more of those hits and in at
// most kFeedbackMaxShare of the articles, rank the hits with kFeedbackWeight
// of their BM25 weight (the best stem; the others in proportion).
// bench/eval: English topical nDCG@10 (topic2) 0.820 without, 0.842 with;
// typo 0.884 -> 0.904; known-item MRR 0.970 either way. Measured with
// Xapian's expand set choosing the stems: 3 to 10 articles, 5 or 10 stems
// and weights 0.3 to 0.5 gave 0.830 to 0.846 (a stem of one hit only:
// 0.846, but on data/ it lifted that hit alone, by more than its query
// word); the expand set's weights differed over shards, these do not.
inline constexpr Xapian::doccount kFeedbackArticles = 3;
inline constexpr Xapian::termcount kFeedbackWords = 5;
inline constexpr double kFeedbackWeight = 0.3;
inline constexpr double kFeedbackMaxShare = 0.05;

// A match by character n-grams (a substring of CJK text) weighs this much of
// the average weight of its bigrams: below whole words, whose terms are
// rarer than the bigrams they contain.
inline constexpr double kSubstringWeight = 0.5;

// A query word matched only through a typo correction (searcher/typos.h)
// weighs this much of the candidate word's own BM25 weight: well below the
// word found as typed or by its stem (1.0), so an article holding the word
// ranks above one holding only a correction of it.
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

// Scores are spread by the prior's last bits, a hash of the id (of a path,
// its folder and name; within each step, of the whole id, since schema
// 16) below kTieRange in steps of 2^-32 (far above a double's rounding at
// any score), so that equal scores are rare; those left (copies of one
// file whose hashes collide, 1 pair in 1,024) are ordered by id
// (searcher/search.cc).
inline constexpr double kTieRange = 1.0 / 4096;

// The schema::kPrior value: quality_prior in steps of 1/256 (its serialised value
// stays short: Xapian reads it for every match), the story-head prior and
// the id's tie-break.
double prior_value(std::optional<int> quality, std::string_view kind, std::string_view id);

}  // namespace ns::ranking
