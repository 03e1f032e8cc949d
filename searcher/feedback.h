// Pseudo-relevance feedback: the words that tell the best few hits of a
// query apart from the rest of the database, added to its ranking so that
// articles on the same subject in other words rise (Rocchio's idea, as
// Lucene's and Terrier's query expansion use it). They rank, never match:
// the hits stay those of the query.
#pragma once

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

namespace ns {

struct Feedback {
  // The words (stems), best first, each with its weight relative to the
  // best (1).
  std::vector<std::pair<std::string, double>> words;
  // The words ORed, each scaled by ranking::kFeedbackWeight times its
  // relative weight; empty when there is none.
  Xapian::Query query;
};

// The feedback of the best ranking::kFeedbackArticles hits of ranked (one a
// story when collapse), leaving out the words of matching (the query's own)
// and words in more than ranking::kFeedbackMaxShare of the articles; none
// when matching has no stem (CJK words, field words or filters alone). The
// match stops after time_limit seconds (0: none) with what it found.
Feedback feedback(const Xapian::Database& db, const Xapian::Query& ranked,
                  const Xapian::Query& matching, bool collapse, double time_limit);

// "feedback (stems): stem 1.00, stem 0.73, ...", for --explain.
std::string describe(const Feedback& feedback);

}  // namespace ns
