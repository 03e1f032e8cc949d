// The one schema table: every term prefix, value slot, boost and metadata
// key of an ns database is spelt here and nowhere else.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ns::schema {

// Bump whenever the layout of documents (prefixes, slots, data) changes.
inline constexpr int kSchemaVersion = 18;

// What the terms under a prefix are for.
enum class Role {
  kId,        // exactly one term per document; the key for replace_document
  kText,      // analysed words (of the free text with positions): searched, weighted by BM25
  kFilter,    // exact, normalised keywords: filter without changing the score
  kInternal,  // bookkeeping for the indexer; never searched by users
};

// How users reach a field, as flags (notmuch's prefix table carries the
// same): written in a query as field:value, and offered by ns-search as a
// filter flag --field VALUE. The query parser, ns-search's options and
// --help take the fields from here.
enum Use : unsigned {
  kUnused = 0,
  kInQuery = 1,     // field:value in a query (a text, filter or range field)
  kFilterFlag = 2,  // --field VALUE, with help saying what it selects
};

struct Prefix {
  std::string_view field;   // name used in queries and documentation
  std::string_view prefix;  // Xapian term prefix (Xapian's conventions)
  Role role;
  std::string_view what;
  unsigned use = kUnused;     // Use flags
  std::string_view help = {};  // with kFilterFlag: what --field VALUE selects
};

inline constexpr Prefix kId{"id", "Q", Role::kId,
                            "unique id: a file's absolute path, or a related article's URL"};
inline constexpr Prefix kTitle{"title", "S", Role::kText, "words of the title (no positions)",
                               kInQuery};
// The excerpt's words are the free-text words after its mark, a term of the
// prefix alone at the position before the first (excerpt: searches them,
// see searcher/query_builder.h): one term where a term for each word made
// builds slower and databases larger (docs/benchmarks.md: schema 13).
inline constexpr Prefix kExcerpt{
    "excerpt", "XE", Role::kText,
    "the excerpt's mark: one term before its first word", kInQuery};
// Free text: title and excerpt words without a prefix, with positions (the
// only words that have them: a phrase in either field is found here); the
// title's count kTitleWdf times, so BM25 weighs the title above the excerpt.
// Every text term's wdf is its count normalised by the length of the text
// of its script (ranking::normalised_wdf).
inline constexpr Prefix kAnyText{"", "", Role::kText, "words of title and excerpt"};
inline constexpr Prefix kStem{"stem", "Z", Role::kText,
                              "English stems of title and excerpt words (title weighted)"};
inline constexpr Prefix kNgram{"ngram", "XG", Role::kText,
                               "CJK characters: each, and each pair of neighbours, with positions"};
inline constexpr Prefix kProvider{"provider", "XP", Role::kFilter, "provider name, normalised",
                                  kInQuery | kFilterFlag,
                                  "only articles from this provider (name)"};
inline constexpr Prefix kSite{"site", "H", Role::kFilter, "provider domain, lower case",
                              kInQuery | kFilterFlag, "only articles from this site (domain)"};
inline constexpr Prefix kTopic{"topic", "XT", Role::kFilter, "each topic, normalised",
                               kInQuery | kFilterFlag, "only articles with this topic"};
inline constexpr Prefix kTag{"tag", "K", Role::kFilter, "each tag, normalised", kInQuery};
inline constexpr Prefix kCategory{"category", "XC", Role::kFilter, "category, normalised",
                                  kInQuery | kFilterFlag, "only articles of this category"};
inline constexpr Prefix kType{"type", "XY", Role::kFilter, "type (article, video...), normalised",
                              kInQuery | kFilterFlag,
                              "only articles of this type (article, video...)"};
inline constexpr Prefix kLang{"lang", "L", Role::kFilter,
                              "language from the script: zh ja ko en other",
                              kInQuery | kFilterFlag,
                              "only articles in this language (en zh ja ko other)"};
inline constexpr Prefix kYear{"year", "Y", Role::kFilter, "publication year, YYYY (UTC)"};
inline constexpr Prefix kMonth{"month", "M", Role::kFilter, "publication month, YYYYMM (UTC)"};
// A file's own story, not the cluster: story:ID in a query names kClusterKey.
inline constexpr Prefix kStory{"file story", "XS", Role::kFilter,
                               "story id shared by a file and its related articles"};
inline constexpr Prefix kKind{"kind", "XK", Role::kFilter,
                              "file: the file's own article; related: a related entry", kInQuery};
inline constexpr Prefix kWholeTitle{
    "whole title", "XW", Role::kInternal,
    "hash of the title's words: a query equal to a title ranks its articles first"};
// MinHash bands of an article's title words in a window of days: articles
// sharing one are candidates for one event (indexer/events.h).
inline constexpr Prefix kEvent{"event link", "XV", Role::kInternal,
                               "hash of a MinHash band of the title's words and a window of "
                               "three days: candidates for one event"};
inline constexpr Prefix kDupUrl{"url link", "XD", Role::kInternal,
                                "hash of the URL: links copies of one URL for collapsing"};
inline constexpr Prefix kOwnUrl{"own url", "XU", Role::kInternal,
                                "on a file's article: its own URL"};
inline constexpr Prefix kRefUrl{"related url", "XR", Role::kInternal,
                                "on a file's article: each related URL it lists"};
inline constexpr Prefix kOwner{"owner", "XO", Role::kInternal,
                               "on a related entry without a URL: its file"};

// clang-format off
inline constexpr Prefix kPrefixes[] = {
    kId, kTitle, kExcerpt, kAnyText, kStem, kNgram, kProvider, kSite, kTopic, kTag, kCategory,
    kType, kLang, kYear, kMonth, kStory, kKind, kWholeTitle, kEvent, kDupUrl, kOwnUrl, kRefUrl,
    kOwner,
};
// clang-format on

struct Slot {
  std::string_view name;
  Xapian::valueno slot;  // the first, when it spans several
  std::string_view what;
  Xapian::valueno count = 1;  // a field with several values: one a slot, slot.. slot+count-1
  unsigned use = kUnused;     // Use flags: kInQuery makes it a range field (date:A..B), or
                              // for kClusterKey story:ID
};

inline constexpr Slot kDate{"date", 0, "publishedDateTime: sortable_serialise(Unix seconds)", 1,
                            kInQuery};
inline constexpr Slot kQuality{"quality", 1, "quality: sortable_serialise; absent when missing",
                               1, kInQuery};
inline constexpr Slot kSortKey{"sort key", 2, "the id: orders equal dates or qualities (--sort)"};
inline constexpr Slot kStoryKey{"file story", 3, "story id (16 hex digits)"};
inline constexpr Slot kFileStamp{"file stamp", 6, "on a file's article: size:mtime_ns:path"};
inline constexpr Slot kProviderValue{"provider", 8, "provider name as shown"};
inline constexpr Slot kSiteValue{"site", 9, "provider domain, lower case"};
inline constexpr Slot kCategoryValue{"category", 10, "category as shown"};
inline constexpr Slot kTypeValue{"type", 11, "type as shown"};
inline constexpr Slot kLangValue{"lang", 12, "language code"};
inline constexpr Slot kYearValue{"year", 13, "YYYY"};
inline constexpr Slot kMonthValue{"month", 14, "YYYY-MM"};
inline constexpr Slot kKindValue{"kind", 15, "file or related"};
inline constexpr Slot kPrior{"prior", 16,
                             "sortable_serialise(quality prior + story head boost + tie-break "
                             "of the id): added to the score"};

inline constexpr Slot kDayValue{"day", 17, "YYYY-MM-DD (UTC): recency weights map days to boosts"};
// In a query, story:ID (ID as schema::story_id writes it) selects a cluster.
inline constexpr Slot kClusterKey{"story", 18,
                                  "collapse key: smallest story id linked by story, URL, title or "
                                  "event, "
                                  "as 8 bytes; story:ID (16 hex digits) selects it",
                                  1, kInQuery};
// Multi-valued fields spread over several slots, so Xapian's own
// ValueCountMatchSpy (which remote shards run) counts each value; values
// past the last slot are searchable but not counted.
inline constexpr Slot kTopicValues{"topic", 19, "each topic as shown, one a slot", 8};
inline constexpr Slot kTagValues{"tag", 27, "each tag as shown, one a slot", 8};
inline constexpr Slot kQualityBand{"quality band", 35, "quality in bands of 20: 0-19, 20-39..."};
// When an article first entered the database (indexer/first_seen.h): kept
// while its id stays (a file re-indexed or edited, a related URL listed by
// another file), carried over by --rebuild from the database it replaces.
inline constexpr Slot kFirstSeen{"first seen", 36,
                                 "sortable_serialise(Unix seconds) of the batch that added it"};
inline constexpr Slot kFirstSeenRevision{
    "first seen revision", 37,
    "sortable_serialise(kMetaRevision of the commit that added it): --new-since @REVISION"};
// What tells whether two articles sharing a kEvent term report one event
// (indexer/events.h): absent on an article without a date or title words.
inline constexpr Slot kEventSketch{"event sketch", 38,
                                   "published time and hashes of the title's words and of "
                                   "word pairs of title and excerpt"};

// clang-format off
inline constexpr Slot kSlots[] = {
    kDate, kQuality, kSortKey, kStoryKey, kFileStamp,
    kProviderValue, kSiteValue, kCategoryValue, kTypeValue, kLangValue, kYearValue,
    kMonthValue, kKindValue, kPrior, kDayValue, kClusterKey, kTopicValues, kTagValues,
    kQualityBand, kFirstSeen, kFirstSeenRevision, kEventSketch,
};

// The fields ns-search counts with --facet, and the slots it counts.
// How a facet's values are listed unless --facet-sort says otherwise: the
// most frequent first, or in their own order (a time line, a scale; numbers
// in a value compare as numbers: 20-39 before 100-119).
enum class FacetOrder { kByCount, kByValue };

struct Facet {
  std::string_view name;
  const Slot* values;
  FacetOrder order = FacetOrder::kByCount;
};

inline constexpr Facet kFacets[] = {
    {"topic", &kTopicValues}, {"tag", &kTagValues}, {"provider", &kProviderValue},
    {"site", &kSiteValue}, {"category", &kCategoryValue}, {"type", &kTypeValue},
    {"lang", &kLangValue}, {"year", &kYearValue, FacetOrder::kByValue},
    {"month", &kMonthValue, FacetOrder::kByValue}, {"day", &kDayValue, FacetOrder::kByValue},
    {"quality", &kQualityBand, FacetOrder::kByValue},
};
// clang-format on

// The facet called name; nullptr when there is none.
const Facet* find_facet(std::string_view name);

// The filter field a query may name (name:value, kInQuery) called name;
// nullptr when there is none.
const Prefix* find_filter(std::string_view name);

// --facets: the fields counted when none are named.
inline constexpr std::string_view kDefaultFacets = "topic,provider,type,lang,year";

// The kQualityBand value of a quality: "0-19", "20-39", ... (negative: 0-19).
std::string quality_band(int quality);

// Articles collapse into one hit when linked, directly or through others,
// by story, by URL, by normalised title or by event (indexer/events.h); a
// URL, title or event term shared by more than this many articles (a
// generic headline, boilerplate) links none of them.
inline constexpr Xapian::doccount kMaxDuplicateGroup = 50;

// Within-document frequency added per occurrence of a word.
inline constexpr Xapian::termcount kTitleWdf = 3;
inline constexpr Xapian::termcount kExcerptWdf = 1;

// Positions of excerpt words (and characters) start at kExcerptStart, or
// kFieldGap after the title's last one when that is later: a phrase never
// matches across the two fields, and editing a title moves no excerpt
// position (Xapian rewrites only the position lists that change).
inline constexpr Xapian::termpos kFieldGap = 100;
inline constexpr Xapian::termpos kExcerptStart = 1000;

// Values of the kKind prefix.
inline constexpr std::string_view kKindFile = "file";
inline constexpr std::string_view kKindRelated = "related";

// Database metadata keys.
inline constexpr std::string_view kMetaSchemaVersion = "ns.schema_version";
inline constexpr std::string_view kMetaAnalyzerVersion = "ns.analyzer_version";
// The collection roots ns-index was given: absolute paths, each ending in a
// NUL byte (no path holds one), sorted.
inline constexpr std::string_view kMetaRoots = "ns.roots";
// The database's revision as ns counts it: a whole number that each commit
// of ns-index raises by one (a --rebuild continues the count of the database
// it replaces); every article of kFirstSeenRevision up to it is committed.
// Unlike Xapian's own revision it is one number for a database of shards
// and survives a rebuild.
inline constexpr std::string_view kMetaRevision = "ns.revision";

// Xapian limits a term to 245 bytes: a longer key (a long path or URL) keeps
// its first 160 bytes and adds "#" and a 64-bit hash of the whole, so it
// stays unique and readable.
std::string key(std::string_view value);

// Returns prefix + key(value) as a Xapian term.
std::string term(const Prefix& p, std::string_view value);

// FNV-1a, 64 bits: stable across machines and builds (std::hash is not).
std::uint64_t hash64(std::string_view value);

// hash64 as 16 lower-case hex digits.
std::string hex_hash(std::string_view value);

// The collapse key of a story id (16 hex digits): the same number as 8 bytes,
// big-endian, so keys order as the ids do. Xapian reads the key of every
// match when collapsing; at 8 bytes std::string holds it without allocating.
std::string collapse_key(std::string_view story);

// The story id of a collapse key: its 8 bytes as 16 lower-case hex digits
// (collapse_key's inverse); "" when key is not 8 bytes long.
std::string story_id(std::string_view key);

}  // namespace ns::schema
