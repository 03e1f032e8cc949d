// "More like this": the telling words of one article, as a query for the
// rest of its coverage (ns-search --like REF).
#pragma once

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

namespace ns {

// At most this many words stand for an article.
inline constexpr size_t kMaxLikeWords = 25;

struct Likeness {
  Xapian::docid docid = 0;  // the article referred to
  std::string id;           // its id, as JSON prints it
  std::string cluster;      // its story (the collapse key)
  // Its telling words, best first, each with its weight in query (the
  // best 1): title and excerpt words (CJK words too) in at least one other
  // article and in at most a tenth of them, weighed by their count in the
  // article (a title word's counting schema::kTitleWdf times) times their
  // rarity (tf-idf, as Lucene's MoreLikeThis), kMaxLikeWords at most.
  std::vector<std::pair<std::string, double>> words;
  Xapian::Query query;  // the words ORed, each scaled by its weight; ranks, never
                        // matches the article itself (AND_NOT its id)
};

// The article ref names (its id as JSON prints it, its file's path, or its
// URL, the file's own article first) and its words. Throws UsageError
// when no article is found.
Likeness like(const Xapian::Database& db, const std::string& ref);

// Sorts scored (words and how telling each is) best first, ties by word,
// keeps the most best, weighs each relative to the best (1) and returns
// them ORed, each scaled by scale times its weight; empty for none.
Xapian::Query best_words(std::vector<std::pair<std::string, double>>& scored, size_t most,
                         double scale);

// "label: word 1.00, word 0.73, ...", for --explain.
std::string describe_words(const std::string& label,
                           const std::vector<std::pair<std::string, double>>& words);

// "like ID: word 1.00, word 0.73, ...", for --explain.
std::string describe(const Likeness& likeness);

}  // namespace ns
