// Runs a query against an ns database and returns plain results: the only
// place in the searcher, with the query builder, that runs Xapian.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"
#include "common/doc_data.h"
#include "common/schema.h"
#include "searcher/prior_table.h"
#include "searcher/snippets.h"
#include "searcher/typos.h"

namespace ns {

// The order of hits. Ties never depend on the order in which articles
// were indexed.
enum class SortOrder {
  kRelevance,  // best match first; scores spread by a hash of the id, the prior's
               // last bits (ranking::kTieRange); equal scores by id
  kDate,       // newest first; undated last; equal dates by id
  kQuality,    // highest quality first; articles without one last; equal qualities by id
};

// The --sort names, in SortOrder's order.
inline constexpr std::string_view kSortNames[] = {"relevance", "date", "quality"};

struct SearchRequest {
  std::string query;
  Xapian::doccount offset = 0;               // hits to skip
  Xapian::doccount limit = 10;               // hits to return at most
  bool literal = false;                      // query is plain text: no operators, quotes or fields
  SortOrder sort = SortOrder::kRelevance;    // ties: see SortOrder
  bool reverse = false;                      // kDate, kQuality: oldest, lowest first
  int decay_days = 0;                        // recency half-life in days; 0: no recency prior
  std::int64_t as_of = 0;  // "today" for recency and relative dates, seconds since the epoch (UTC)
  bool explain = false;                      // fill SearchResult::parsed and each hit's parts
  bool collapse = true;                      // one hit per cluster of duplicates and story siblings
  bool expand = false;                       // with collapse: fill each hit's folded articles
  bool some_words = false;                   // articles with some of the words are hits too
                                             // (see search)
  std::vector<std::string> facets;           // schema::kFacets names to count, in this order
  std::size_t facet_limit = 10;              // values listed per facet at most: the most
                                             // frequent, then in the facet's order
  std::optional<schema::FacetOrder> facet_sort;  // unset: each facet's own (schema::kFacets)
  std::vector<Xapian::Query> filters;        // each must match; they select, never score
  bool snippets = false;                     // fill each hit's snippet and marked_title
  bool hit_fields = true;                    // fill each hit's lang, kind and story (value
                                             // reads: off where the output shows none)
  bool exact_total = false;                  // count every match (facets do anyway)
  Xapian::doccount count_at_least = 1000;    // else the match may stop after this many, once
                                             // the page is full (total then a lower bound)
  std::shared_ptr<const PriorTable> priors;  // --batch: priors in memory, else from their slot
  std::string like;                          // --like REF: rank by that article's words
                                             // (searcher/like.h), never listing it
  bool other_stories = false;                // with like: leave out its whole story
  double time_limit = 0;                     // seconds a match may run, then it stops with
                                             // what it found (ns-serve); 0: no limit
  bool typos = true;                         // a rare word also matches words an edit or two
                                             // away (searcher/typos.h), ranked below it
  bool feedback = true;                      // sorted by relevance, the telling words of the
                                             // best hits also rank (searcher/feedback.h)
  std::vector<Correction> corrections;       // set by search, not its callers: the words
                                             // corrected, to mark hits that needed it
  Xapian::Query marks;                       // set by search: with snippets, the query whose
                                             // words they mark when the ranked one has more
                                             // (feedback's); empty: the ranked query's
  // What is new (docs/ns-search.md, What is new): only articles first seen after
  // revision new_since_revision (--new-since @R, --since-last), or at or
  // after new_since_time (Unix seconds, --new-since WHEN), and in either
  // case at or before revision up_to_revision (unset: the database's, as
  // the search reads it).
  std::optional<std::uint64_t> new_since_revision;
  std::optional<std::int64_t> new_since_time;
  std::optional<std::uint64_t> up_to_revision;
  std::string db_path;                       // the database, named in errors reading it
};

// A hit's score split into its parts (--explain). The priors are computed
// from the article's values; text is the rest: BM25 over the query's words,
// including the whole-title boost when whole_title is set.
struct ScoreParts {
  double text = 0;
  double story_head = 0;
  double quality = 0;
  double recency = 0;
  bool whole_title = false;
};

struct Hit {
  Xapian::doccount rank = 0;  // 1-based, counting skipped hits
  double score = 0;           // BM25 weight plus priors
  Xapian::docid docid = 0;    // in the database searched (of shards: combined)
  std::string id;             // the article's id: its file's path, its URL or path#related-N
  StoredArticle stored;
  ScoreParts parts;           // filled with SearchRequest::explain
  Xapian::doccount more = 0;  // collapsed into this hit: duplicates and story siblings
  bool more_exact = true;     // more counts all of them; false: a lower bound (the match
                              // stopped early, as SearchResult::total_exact says)
  std::vector<Hit> folded;    // with SearchRequest::expand: those articles, best match first
  bool is_folded = false;     // one of another hit's folded articles, its rank and all_words
  bool all_words = true;      // has every word of the query; false: some of them
  bool typo = false;          // matched some word only through a correction of it
  std::string cluster;        // the key duplicates and story siblings share (schema::kClusterKey)
  std::string story;          // cluster as its story id, 16 hex digits (schema::story_id)
  std::string lang;           // language code judged from the script; "" when none
  std::string kind;           // schema::kKindFile or schema::kKindRelated
  std::string snippet;        // with SearchRequest::snippets: the excerpt's best part, marked
  std::string marked_title;   // with SearchRequest::snippets: the title, matched words marked
  std::optional<std::int64_t> first_seen;  // with hit_fields: when the article entered the
                                           // database, Unix seconds (unset: not stamped)
  std::uint64_t first_seen_revision = 0;   // with hit_fields: the ns revision it entered at
};

struct FacetValue {
  std::string value;  // as shown in the articles
  Xapian::doccount count;
};

// One facet's values over every article with every word of the query (all
// of them, before collapsing): the most frequent first, ties by value, or
// by value (a time line, a scale), as the facet or --facet-sort says.
struct FacetCounts {
  std::string name;
  schema::FacetOrder order = schema::FacetOrder::kByCount;  // how values are listed
  std::vector<FacetValue> values;  // the first SearchRequest::facet_limit
  std::size_t distinct = 0;        // how many values there are in all
  Xapian::doccount articles = 0;   // how many articles were counted
};

struct SearchResult {
  std::string query;
  std::uint64_t revision = 0;       // the database's ns revision (schema::kMetaRevision) the
                                    // hits are of: with SearchRequest::up_to_revision, that
  Xapian::doccount total = 0;       // hits with every word (after collapsing): exact when
                                    // total_exact, else a lower bound (over 1,000)
  bool total_exact = true;          // every match was counted
  Xapian::doccount total_some = 0;  // hits with some of the words, when listed: exact
                                    // when the list ends on the page, else a lower bound
  bool total_some_exact = true;     // total_some counted every one of them
  Xapian::doccount offset = 0;
  std::vector<Hit> hits;            // in SearchRequest::sort's order (see search)
  std::string parsed;               // with SearchRequest::explain: the Xapian query, described
  std::vector<FacetCounts> facets;  // as SearchRequest::facets asked
  // The query with each word no article has replaced by its best
  // correction, when it has one and no hit with every word was found
  // without a correction; missing lists those words (normalised).
  std::optional<std::string> suggestion;
  std::vector<std::string> missing;
};

// Runs request against db. The hits are one ranked list, cut into pages by
// offset and limit: the articles with every word of the query. With
// request.some_words (not request.literal) those with some of them
// (WordMatch::kAny) are hits too, marked (Hit::all_words false): sorted by
// relevance in one list, where every word weighs ranking::kEveryWordWeight
// more, else after those with every word, in no story already listed. total does not depend on the offset while it is exact or within
// the first count_at_least hits. With request.expand (and collapse), each
// hit's folded articles are the others of its cluster that match the same
// query and filters, in relevance order, and more is their number. With
// request.typos, rare words also match their corrections (Hit::typo); the
// suggestion is looked for then, or without typos when nothing is found. Throws
// QueryError for a query with nothing to search for, DatabaseError when
// reading the database fails.
SearchResult search(const Xapian::Database& db, const SearchRequest& request, Analyzer& analyzer);

// What request selects and in which order, as text: its query, filters,
// --like and sort; the same for every run of one search, whatever it finds
// new (a feed's id: see AtomFormatter). Paging, output and what is new
// (--new-since, --since-last) are left out.
std::string request_key(const SearchRequest& request);

}  // namespace ns
