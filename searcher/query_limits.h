// The size limit on one query, checked before it is parsed: parsing and
// matching cost grows faster than the query (1,000 words took 0.95 s and
// 96 MB), and a served page cannot let one request do that.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/errors.h"

namespace ns {

// At most this many bytes of UTF-8 text.
inline constexpr std::size_t kMaxQueryBytes = 2048;
// At most this many words: runs of characters other than spaces, quotes
// and parentheses (a run of CJK characters counts once here).
inline constexpr std::size_t kMaxQueryWords = 64;
// At most this many terms: one for each word outside CJK, two for each CJK
// character (itself and the pair it starts).
inline constexpr std::size_t kMaxQueryTerms = 256;
// Parentheses nest at most this deep.
inline constexpr int kMaxQueryDepth = 64;

// The error for a query over a limit: "query: too long: COUNT WHAT, at
// most MOST (a query holds at most ... )", every limit listed.
QueryError query_too_long(const std::string& count, const char* what, std::size_t most);

// Throws QueryError ("query: too long: N words, at most 64 (...)") when
// text is over one of the limits above; reads text once, without parsing
// it. Parentheses inside quotes do not count.
void check_query_size(std::string_view text);

}  // namespace ns
