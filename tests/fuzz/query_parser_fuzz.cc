// Fuzz target: the query language, parsed both ways and run by the real
// search (facets, collapsing, snippets, sorting, chosen by the first byte)
// against the articles of data/ in an in-memory database. A bad query
// must give QueryError, nothing else.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "common/analyzer.h"
#include "common/errors.h"
#include "common/front_matter.h"
#include "indexer/document_builder.h"
#include "indexer/walker.h"
#include "searcher/query_parser.h"
#include "searcher/search.h"

namespace {

Xapian::Database sample_database(ns::Analyzer& analyzer) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  namespace fs = std::filesystem;
  for (const auto& entry : fs::recursive_directory_iterator(NS_SOURCE_DIR "/data")) {
    if (!entry.is_regular_file() || !ns::is_article_file_name(entry.path().filename())) continue;
    const ns::FileInfo file{entry.path().string(), entry.path().string(), 0, 0};
    db.add_document(ns::build_file_document(ns::read_article_file(file.path), file, analyzer));
  }
  db.commit();
  if (db.get_doccount() < 30) std::abort();  // data/ moved: nothing worth searching
  return db;
}

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
  static const Xapian::Database db = sample_database(analyzer);
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
