// Reads the ns query language into a Xapian query. Xapian's QueryParser
// cuts text into words itself; ours goes through the one analyzer.
//
//   word word     every word must match (AND); AND may be written
//   a OR b        either
//   -word, NOT w  must not match; a query of exclusions alone means
//                 "everything except"
//   ( ... )       grouping
//   "a phrase"    exact words in order
//   pre*          words starting with "pre"
//   *             every article (with filters: every article they select)
//   title:w  excerpt:w            words (or "a phrase", pre*) in one field
//   provider:x  topic:"AI Ethics"  filters that never change scores, one
//                 for each filter field the schema table marks kInQuery
//                 (common/schema.h); a value with spaces is quoted
//   date:2021  date:2021-12..2022-06-30  date:2021..  date:..2021-06
//   date:7d..  date:yesterday  relative days: today, yesterday, Nd, Nw,
//                 Nm, Ny (N days, weeks, months, years before today, UTC)
//   quality:60..  quality:..30  quality:40..60  quality:87
//                 ranges over the value slots marked kInQuery
//   story:08590540e6be7d9a  the articles of one story (cluster), by the
//                 16 hex digits a hit's story shows
//
// Read leniently where the intent is clear: an unclosed quote or
// parenthesis closes at the end, a stray ")" or a lone "-" is ignored, an
// unknown "name:" or a field with no value right after its colon ("Date:
// June 5", as in a pasted headline) is read as text, AND and OR at either
// end of the query or of a group are words ("OR ipo", "(ipo AND)"), and so
// is NOT with nothing after it in its group ("ipo NOT").
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"
#include "searcher/query_builder.h"
#include "searcher/query_limits.h"

namespace ns {

// How the words of a query combine at its top level: every one must match
// (the query language), or any one may (the fallback when none has them
// all; ranking then puts articles with more of them first).
enum class WordMatch { kAll, kAny };

// Returns the query for text. With WordMatch::kAny, returns an empty query
// when that reading is no different: fewer than two words or phrases at the
// top level, or AND or OR typed (the user chose the operators). Throws
// QueryError ("query: what (column N)", N counting characters from 1) for a
// query over the size limit (check_query_size, before anything is parsed),
// a bad date or number range or story id, or a query
// with nothing to search for; AnalyzerError when analysis fails. db lists
// the terms an excerpt:prefix* may be (see prefix_query). Relative dates
// count back from the day of now (Unix seconds; unset: the current time).
// With typos, each free-text word that must or may match (not in a
// phrase, a field, a prefix* or after - or NOT) also matches the words
// typos gives for it (see words_match).
Xapian::Query parse_query(std::string_view text, Analyzer& analyzer,
                          WordMatch words = WordMatch::kAll, const Xapian::Database* db = nullptr,
                          std::optional<std::int64_t> now = std::nullopt,
                          const TypoLookup& typos = nullptr);

// The word to write for a query unit instead of its own; none: keep it.
using UnitReplacement = std::function<std::optional<std::string>(const QueryUnit&)>;

// text with each one-word unit of its plain words (not in a phrase, a
// field or a prefix*) that replacement gives a word for written as that
// word, the rest as typed ("Remdesevir, Japan" -> "remdesivir, Japan");
// none when nothing is replaced. Throws AnalyzerError.
std::optional<std::string> corrected_query(std::string_view text, Analyzer& analyzer,
                                           const UnitReplacement& replacement);

// The operator words of text written other than in capitals between two
// words ("and", "Or", "not", outside quotes), as typed, each once in the
// order found: they are searched as words, not obeyed, and a hint can say
// that AND, OR and NOT are written in capitals.
std::vector<std::string> lowercase_operators(std::string_view text);

// What field:value selects in the query language, for a filter or range
// field the schema table marks kInQuery (value as in a query: AI,
// 2021..2022-06, 7d.., 60..; relative dates as in parse_query). Throws
// QueryError for another field or a bad range.
Xapian::Query field_query(const std::string& field, const std::string& value, Analyzer& analyzer,
                          std::optional<std::int64_t> now = std::nullopt);

// The first instant (Unix seconds, UTC) of a date as the query language and
// --since write one (YYYY, YYYY-MM, YYYY-MM-DD, or a relative day counted
// back from now: today, yesterday, 7d, 2w, 3m, 1y), or of a date-time
// (parse_iso8601: 2026-12-03T08:00:00+01:00); nothing for other text.
std::optional<std::int64_t> instant(const std::string& text, std::int64_t now);

}  // namespace ns
