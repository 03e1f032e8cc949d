#include "searcher/search.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "common/database.h"
#include "common/datetime.h"
#include "common/errors.h"
#include "common/ranking.h"
#include "common/schema.h"
#include "searcher/facets.h"
#include "searcher/feedback.h"
#include "searcher/like.h"
#include "searcher/query_builder.h"
#include "searcher/query_parser.h"
#include "searcher/snippets.h"

namespace ns {
namespace {

// The priors of doc, as with_priors and recency_query add them; the text
// part is what remains of the score. title_term is the query's whole-title
// term.
ScoreParts explain(const Xapian::Document& doc, double score, const SearchRequest& request,
                   const std::string& title_term) {
  ScoreParts parts;
  parts.story_head = ranking::story_head_prior(doc.get_value(schema::kKindValue.slot));
  parts.quality =
      Xapian::sortable_unserialise(doc.get_value(schema::kPrior.slot)) - parts.story_head;
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

// query restricted to the articles of the hits' clusters.
Xapian::Query in_clusters(const Xapian::Query& query, const std::vector<Hit>& hits) {
  std::vector<Xapian::Query> clusters;
  for (const Hit& hit : hits) {
    clusters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kClusterKey.slot, hit.cluster,
                          hit.cluster);
  }
  return Xapian::Query(Xapian::Query::OP_FILTER, query,
                       Xapian::Query(Xapian::Query::OP_OR, clusters.begin(), clusters.end()));
}

// Sets each hit's count of other matching articles in its cluster from a
// second match over those clusters alone. For several shards: Xapian counts
// what collapsing folded on a served shard but drops the count on the way
// back; a spy's counts come back whole, of every article (exact).
void count_cluster_members(const Xapian::Database& db, const Xapian::Query& query,
                           std::vector<Hit>& hits) {
  Xapian::Enquire enquire(db);
  enquire.set_query(in_clusters(query, hits));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::ValueCountMatchSpy members(schema::kClusterKey.slot);
  enquire.add_matchspy(&members);
  enquire.get_mset(0, 0, db.get_doccount());
  std::map<std::string, Xapian::doccount> count;
  for (auto it = members.values_begin(); it != members.values_end(); ++it) {
    count[*it] = it.get_termfreq();
  }
  for (Hit& hit : hits) {
    hit.more = count[hit.cluster] > 0 ? count[hit.cluster] - 1 : 0;
    hit.more_exact = true;
  }
}

// Sets enquire's weighting, sort and collapsing as request asks.
void configure_enquire(Xapian::Enquire& enquire, const SearchRequest& request) {
  enquire.set_weighting_scheme(ranking::bm25_weight());
  // Equal scores, equal dates or qualities are ordered by id: results do
  // not depend on the order in which documents were added (an incremental
  // run equals a rebuild), nor on where the collection lives (ids that
  // differ compare at the folders that differ). Scores are rarely equal
  // (ranking::kTieRange) but copies of a file can be, to the last bit; the
  // id read for each candidate costs a one-shot "coronavirus" 155 block
  // reads on the corpus instead of 82.
  switch (request.sort) {
    case SortOrder::kRelevance:
      enquire.set_sort_by_relevance_then_value(schema::kSortKey.slot, false);
      break;
    case SortOrder::kDate:
    case SortOrder::kQuality: {
      auto* by_value = new Xapian::MultiValueKeyMaker;
      // Newest or best first, or with reverse oldest or lowest first;
      // articles without the value last either way.
      const Xapian::valueno slot =
          request.sort == SortOrder::kDate ? schema::kDate.slot : schema::kQuality.slot;
      by_value->add_value(slot, !request.reverse, request.reverse ? "\xff" : "");
      by_value->add_value(schema::kSortKey.slot);
      enquire.set_sort_by_key(by_value->release(), false);  // enquire owns it
      break;
    }
  }
  // The best article of each cluster stands for the others (indexer/cluster.h).
  if (request.collapse) enquire.set_collapse_key(schema::kClusterKey.slot);
  if (request.time_limit > 0) enquire.set_time_limit(request.time_limit);
}

// Whether the match counts every match: exact totals were asked for, or
// facets, whose spies must see every match, or a page past the first
// count_at_least hits (0: stop at the page), whose lower bound would
// otherwise be larger than the first pages' and total depend on the offset.
bool exhaustive(const SearchRequest& request) {
  return request.exact_total || !request.facets.empty() ||
         (request.count_at_least > 0 && request.offset + request.limit > request.count_at_least);
}

// Enquire::get_mset's check_at_least for request.
Xapian::doccount check_at_least(const Xapian::Database& db, const SearchRequest& request) {
  // check_at_least = every document: the total is exact, not a lower
  // bound, and the spies see every match. Else the match stops once it has
  // counted count_at_least and the page cannot change (queries hold no
  // OP_MAX: see query_builder.cc).
  return exhaustive(request) ? db.get_doccount()
                             : std::max(request.count_at_least, request.offset + request.limit);
}

// Sets result.total and result.total_exact from mset, matched with
// check_at_least at_least.
void compute_total(const Xapian::MSet& mset, const SearchRequest& request,
                   Xapian::doccount at_least, SearchResult& result) {
  // Exhaustive: the lower bound is the exact count. Else a page not filled
  // saw every match: the page's end, or Xapian's count of them when the
  // page starts past the last (the count then ends before the offset); a
  // full page gives the lower bound, exact when the match ran out before
  // at_least (the upper bound may still differ: phrases in an OR are not
  // all checked): the estimate can be far off once collapsing (twice the
  // true count seen), a bound is not.
  const bool unfilled = mset.size() < request.limit;
  if (!exhaustive(request) && unfilled && mset.size() > 0) {
    result.total = request.offset + mset.size();
  } else if (unfilled && mset.empty()) {
    result.total = mset.get_matches_lower_bound();
  } else {
    result.total = std::max(mset.get_matches_lower_bound(), request.offset + mset.size());
  }
  // Equal bounds are the count too ('*' on one database, say).
  result.total_exact = exhaustive(request) || unfilled ||
                       mset.get_uncollapsed_matches_lower_bound() < at_least ||
                       mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
}

// What every hit of a page shares, worked out once.
struct PageContext {
  const Xapian::MSet& mset;  // what snippets mark words by (marking)
  const SearchRequest& request;
  std::string title_term;              // with explain: the query's whole-title term
  std::vector<std::string> cjk_words;  // with snippets: the query's CJK words (cjk_words)
};

// The hit it points to, ranked rank (1-based); page.mset marks its words.
Hit build_hit(const Xapian::MSetIterator& it, Xapian::doccount rank, const PageContext& page) {
  const SearchRequest& request = page.request;
  const Xapian::Document doc = it.get_document();
  Hit hit;
  hit.rank = rank;
  hit.score = it.get_weight();
  hit.docid = *it;
  hit.id = doc.get_value(schema::kSortKey.slot);
  hit.stored = decode_doc_data(doc.get_data());
  hit.more = it.get_collapse_count();
  // Collapsing, Xapian has read the key already; else it is read only for
  // a story to show or folded articles to place (each value a block read).
  if (request.collapse) {
    hit.cluster = it.get_collapse_key();
  } else if (request.hit_fields || request.expand) {
    hit.cluster = doc.get_value(schema::kClusterKey.slot);
  }
  if (request.hit_fields) {
    hit.story = schema::story_id(hit.cluster);
    hit.lang = doc.get_value(schema::kLangValue.slot);
    hit.kind = doc.get_value(schema::kKindValue.slot);
    const std::string revision = doc.get_value(schema::kFirstSeenRevision.slot);
    if (!revision.empty()) {
      hit.first_seen_revision = static_cast<std::uint64_t>(Xapian::sortable_unserialise(revision));
      hit.first_seen = static_cast<std::int64_t>(
          Xapian::sortable_unserialise(doc.get_value(schema::kFirstSeen.slot)));
    }
  }
  if (request.explain) hit.parts = explain(doc, it.get_weight(), request, page.title_term);
  if (!request.corrections.empty()) hit.typo = needed_correction(doc, request.corrections);
  if (request.snippets) {
    const Article& a = hit.stored.article;
    hit.snippet = marked(page.mset, a.excerpt, kSnippetBytes, page.cjk_words);
    hit.marked_title = marked(page.mset, a.title, a.title.size(), page.cjk_words);
  }
  return hit;
}

// What snippets mark words by: mset, or with request.marks an MSet of
// those words alone on db, with no hit (their weights, to choose the best
// part of a long excerpt). Feedback's words are not the user's, and their
// weights, near-equal to each other, round differently over served shards.
Xapian::MSet marking(const Xapian::Database& db, const Xapian::MSet& mset,
                     const SearchRequest& request) {
  if (!request.snippets || request.marks.empty() || mset.empty()) return mset;
  Xapian::Enquire enquire(db);
  enquire.set_query(request.marks);
  return enquire.get_mset(0, 0);
}

// The hits of mset, the page request asks for, from db.
std::vector<Hit> build_hits(const Xapian::Database& db, const Xapian::MSet& mset,
                            const SearchRequest& request, Analyzer& analyzer) {
  const Xapian::MSet marks = marking(db, mset, request);
  const PageContext page{
      marks, request, request.explain ? whole_title_term(request.query, analyzer) : std::string(),
      request.snippets ? cjk_words(request.query, analyzer) : std::vector<std::string>()};
  std::vector<Hit> hits;
  Xapian::doccount rank = request.offset;
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    hits.push_back(build_hit(it, ++rank, page));
  }
  return hits;
}

// Every article of the hits' clusters that matches query, best first
// (members: no collapsing, by relevance).
Xapian::MSet cluster_members(const Xapian::Database& db, const Xapian::Query& query,
                             const SearchRequest& members, const std::vector<Hit>& hits) {
  Xapian::Enquire enquire(db);
  enquire.set_query(in_clusters(query, hits));
  configure_enquire(enquire, members);
  // more is a lower bound when the match stopped early: ask again for
  // as many as there are.
  Xapian::doccount size = 0;
  for (const Hit& hit : hits) size += hit.more + 1;
  Xapian::MSet mset = enquire.get_mset(0, size, db.get_doccount());
  if (mset.get_matches_lower_bound() > size) {
    mset = enquire.get_mset(0, mset.get_matches_lower_bound(), db.get_doccount());
  }
  return mset;
}

// Fills each hit's folded articles, the others of its cluster that match
// query in relevance order, and sets more to their number (exact, on
// shards too).
void fold_in(const Xapian::Database& db, const Xapian::Query& query, const SearchRequest& request,
             std::vector<Hit>& hits, Analyzer& analyzer) {
  SearchRequest members = request;
  members.sort = SortOrder::kRelevance;
  members.collapse = false;
  members.offset = 0;
  std::map<std::string, Hit*> by_cluster;
  for (Hit& hit : hits) by_cluster[hit.cluster] = &hit;
  for (Hit& member : build_hits(db, cluster_members(db, query, members, hits), members, analyzer)) {
    Hit& hit = *by_cluster.at(member.cluster);
    if (member.id == hit.id) continue;
    member.is_folded = true;
    hit.folded.push_back(std::move(member));
  }
  for (Hit& hit : hits) {
    hit.more = static_cast<Xapian::doccount>(hit.folded.size());
    hit.more_exact = true;
  }
}

// Runs the match once; Xapian errors propagate.
void run_match(const Xapian::Database& db, const Xapian::Query& query, const SearchRequest& request,
               SearchResult& result, Analyzer& analyzer) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  configure_enquire(enquire, request);
  const std::vector<FacetSpies> spies = add_facet_spies(enquire, db, request.facets);
  const Xapian::doccount at_least = check_at_least(db, request);
  Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, at_least);
  result.facets.clear();
  for (size_t i = 0; i < spies.size(); ++i) {
    result.facets.push_back(facet_counts(request.facets[i], spies[i], request));
  }
  compute_total(mset, request, at_least, result);
  result.hits = build_hits(db, mset, request, analyzer);
  // Xapian's collapse counts are a lower bound when the match stopped
  // early, as total is (Hit::more_exact). Counting them again would match
  // every article of the query once more, more than the query itself
  // costs (56% of a one-shot "coronavirus" on the corpus, in instructions):
  // --expand and --exact-total count them exactly instead.
  for (Hit& hit : result.hits) hit.more_exact = result.total_exact;
  if (!request.collapse || result.hits.empty()) return;
  if (request.expand) {
    fold_in(db, query, request, result.hits, analyzer);
  } else if (db.size() > 1) {
    count_cluster_members(db, query, result.hits);
  }
}

// An ns-index committing meanwhile can retire the revision being read;
// reopening at the new one and matching again is then the right answer.
constexpr int kMaxReopens = 5;

}  // namespace

namespace {

// query restricted to what every filter selects, its scores unchanged.
Xapian::Query filtered(const Xapian::Query& query, const std::vector<Xapian::Query>& filters) {
  if (query.empty() || filters.empty()) return query;
  return Xapian::Query(Xapian::Query::OP_FILTER, query,
                       Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
}

// matching with the priors of request added: story head, quality, whole
// title and, when asked, recency.
Xapian::Query ranked(const Xapian::Query& matching, const SearchRequest& request,
                     Analyzer& analyzer, const Xapian::Query& also_ranks = Xapian::Query()) {
  Xapian::Query query = with_priors(matching, request.query, analyzer, request.priors, also_ranks);
  if (request.decay_days > 0) {
    query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                          recency_query(request.decay_days, request.as_of));
  }
  return query;
}

// Calls read(reader) on a reader of db, reopened when a commit retired the
// revision being read; Xapian's errors become DatabaseErrors naming
// request.db_path.
template <typename Read>
void reading(const Xapian::Database& db, const SearchRequest& request, Read read) {
  const std::string& path = request.db_path;
  Xapian::Database reader = db;
  for (int attempt = 0;; ++attempt) {
    try {
      read(reader);
      return;
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt == kMaxReopens) throw database_error(e, {path, "searching failed"});
      reader.reopen();
    } catch (const Xapian::NetworkError& e) {
      throw database_error(e, {path, "a shard stopped answering"});
    } catch (const Xapian::DatabaseError& e) {  // corrupt, truncated, unreadable
      throw database_error(e, {path, "the database cannot be read"});
    } catch (const Xapian::Error& e) {
      throw database_error(e, {path, "searching failed"});
    }
  }
}

// Runs the match.
void match(const Xapian::Database& db, const Xapian::Query& query, const SearchRequest& request,
           SearchResult& result, Analyzer& analyzer) {
  if (request.explain) result.parsed = query.get_description();
  reading(db, request, [&](const Xapian::Database& reader) {
    run_match(reader, query, request, result, analyzer);
  });
}

// The clusters the articles with every word already list, so that a story
// shown with every word is not shown again among those with some (none
// without collapsing). first is the page of all-word hits found with query
// (first.total exact); when it does not hold every one of them (a later
// page, or a count), they are matched again.
std::set<std::string> listed_clusters(const Xapian::Database& db, const Xapian::Query& query,
                                      const SearchRequest& request, const SearchResult& first,
                                      Analyzer& analyzer) {
  std::set<std::string> clusters;
  if (!request.collapse || first.total == 0) return clusters;
  const bool whole = request.offset == 0 && first.hits.size() == first.total;
  SearchResult all;
  if (!whole) {
    SearchRequest every = request;
    every.facets.clear();
    every.offset = 0;
    every.limit = first.total;
    every.snippets = false;
    every.explain = false;
    every.expand = false;
    match(db, query, every, all, analyzer);
  }
  for (const Hit& hit : whole ? first.hits : all.hits) {
    if (!hit.cluster.empty()) clusters.insert(hit.cluster);
  }
  return clusters;
}

// The articles with some of the words but not all, after the first total
// with every word: the page of them rest asks for, and their count. A
// cluster already listed is dropped here, from a page made longer by their
// number (collapsing shows a cluster once), not in the query: a value range
// a cluster there made Xapian read the slot of every article.
SearchResult only_some(const Xapian::Database& db, const Xapian::Query& query,
                       const std::set<std::string>& listed, const SearchRequest& rest,
                       Analyzer& analyzer) {
  SearchRequest longer = rest;
  longer.offset = 0;
  longer.limit = rest.offset + rest.limit + static_cast<Xapian::doccount>(listed.size());
  SearchResult found;
  match(db, query, longer, found, analyzer);
  const Xapian::doccount seen = static_cast<Xapian::doccount>(found.hits.size());
  std::vector<Hit> kept;
  for (Hit& hit : found.hits) {
    if (listed.count(hit.cluster) == 0) kept.push_back(std::move(hit));
  }
  const auto dropped = static_cast<Xapian::doccount>(seen - kept.size());
  // A page not filled saw every match; else at most every listed cluster
  // is among those counted.
  found.total_exact = seen < longer.limit || rest.exact_total;
  found.total =
      seen < longer.limit
          ? found.total - dropped
          : std::max<Xapian::doccount>(found.total - static_cast<Xapian::doccount>(listed.size()),
                                       static_cast<Xapian::doccount>(kept.size()));
  found.hits.clear();
  for (size_t i = rest.offset; i < kept.size() && found.hits.size() < rest.limit; ++i) {
    kept[i].rank = rest.offset + static_cast<Xapian::doccount>(found.hits.size()) + 1;
    found.hits.push_back(std::move(kept[i]));
  }
  return found;
}

// Continues result, the articles with every word (matching; ranked:
// query), with those that have some of the words: when the page is not
// full (the match then saw every article with every word: result.total is
// exact), or to count them exactly (exact_total).
void add_some_words(const Xapian::Database& db, const SearchRequest& request,
                    const Xapian::Query& matching, const Xapian::Query& query, SearchResult& result,
                    Analyzer& analyzer, const TypoLookup& typos) {
  const bool page_full = result.hits.size() == request.limit;
  if (page_full && !request.exact_total) return;
  const Xapian::Query some =
      filtered(parse_query(request.query, analyzer, WordMatch::kAny, &db, request.as_of, typos),
               request.filters);
  if (some.empty()) return;
  SearchRequest rest = request;
  rest.facets.clear();
  // Counting articles with some word is most of the work: total_some is
  // a lower bound once they fill the page, unless exact totals are asked.
  rest.count_at_least = 0;
  rest.offset = request.offset > result.total ? request.offset - result.total : 0;
  rest.limit = request.limit - static_cast<Xapian::doccount>(result.hits.size());
  // Collapsing, an article with every word is in a story already listed,
  // which only_some drops: no need to match the whole query again to
  // exclude it, block reads a one-shot process would wait for.
  const Xapian::Query others =
      request.collapse ? some : Xapian::Query(Xapian::Query::OP_AND_NOT, some, matching);
  SearchResult partial =
      only_some(db, ranked(others, request, analyzer),
                listed_clusters(db, query, request, result, analyzer), rest, analyzer);
  result.total_some = partial.total;
  result.total_some_exact = partial.total_exact;
  if (request.explain) result.parsed += "\nthen, with some of the words: " + partial.parsed;
  for (Hit& hit : partial.hits) {
    hit.rank += result.total;
    hit.all_words = false;
    result.hits.push_back(std::move(hit));
  }
}

// The articles with every word of the query (every, filtered), counted
// without weights, priors or a page: result's total, total_exact and facets
// (facets count articles with every word, whatever the page lists).
void count_every_word(const Xapian::Database& db, const Xapian::Query& every,
                      const SearchRequest& request, SearchResult& result) {
  Xapian::Enquire enquire(db);
  enquire.set_query(every);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  if (request.collapse) enquire.set_collapse_key(schema::kClusterKey.slot);
  const std::vector<FacetSpies> spies = add_facet_spies(enquire, db, request.facets);
  const Xapian::doccount at_least = check_at_least(db, request);
  const Xapian::MSet mset = enquire.get_mset(0, 1, at_least);
  result.facets.clear();
  for (size_t i = 0; i < spies.size(); ++i) {
    result.facets.push_back(facet_counts(request.facets[i], spies[i], request));
  }
  result.total = mset.get_matches_lower_bound();
  result.total_exact = exhaustive(request) ||
                       mset.get_uncollapsed_matches_lower_bound() < at_least ||
                       mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
}

// Sets all_words of each hit: false for those every (filtered) misses,
// which is all of them when total, the count of every's matches, is 0 (no
// match then: the block reads of the hits' id terms and every's postings).
void mark_all_words(const Xapian::Database& db, const Xapian::Query& every, Xapian::doccount total,
                    std::vector<Hit>& hits) {
  if (hits.empty()) return;
  if (total == 0) {
    for (Hit& hit : hits) hit.all_words = false;
    return;
  }
  std::vector<Xapian::Query> ids;
  for (const Hit& hit : hits) ids.emplace_back(schema::term(schema::kId, hit.id));
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, every,
                                  Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end())));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(hits.size()));
  const std::set<Xapian::docid> found(mset.begin(), mset.end());
  for (Hit& hit : hits) hit.all_words = found.count(hit.docid) > 0;
}

// Ranked by relevance with some of the words: one list of the articles
// with any word (some: the query read WordMatch::kAny, where having every
// word adds ranking::kEveryWordWeight of their weight), cut into pages;
// total counts those with every word (every), total_some the others.
void match_some_words(const Xapian::Database& db, const SearchRequest& request,
                      const Xapian::Query& every, const Xapian::Query& ranked_some,
                      SearchResult& result, Analyzer& analyzer) {
  SearchRequest listing = request;
  listing.facets.clear();
  // Counting articles with some word is most of the work: total_some is a
  // lower bound once they fill the page, unless exact totals are asked.
  if (!request.exact_total) listing.count_at_least = 0;
  match(db, ranked_some, listing, result, analyzer);
  const Xapian::doccount any = result.total;
  const bool any_exact = result.total_exact;
  reading(db, request, [&](const Xapian::Database& reader) {
    count_every_word(reader, every, request, result);
    mark_all_words(reader, every, result.total, result.hits);
  });
  // Both counts collapse alike: a story with every word in one of its
  // articles is counted in total only.
  result.total_some = result.total_exact && any > result.total ? any - result.total : 0;
  result.total_some_exact = any_exact && result.total_exact;
}

// The query request asks for, its words also matching what typos gives.
Xapian::Query matching_query(const Xapian::Database& db, const SearchRequest& request,
                             Analyzer& analyzer, const TypoLookup& typos) {
  return request.literal
             ? words_query(request.query, kFreeText, analyzer, &db, typos)
             : parse_query(request.query, analyzer, WordMatch::kAll, &db, request.as_of, typos);
}

// matching ranked by the words of the article request.like names (all of
// them for "*": every article like it), the article itself never listed,
// nor with other_stories its story; explained: what describe says.
Xapian::Query like_matching(const Xapian::Database& db, const SearchRequest& request,
                            const Xapian::Query& matching, std::string& explained) {
  Likeness likeness;
  reading(db, request,
          [&](const Xapian::Database& reader) { likeness = like(reader, request.like); });
  explained = describe(likeness);
  Xapian::Query query =
      request.query == "*"
          ? likeness.query
          : Xapian::Query(Xapian::Query::OP_AND_MAYBE,
                          Xapian::Query(Xapian::Query::OP_AND_NOT, matching,
                                        Xapian::Query(schema::term(schema::kId, likeness.id))),
                          likeness.query);
  if (request.other_stories && !likeness.cluster.empty()) {
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                          Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kClusterKey.slot,
                                        likeness.cluster, likeness.cluster));
  }
  return query;
}

// Sets result's suggestion: the query with each word no article has written
// as its best correction, unless a hit with every word needed none. Without
// request.typos the words are looked up only when nothing was found.
void suggest(const Xapian::Database& db, const SearchRequest& request, TypoFinder& finder,
             SearchResult& result, Analyzer& analyzer) {
  for (const Hit& hit : result.hits) {
    if (hit.all_words && !hit.typo) return;
  }
  if (!request.typos) {
    if (result.total > 0) return;
    matching_query(db, request, analyzer, [&](const QueryUnit& u) { return finder.for_unit(u); });
  }
  result.suggestion = corrected_query(request.query, analyzer, [&](const QueryUnit& unit) {
    std::optional<std::string> word = finder.replacement(unit.words.front());
    if (word) result.missing.push_back(unit.words.front());
    return word;
  });
}

// The filter of request's new_since_* up to revision: none without them.
std::optional<Xapian::Query> new_since_filter(const SearchRequest& request,
                                              std::uint64_t revision) {
  if (!request.new_since_revision && !request.new_since_time) return std::nullopt;
  auto serialised = [](double x) { return Xapian::sortable_serialise(x); };
  const double after = request.new_since_revision ? *request.new_since_revision + 1.0 : 0.0;
  Xapian::Query entered(Xapian::Query::OP_VALUE_RANGE, schema::kFirstSeenRevision.slot,
                        serialised(after), serialised(static_cast<double>(revision)));
  if (!request.new_since_time) return entered;
  return Xapian::Query(Xapian::Query::OP_AND, entered,
                       Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kFirstSeen.slot,
                                     serialised(static_cast<double>(*request.new_since_time))));
}

// What --explain says of new_since_filter: which articles and where the
// revision comes from.
std::string new_since_explained(const SearchRequest& request, std::uint64_t revision) {
  std::string out = "new: first seen ";
  if (request.new_since_revision) {
    out += "after revision " + std::to_string(*request.new_since_revision);
  }
  if (request.new_since_time) {
    out += std::string(request.new_since_revision ? " and " : "") + "at or after " +
           format_iso8601(*request.new_since_time);
  }
  return out + ", up to revision " + std::to_string(revision) +
         " (the database's ns.revision as this search read it: each ns-index commit raises it)";
}

}  // namespace

SearchResult search(const Xapian::Database& db, const SearchRequest& asked_as_given,
                    Analyzer& analyzer) {
  SearchResult result;
  if (asked_as_given.up_to_revision) {
    result.revision = *asked_as_given.up_to_revision;
  } else {
    reading(db, asked_as_given,
            [&](const Xapian::Database& reader) { result.revision = ns_revision(reader); });
  }
  SearchRequest asked = asked_as_given;
  if (auto only_new = new_since_filter(asked, result.revision)) {
    asked.filters.push_back(std::move(*only_new));
  }
  result.query = asked.query;
  result.offset = asked.offset;
  TypoFinder finder(db);
  TypoLookup typos;
  if (asked.typos) typos = [&](const QueryUnit& unit) { return finder.for_unit(unit); };
  Xapian::Query matching = matching_query(db, asked, analyzer, typos);
  if (matching.empty()) throw QueryError("query: no words to search for");
  std::string explained;  // for --explain: the words --like and feedback add
  if (!asked.like.empty()) matching = like_matching(db, asked, matching, explained);
  SearchRequest request = asked;
  request.corrections = finder.corrections();
  matching = filtered(matching, request.filters);
  const bool relaxed = request.some_words && !request.literal && request.like.empty();
  const Xapian::Query some = relaxed && request.sort == SortOrder::kRelevance
                                 ? filtered(parse_query(request.query, analyzer, WordMatch::kAny,
                                                        &db, request.as_of, typos),
                                            request.filters)
                                 : Xapian::Query();
  // Feedback from the best hits of the list the page ranks (none to rank
  // for --count). Not for prefixes: Xapian weighs a prefix's words over
  // served shards within rounding of one database's weights (shards_test),
  // enough to swap near-tied best hits, and so the words fed back.
  const Xapian::Query& listed = some.empty() ? matching : some;  // what the page ranks
  Feedback words;
  const bool prefix = !request.literal && request.query.find('*') != std::string::npos;
  if (request.feedback && request.sort == SortOrder::kRelevance && request.like.empty() &&
      !prefix && request.limit > 0) {
    const Xapian::Query first = ranked(listed, request, analyzer);
    reading(db, request, [&](const Xapian::Database& reader) {
      words = feedback(reader, first, matching, request.collapse, request.time_limit);
    });
    if (request.explain && !words.words.empty()) {
      explained += (explained.empty() ? "" : "\n") + describe(words);
    }
  }
  const Xapian::Query query = ranked(listed, request, analyzer, words.query);
  if (!words.query.empty()) request.marks = listed;
  if (!some.empty()) {
    match_some_words(db, request, matching, query, result, analyzer);
  } else {
    match(db, query, request, result, analyzer);
    if (relaxed) add_some_words(db, request, matching, query, result, analyzer, typos);
  }
  if (request.explain && !explained.empty()) result.parsed = explained + "\n" + result.parsed;
  if (request.explain && (request.new_since_revision || request.new_since_time)) {
    result.parsed = new_since_explained(request, result.revision) + "\n" + result.parsed;
  }
  suggest(db, request, finder, result, analyzer);
  for (Hit& hit : result.hits) {
    for (Hit& folded : hit.folded) {  // ranked with their hit, which may have moved
      folded.rank = hit.rank;
      folded.all_words = hit.all_words;
    }
  }
  return result;
}

std::string request_key(const SearchRequest& request) {
  std::string key = request.query + '\n' + request.like + '\n';
  for (const Xapian::Query& filter : request.filters) key += filter.get_description() + '\n';
  key += '\n' + std::to_string(static_cast<int>(request.sort)) + (request.reverse ? "r" : "");
  return key;
}

}  // namespace ns
