// The one interface every output format implements. Formatters see plain
// SearchResults, never Xapian.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/search.h"

namespace ns {

enum class Format { kText, kJson, kJsonl, kTsv, kUrls, kAtom };

// The --format names, in Format's order.
inline constexpr std::string_view kFormatNames[] = {"text", "json", "jsonl", "tsv", "urls", "atom"};

// Version of the JSON output schema (docs/output.md: "JSON output";
// searcher/output.schema.json). Bump on any change that could break a
// reader: a removed or renamed field, a new type.
inline constexpr int kJsonSchemaVersion = 7;

// A field a tsv row can hold (--fields).
enum class Field {
  kRank,
  kScore,
  kId,
  kTitle,
  kUrl,
  kDate,
  kProvider,
  kSite,
  kQuality,
  kType,
  kCategory,
  kTopics,
  kExcerpt,
  kSnippet,
  kPath,
  kMore,
  kAllWords,
  kLang,
  kTags,
  kKind,
  kStory,
  kFolded,
  kTypo,
};

// The --fields names, in Field's order (the order --help lists them).
inline constexpr std::string_view kFieldNames[] = {
    "rank", "score",   "id",        "title",    "url",    "date",    "provider",
    "site", "quality", "type",      "category", "topics", "excerpt", "snippet",
    "path", "more",    "all_words", "lang",     "tags",   "kind",    "story", "folded",
    "typo"};
static_assert(std::size(kFieldNames) == static_cast<std::size_t>(Field::kTypo) + 1,
              "a name for every field");

inline constexpr std::string_view kDefaultFields = "rank,score,date,provider,title,url";

struct OutputOptions {
  Format format = Format::kText;
  std::vector<Field> fields;  // tsv columns
  char separator = '\n';      // between records (urls, tsv, jsonl, --count); -0: '\0'
  bool color = false;         // text: bold titles, highlighted words, for a terminal
  bool count = false;         // --count: only the number of hits
  bool compact = false;       // json on one line (batch mode)
  bool explain = false;       // text, json, jsonl: the parsed query and each hit's
                              // score parts (searched with SearchRequest::explain)
  bool header = false;        // tsv: a first row naming the columns
  bool expand = false;        // each hit's folded articles (SearchRequest::expand): text
                              // under it, json "folded" on every hit, tsv and urls rows after
  std::string feed_id;        // atom: the feed's id (see fit_request_to_output)
  std::string feed_self;      // atom: the feed's own address, when it has one (ns-serve)
  std::int64_t feed_time = 0;  // atom: the feed's updated time when it has no entries (Unix s)
};

class Formatter {
 public:
  virtual ~Formatter() = default;
  // Writes result to out.
  virtual void write(const SearchResult& result, std::ostream& out) = 0;
};

// A format of records each ended by a separator: a newline, or NUL (-0).
class RecordFormatter : public Formatter {
 public:
  explicit RecordFormatter(char separator) : separator_(separator) {}

 protected:
  char separator_;
};

// Returns the formatter for options.
std::unique_ptr<Formatter> make_formatter(const OutputOptions& options);

// Reads a --format name. Throws UsageError listing the valid names.
Format parse_format(std::string_view name);

// Reads a --fields list ("rank,title,url"). Throws UsageError naming an
// unknown field and listing the valid ones.
std::vector<Field> parse_fields(std::string_view list);

// A hit's field as one line of text ("" when missing): topics and tags
// joined by ", ", tabs and line breaks turned into spaces, highlight marks dropped.
std::string field_text(const Hit& hit, Field field);

// Flushes out (writing to file descriptor fd) and tells whether its reader
// is still there: false when it went away (EPIPE: "| head" has read
// enough), which ends output quietly. Throws Error for any other failure to
// write (a full disk).
bool flushed(std::ostream& out, int fd);

}  // namespace ns
