// The articles of data/ in an in-memory database, for the fuzz targets
// that run real searches.
#pragma once

#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "common/analyzer.h"
#include "common/front_matter.h"
#include "indexer/document_builder.h"
#include "indexer/walker.h"

namespace ns::testing {

// Every article file of data/, read and laid out as ns-index would.
// Aborts when data/ holds fewer than 30 (moved: nothing worth searching).
inline Xapian::Database sample_database(ns::Analyzer& analyzer) {
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

}  // namespace ns::testing
