#include "searcher/search.h"

#include <algorithm>
#include <vector>

#include "common/errors.h"
#include "common/schema.h"
#include "searcher/query_builder.h"
#include "searcher/query_parser.h"

namespace ns {
namespace {

// Xapian's BM25 defaults but for b, raised towards the usual 0.75 so that a
// short title-only match is not drowned by a long excerpt.
constexpr double kBm25K1 = 1.0;
constexpr double kBm25K2 = 0.0;
constexpr double kBm25K3 = 1.0;
constexpr double kBm25B = 0.75;
constexpr double kBm25MinNormLen = 0.5;

}  // namespace

namespace {

// The priors of doc, as with_priors and recency_query add them; the text
// part is what remains of the score. title_term is the query's whole-title
// term.
ScoreParts explain(const Xapian::Document& doc, double score, const SearchRequest& request,
                   const std::string& title_term) {
  ScoreParts parts;
  if (doc.get_value(schema::kKindValue.slot) == schema::kKindFile) {
    parts.story_head = schema::kFileArticleBoost;
  }
  parts.quality = Xapian::sortable_unserialise(doc.get_value(schema::kQualityPrior.slot));
  if (request.decay_days > 0) {
    parts.recency =
        recency_weight(doc.get_value(schema::kDayValue.slot), request.decay_days, request.as_of);
  }
  Xapian::TermIterator t = doc.termlist_begin();
  t.skip_to(title_term);
  parts.whole_title = t != doc.termlist_end() && *t == title_term;
  parts.text = score - parts.story_head - parts.quality - parts.recency;
  return parts;
}

// Runs the match once; Xapian errors propagate.
void run_match(const Xapian::Database& db, const Xapian::Query& query, const SearchRequest& request,
               SearchResult& result, Analyzer& analyzer) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(
      Xapian::BM25Weight(kBm25K1, kBm25K2, kBm25K3, kBm25B, kBm25MinNormLen));
  // Equal keys are ordered by id, so results do not depend on the order in
  // which documents were added (an incremental run equals a rebuild).
  Xapian::MultiValueKeyMaker by_value;
  switch (request.sort) {
    case SortOrder::kRelevance:
      enquire.set_sort_by_relevance_then_value(schema::kSortKey.slot, false);
      break;
    case SortOrder::kDate:
    case SortOrder::kQuality:
      by_value.add_value(
          request.sort == SortOrder::kDate ? schema::kDate.slot : schema::kQuality.slot, true);
      by_value.add_value(schema::kSortKey.slot);
      enquire.set_sort_by_key(&by_value, false);
      break;
  }
  // The best article of each cluster stands for the others (indexer/cluster.h).
  if (request.collapse) enquire.set_collapse_key(schema::kClusterKey.slot);
  // check_at_least = every document: the total is exact, not an estimate.
  Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, db.get_doccount());
  const std::string title_term =
      request.explain ? whole_title_term(request.query, analyzer) : std::string();
  // Every document was checked, so the lower bound is the exact count; the
  // estimate is not, when collapsing (Xapian 1.4 leaves it at its guess).
  result.total = mset.get_matches_lower_bound();
  result.hits.clear();
  Xapian::doccount rank = request.offset;
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    result.hits.push_back(Hit{++rank,
                              it.get_weight(),
                              doc.get_value(schema::kSortKey.slot),
                              decode_doc_data(doc.get_data()),
                              {},
                              it.get_collapse_count(),
                              true,
                              doc.get_value(schema::kClusterKey.slot)});
    if (request.explain)
      result.hits.back().parts = explain(doc, it.get_weight(), request, title_term);
  }
}

// An ns-index committing meanwhile can retire the revision being read;
// reopening at the new one and matching again is then the right answer.
constexpr int kMaxReopens = 5;

}  // namespace

namespace {

// matching with the priors of request added: story head, quality, whole
// title and, when asked, recency.
Xapian::Query ranked(const Xapian::Query& matching, const SearchRequest& request,
                     Analyzer& analyzer) {
  Xapian::Query query = with_priors(matching, request.query, analyzer);
  if (request.decay_days > 0) {
    query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                          recency_query(request.decay_days, request.as_of));
  }
  return query;
}

// Runs the match, reopening the database when a commit retired the revision
// being read.
void match(const Xapian::Database& db, const Xapian::Query& query, const SearchRequest& request,
           SearchResult& result, Analyzer& analyzer) {
  if (request.explain) result.parsed = query.get_description();
  Xapian::Database reader = db;
  for (int attempt = 0;; ++attempt) {
    try {
      run_match(reader, query, request, result, analyzer);
      return;
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt == kMaxReopens) throw DatabaseError("searching failed: " + e.get_msg());
      reader.reopen();
    } catch (const Xapian::Error& e) {
      throw DatabaseError("searching failed: " + e.get_msg());
    }
  }
}

// What the articles with every word already list: those articles and, when
// collapsing, their clusters, so that a story shown with every word is not
// shown again among those with some. first is the page of all-word hits
// found with query (matching ranked); it holds every one of them when it
// starts at the top, else they are matched again.
Xapian::Query listed(const Xapian::Database& db, const Xapian::Query& matching,
                     const Xapian::Query& query, const SearchRequest& request,
                     const SearchResult& first, Analyzer& analyzer) {
  if (!request.collapse || first.total == 0) return matching;
  SearchResult all;
  if (request.offset > 0) {
    SearchRequest every = request;
    every.offset = 0;
    every.limit = first.total;
    match(db, query, every, all, analyzer);
  }
  std::vector<Xapian::Query> parts{matching};
  for (const Hit& hit : request.offset > 0 ? all.hits : first.hits) {
    if (hit.cluster.empty()) continue;
    parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kClusterKey.slot, hit.cluster,
                       hit.cluster);
  }
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace

SearchResult search(const Xapian::Database& db, const SearchRequest& request, Analyzer& analyzer) {
  SearchResult result;
  result.query = request.query;
  result.offset = request.offset;
  Xapian::Query matching = request.literal ? words_query(request.query, kFreeText, analyzer)
                                           : parse_query(request.query, analyzer);
  if (matching.empty()) throw QueryError("query: no words to search for");
  const Xapian::Query query = ranked(matching, request, analyzer);
  match(db, query, request, result, analyzer);
  const Xapian::doccount wanted = request.offset + request.limit;
  if (result.total >= wanted || request.all_words || request.literal) return result;
  const Xapian::Query some = parse_query(request.query, analyzer, WordMatch::kAny);
  if (some.empty()) return result;
  // The articles with some words continue the list after those with all.
  SearchRequest rest = request;
  rest.offset = request.offset > result.total ? request.offset - result.total : 0;
  rest.limit = wanted - std::max(request.offset, result.total);
  SearchResult partial;
  const Xapian::Query only_some(Xapian::Query::OP_AND_NOT, some,
                                listed(db, matching, query, request, result, analyzer));
  match(db, ranked(only_some, request, analyzer), rest, partial, analyzer);
  result.total_some = partial.total;
  if (request.explain) result.parsed += "\nthen, with some of the words: " + partial.parsed;
  for (Hit& hit : partial.hits) {
    hit.rank += result.total;
    hit.all_words = false;
    result.hits.push_back(std::move(hit));
  }
  return result;
}

}  // namespace ns
