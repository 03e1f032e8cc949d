// Fuzz target: the query language, parsed both ways and run by the real
// search (facets, collapsing, snippets, sorting, chosen by the first byte)
// against the articles of data/ in an in-memory database. A bad query
// must give QueryError, nothing else.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/analyzer.h"
#include "common/errors.h"
#include "searcher/query_parser.h"
#include "searcher/search.h"
#include "sample_database.h"

namespace {

ns::SearchRequest request_for(std::uint8_t flags, std::string_view text) {
  ns::SearchRequest request;
  request.query = std::string(text);
  request.literal = flags & 1;
  request.collapse = flags & 2;
  request.some_words = !(flags & 4);
  request.snippets = flags & 8;
  request.explain = flags & 16;
  request.sort = static_cast<ns::SortOrder>((flags >> 5) % 3);
  if (flags & 128) request.facets = {"provider", "topic", "year"};
  request.limit = 1 + flags % 20;
  return request;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static ns::Analyzer analyzer;
  static const Xapian::Database db = ns::testing::sample_database(analyzer);
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    ns::parse_query(text, analyzer, ns::WordMatch::kAny).get_description();
    ns::search(db, request_for(data[0], text), analyzer);
  } catch (const ns::QueryError&) {
    // refused with a message: what a bad query should get
  }
  return 0;
}
