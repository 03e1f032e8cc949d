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
inline constexpr int kSchemaVersion = 13;

// What the terms under a prefix are for.
enum class Role {
  kId,        // exactly one term per document; the key for replace_document
  kText,      // analysed words with positions: searched, weighted by BM25
  kFilter,    // exact, normalised keywords: filter without changing the score
  kInternal,  // bookkeeping for the indexer; never searched by users
};

struct Prefix {
  std::string_view field;   // name used in queries and documentation
  std::string_view prefix;  // Xapian term prefix (Xapian's conventions)
  Role role;
  std::string_view what;
};

inline constexpr Prefix kId{"id", "Q", Role::kId,
                            "unique id: a file's absolute path, or a related article's URL"};
inline constexpr Prefix kTitle{"title", "S", Role::kText, "words of the title (no positions)"};
// The excerpt's words are the free-text words after its mark, a term of the
// prefix alone at the position before the first (excerpt: searches them,
// see searcher/query_builder.h): one term where a term for each word made a
// build slower (README, Benchmarks).
inline constexpr Prefix kExcerpt{
    "excerpt", "XE", Role::kText,
    "the excerpt's mark: one term before its first word, its wdf their number"};
// Free text: title and excerpt words without a prefix, with positions (the
// only words that have them: a phrase in either field is found here); the
// title's count kTitleWdf times, so BM25 weighs the title above the excerpt.
inline constexpr Prefix kAnyText{"", "", Role::kText, "words of title and excerpt"};
inline constexpr Prefix kStem{"stem", "Z", Role::kText,
                              "English stems of title and excerpt words (title weighted)"};
inline constexpr Prefix kNgram{"ngram", "XG", Role::kText,
                               "CJK chunks: each character, and character bigrams with positions"};
inline constexpr Prefix kProvider{"provider", "XP", Role::kFilter, "provider name, normalised"};
inline constexpr Prefix kSite{"site", "H", Role::kFilter, "provider domain, lower case"};
inline constexpr Prefix kTopic{"topic", "XT", Role::kFilter, "each topic, normalised"};
inline constexpr Prefix kTag{"tag", "K", Role::kFilter, "each tag, normalised"};
inline constexpr Prefix kCategory{"category", "XC", Role::kFilter, "category, normalised"};
inline constexpr Prefix kType{"type", "XY", Role::kFilter, "type (article, video...), normalised"};
inline constexpr Prefix kLang{"lang", "L", Role::kFilter,
                              "language from the script: zh ja ko en other"};
inline constexpr Prefix kYear{"year", "Y", Role::kFilter, "publication year, YYYY (UTC)"};
inline constexpr Prefix kMonth{"month", "M", Role::kFilter, "publication month, YYYYMM (UTC)"};
inline constexpr Prefix kStory{"story", "XS", Role::kFilter,
                               "story id shared by a file and its related articles"};
inline constexpr Prefix kKind{"kind", "XK", Role::kFilter,
                              "file: the file's own article; related: a related entry"};
inline constexpr Prefix kWholeTitle{
    "whole title", "XW", Role::kInternal,
    "hash of the title's words: a query equal to a title ranks its articles first"};
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
    kType, kLang, kYear, kMonth, kStory, kKind, kWholeTitle, kDupUrl, kOwnUrl, kRefUrl, kOwner,
};
// clang-format on

struct Slot {
  std::string_view name;
  Xapian::valueno slot;  // the first, when it spans several
  std::string_view what;
  Xapian::valueno count = 1;  // a field with several values: one a slot, slot.. slot+count-1
};

inline constexpr Slot kDate{"date", 0, "publishedDateTime: sortable_serialise(Unix seconds)"};
inline constexpr Slot kQuality{"quality", 1, "quality: sortable_serialise; absent when missing"};
inline constexpr Slot kSortKey{"sort key", 2, "the id: orders equal dates or qualities (--sort)"};
inline constexpr Slot kStoryKey{"story", 3, "story id (16 hex digits)"};
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
inline constexpr Slot kClusterKey{"cluster", 18,
                                  "collapse key: smallest story id linked by story, URL or title, "
                                  "as 8 bytes"};
// Multi-valued fields spread over several slots, so Xapian's own
// ValueCountMatchSpy (which remote shards run) counts each value; values
// past the last slot are searchable but not counted.
inline constexpr Slot kTopicValues{"topic", 19, "each topic as shown, one a slot", 8};
inline constexpr Slot kTagValues{"tag", 27, "each tag as shown, one a slot", 8};
inline constexpr Slot kQualityBand{"quality band", 35, "quality in bands of 20: 0-19, 20-39..."};

// clang-format off
inline constexpr Slot kSlots[] = {
    kDate, kQuality, kSortKey, kStoryKey, kFileStamp,
    kProviderValue, kSiteValue, kCategoryValue, kTypeValue, kLangValue, kYearValue,
    kMonthValue, kKindValue, kPrior, kDayValue, kClusterKey, kTopicValues, kTagValues,
    kQualityBand,
};

// The fields ns-search counts with --facet, and the slots it counts.
struct Facet {
  std::string_view name;
  const Slot* values;
};

inline constexpr Facet kFacets[] = {
    {"topic", &kTopicValues}, {"tag", &kTagValues}, {"provider", &kProviderValue},
    {"site", &kSiteValue}, {"category", &kCategoryValue}, {"type", &kTypeValue},
    {"lang", &kLangValue}, {"year", &kYearValue}, {"month", &kMonthValue},
    {"quality", &kQualityBand},
};
// clang-format on

// The facet called name; nullptr when there is none.
const Facet* find_facet(std::string_view name);

// --facets: the fields counted when none are named.
inline constexpr std::string_view kDefaultFacets = "topic,provider,type,lang,year";

// The kQualityBand value of a quality: "0-19", "20-39", ... (negative: 0-19).
std::string quality_band(int quality);

// Articles collapse into one hit when linked, directly or through others,
// by story, by URL or by normalised title; a URL or title shared by more
// than this many articles (a generic headline) links none of them.
inline constexpr Xapian::doccount kMaxDuplicateGroup = 50;

// Within-document frequency added per occurrence of a word.
inline constexpr Xapian::termcount kTitleWdf = 3;
inline constexpr Xapian::termcount kExcerptWdf = 1;

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

// Positions of excerpt words (and characters) start at kExcerptStart, or
// kFieldGap after the title's last one when that is later: a phrase never
// matches across the two fields, and editing a title moves no excerpt
// position (Xapian rewrites only the position lists that change).
inline constexpr Xapian::termpos kFieldGap = 100;
inline constexpr Xapian::termpos kExcerptStart = 1000;

// Values of the kKind prefix.
inline constexpr std::string_view kKindFile = "file";
inline constexpr std::string_view kKindRelated = "related";

// The story-head prior of an article of kind (kKindFile or kKindRelated);
// with quality_prior, summed into kPrior.
inline double story_head_prior(std::string_view kind) {
  return kind == kKindFile ? kFileArticleBoost : 0.0;
}

// Equal scores are ordered by the prior's last bits, a hash of the id (of
// a path, its folder and name) below kTieRange in steps of 2^-32 (far above
// a double's rounding at any score), so results do not depend on the order
// documents were added (an incremental run equals a rebuild) and Xapian
// sorts by relevance alone: it then reads no sort key for each candidate (a
// value read per match, most of a one-shot query's block reads when the key
// was the id).
inline constexpr double kTieRange = 1.0 / 4096;

// The kPrior value: quality_prior in steps of 1/256 (its serialised value
// stays short: Xapian reads it for every match), the story-head prior and
// the id's tie-break.
double prior_value(std::optional<int> quality, std::string_view kind, std::string_view id);

// Database metadata keys.
inline constexpr std::string_view kMetaSchemaVersion = "ns.schema_version";
inline constexpr std::string_view kMetaAnalyzerVersion = "ns.analyzer_version";

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

}  // namespace ns::schema
