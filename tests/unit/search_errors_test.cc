#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <string>

#include "common/analyzer.h"
#include "common/database.h"
#include "common/errors.h"
#include "searcher/search.h"
#include "unit/temp_dir.h"

TEST_CASE("search: a database that fails while read is named in the error") {
  // Issue 27: "the database cannot be read" said neither which nor where.
  ns::testing::TempDir dir;
  const std::string path = dir.path("db");
  {
    Xapian::WritableDatabase db = ns::open_for_index(path, false);
    for (int i = 0; i < 3000; ++i) {
      Xapian::Document doc;
      for (int t = 0; t < 20; ++t) doc.add_term("Zword" + std::to_string(i * 20 + t));
      db.add_document(doc);
    }
    db.commit();
  }
  const Xapian::Database db(path);
  // Cut after opening: the match reads blocks that are no longer there.
  std::filesystem::resize_file(std::filesystem::path(path) / "postlist.glass", 8192);
  ns::SearchRequest request;
  request.query = "*";
  request.db_path = path;
  ns::Analyzer analyzer;
  std::string message;
  try {
    ns::search(db, request, analyzer);
  } catch (const ns::DatabaseError& e) {
    message = e.what();
  }
  CHECK(message.rfind(path + ": the database cannot be read: ", 0) == 0);
}
