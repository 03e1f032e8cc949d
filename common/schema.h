// The one schema table: every term prefix, value slot, boost and metadata
// key of an ns database is spelt here and nowhere else.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace ns::schema {

// Bump whenever the layout of documents (prefixes, slots, data) changes.
inline constexpr int kSchemaVersion = 1;

// What the terms under a prefix are for.
enum class Role {
  kId,      // exactly one term per document; the key for replace_document
  kText,    // analysed words with positions: searched, weighted by BM25
  kFilter,  // exact keywords: filter without changing the score
};

struct Prefix {
  std::string_view field;   // name used in queries and documentation
  std::string_view prefix;  // Xapian term prefix (Xapian's conventions)
  Role role;
  std::string_view what;
};

inline constexpr Prefix kId{"id", "Q", Role::kId, "unique article id (file path or URL)"};
inline constexpr Prefix kTitle{"title", "S", Role::kText, "words of the title"};
inline constexpr Prefix kExcerpt{"excerpt", "XE", Role::kText, "words of the excerpt"};
// Free text: title and excerpt words without a prefix; the title's count
// kTitleWdf times, so BM25 weighs the title above the excerpt.
inline constexpr Prefix kAnyText{"", "", Role::kText, "words of title and excerpt"};

inline constexpr Prefix kPrefixes[] = {kId, kTitle, kExcerpt, kAnyText};

struct Slot {
  std::string_view name;
  Xapian::valueno slot;
  std::string_view what;
};

inline constexpr Slot kDate{"date", 0,
                            "publishedDateTime, Xapian::sortable_serialise(Unix seconds)"};
inline constexpr Slot kQuality{"quality", 1,
                               "quality, Xapian::sortable_serialise; absent when missing"};

inline constexpr Slot kSlots[] = {kDate, kQuality};

// Within-document frequency added per occurrence of a word.
inline constexpr Xapian::termcount kTitleWdf = 3;
inline constexpr Xapian::termcount kExcerptWdf = 1;

// Positions of excerpt words start this far after the title's last word, so
// a phrase never matches across the two fields.
inline constexpr Xapian::termpos kFieldGap = 100;

// Database metadata keys.
inline constexpr std::string_view kMetaSchemaVersion = "ns.schema_version";
inline constexpr std::string_view kMetaAnalyzerVersion = "ns.analyzer_version";

// Returns prefix + term as a Xapian term.
inline std::string term(const Prefix& p, std::string_view value) {
  std::string t(p.prefix);
  t += value;
  return t;
}

}  // namespace ns::schema
