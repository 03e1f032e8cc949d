#include "indexer/indexer.h"

#include <filesystem>
#include <system_error>

#include "common/analyzer.h"
#include "common/database.h"
#include "common/front_matter.h"
#include "common/schema.h"
#include "indexer/document_builder.h"
#include "indexer/walker.h"

namespace ns {
namespace {

// A file's id is its absolute, normalised path: the same file reached by
// another relative path is still the same article.
std::string file_id(const std::string& path) {
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(path, ec);
  if (ec) canonical = std::filesystem::absolute(path, ec).lexically_normal();
  return canonical.string();
}

}  // namespace

IndexSummary index_paths(const std::vector<std::string>& paths, const IndexOptions& options,
                         const ErrorReporter& report) {
  IndexSummary summary;
  WalkResult walk = collect_files(paths);
  auto skip = [&](const InputError& error) {
    if (options.strict) throw error;
    report(error);
    ++summary.skipped;
  };
  for (const InputError& error : walk.errors) skip(error);

  Xapian::WritableDatabase db = open_for_index(options.db_path, options.rebuild);
  Analyzer analyzer;
  try {
    for (const std::string& path : walk.files) {
      Article article;
      try {
        article = read_article_file(path);
      } catch (const InputError& error) {
        skip(error);
        continue;
      }
      const std::string id = file_id(path);
      db.replace_document(schema::term(schema::kId, id), build_document(article, id, id, analyzer));
      ++summary.files_indexed;
      ++summary.articles;
    }
    db.commit();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(options.db_path + ": writing failed: " + e.get_msg());
  }
  summary.total_articles = db.get_doccount();
  return summary;
}

}  // namespace ns
