#include "searcher/feedback.h"

#include <cmath>
#include <map>
#include <set>

#include "common/ranking.h"
#include "common/schema.h"
#include "searcher/like.h"

namespace ns {
namespace {

// The stems of the best hits, each with the number of them holding it.
std::map<std::string, int> stems_of(const Xapian::MSet& best) {
  const std::string stem(schema::kStem.prefix);
  std::map<std::string, int> held;
  for (auto hit = best.begin(); hit != best.end(); ++hit) {
    const Xapian::Document doc = hit.get_document();
    Xapian::TermIterator t = doc.termlist_begin();
    for (t.skip_to(stem); t != doc.termlist_end() && (*t).compare(0, stem.size(), stem) == 0;
         ++t) {
      ++held[*t];
    }
  }
  return held;
}

// Whether query holds stems: words in Latin script (and the like) that may
// be fed back. A CJK query ranks by its own words: stems fed back from
// Latin text that its articles also hold would score them otherwise than
// the same articles without it (mixed_language_test). A query of filters
// alone ranks by the priors.
bool has_stems(const Xapian::Query& query) {
  const std::string_view stem = schema::kStem.prefix;
  for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
    const std::string& term = *t;
    if (term.size() > stem.size() && term.compare(0, stem.size(), stem) == 0 &&
        (term[stem.size()] < 'A' || term[stem.size()] > 'Z')) {
      return true;
    }
  }
  return false;
}

}  // namespace

Feedback feedback(const Xapian::Database& db, const Xapian::Query& ranked,
                  const Xapian::Query& matching, bool collapse, double time_limit) {
  Feedback out;
  if (!has_stems(matching)) return out;
  Xapian::Enquire enquire(db);
  enquire.set_query(ranked);
  enquire.set_weighting_scheme(ranking::bm25_weight());
  // Ties by id, as the page's match: the same best hits over served shards
  // as in one database (shards_test), whatever the docids.
  enquire.set_sort_by_relevance_then_value(schema::kSortKey.slot, false);
  if (collapse) enquire.set_collapse_key(schema::kClusterKey.slot);
  if (time_limit > 0) enquire.set_time_limit(time_limit);
  const Xapian::MSet best = enquire.get_mset(0, ranking::kFeedbackArticles);
  // A stem is telling by the number of best hits holding it times its
  // rarity, as Lucene's MoreLikeThis weighs a word by tf-idf; counted from
  // the whole database's frequencies, so shards choose as one database.
  // Kept: stems of three or more letters in two or more of the hits (one
  // hit's own word would lift that hit alone, the more the rarer), not the
  // query's own, in at most kFeedbackMaxShare of the articles.
  const std::set<std::string> own(matching.get_terms_begin(), matching.get_terms_end());
  const double articles = db.get_doccount();
  std::vector<std::pair<std::string, double>> scored;
  for (const auto& [term, held] : stems_of(best)) {
    if (held < 2 || term.size() < schema::kStem.prefix.size() + 3 || own.count(term)) continue;
    const Xapian::doccount df = db.get_termfreq(term);
    if (df > ranking::kFeedbackMaxShare * articles) continue;
    scored.emplace_back(term, held * std::log(articles / df));
  }
  out.query = best_words(scored, ranking::kFeedbackWords, ranking::kFeedbackWeight);
  out.words = std::move(scored);
  return out;
}

std::string describe(const Feedback& feedback) {
  std::vector<std::pair<std::string, double>> stems = feedback.words;
  for (auto& [term, weight] : stems) term.erase(0, schema::kStem.prefix.size());
  return describe_words("feedback (stems)", stems);
}

}  // namespace ns
