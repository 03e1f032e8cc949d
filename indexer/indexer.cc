#include "indexer/indexer.h"

#include <set>
#include <unordered_map>
#include <unordered_set>

#include "common/analyzer.h"
#include "common/front_matter.h"
#include "common/schema.h"
#include "indexer/cluster.h"
#include "indexer/document_builder.h"
#include "indexer/file_state.h"
#include "indexer/progress.h"
#include "indexer/related.h"
#include "indexer/walker.h"
#include "indexer/write_target.h"

namespace ns {
namespace {

// Files per commit: a crash or kill loses at most this much work.
constexpr std::size_t kCommitEvery = 1000;

// One run of ns-index over a set of paths.
class Run {
 public:
  Run(const IndexOptions& options, const ErrorReporter& report)
      : options_(options), report_(report) {}

  IndexSummary go(const std::vector<std::string>& paths);

 private:
  void skip(const InputError& error);
  std::vector<std::string> deleted_files(const WalkResult& walk) const;
  void index_file(const FileInfo& file);
  void delete_file(const std::string& path);
  void forget_file(const std::string& path);
  void flush();

  const IndexOptions& options_;
  const ErrorReporter& report_;
  IndexSummary summary_;
  std::optional<WriteTarget> target_;
  std::unordered_map<std::string, IndexedFile> indexed_;
  std::set<std::string> touched_urls_;   // related articles to reconcile
  std::set<std::string> touched_links_;  // link terms whose clusters to update
  Analyzer analyzer_;
  std::optional<InputError> strict_error_;
};

void Run::skip(const InputError& error) {
  ++summary_.skipped;
  if (options_.strict) {
    if (!strict_error_) strict_error_ = error;
    return;
  }
  report_(error);
}

// Files indexed before that are gone: under a folder walked now but not
// found in it, or named directly and missing.
std::vector<std::string> Run::deleted_files(const WalkResult& walk) const {
  std::unordered_set<std::string> found;
  for (const FileInfo& f : walk.files) found.insert(f.path);
  std::vector<std::string> gone;
  for (const auto& [path, state] : indexed_) {
    if (found.count(path)) continue;
    for (const std::string& folder : walk.folders) {
      if (path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
          path[folder.size()] == '/') {
        gone.push_back(path);
        break;
      }
    }
  }
  for (const MissingPath& m : walk.missing) {
    if (indexed_.count(m.path)) gone.push_back(m.path);
  }
  return gone;
}

// Removes what the database holds for the file at path (its own article
// and its unkeyed related entries), noting the URLs to reconcile.
void Run::forget_file(const std::string& path) {
  auto it = indexed_.find(path);
  if (it == indexed_.end()) return;
  const Xapian::Document old = target_->db().get_document(it->second.docid);
  add_urls(old, touched_urls_);
  add_link_terms(old, touched_links_);
  delete_unkeyed_related(target_->db(), path, touched_links_);
}

void Run::index_file(const FileInfo& file) {
  Article article;
  try {
    article = read_article_file(file.path, file.shown);
  } catch (const InputError& error) {
    skip(error);  // the version indexed before, if any, stays
    return;
  }
  forget_file(file.path);
  add_urls(article, touched_urls_);
  Xapian::Document doc = build_file_document(article, file, analyzer_);
  add_link_terms(doc, touched_links_);
  target_->db().replace_document(schema::term(schema::kId, file.path), doc);
  add_unkeyed_related(target_->db(), article, file, analyzer_);
  ++summary_.files_indexed;
  summary_.articles += 1 + article.related.size();
}

void Run::delete_file(const std::string& path) {
  forget_file(path);
  target_->db().delete_document(schema::term(schema::kId, path));
  ++summary_.files_deleted;
}

// Brings related articles and clusters in step with the files written, then
// commits.
void Run::flush() {
  for (const std::string& url : touched_urls_) {
    reconcile_related(target_->db(), url, analyzer_, touched_links_);
  }
  touched_urls_.clear();
  update_clusters(target_->db(), touched_links_);
  touched_links_.clear();
  target_->db().commit();
}

IndexSummary Run::go(const std::vector<std::string>& paths) {
  WalkResult walk = collect_files(paths);
  for (const InputError& error : walk.errors) skip(error);
  target_.emplace(options_.db_path, options_.rebuild, options_.wait);
  if (walk.folders.empty()) {  // files named one by one: look up only those
    std::vector<std::string> named;
    for (const FileInfo& f : walk.files) named.push_back(f.path);
    for (const MissingPath& m : walk.missing) named.push_back(m.path);
    indexed_ = load_indexed_files(target_->db(), named);
  } else {
    indexed_ = load_indexed_files(target_->db());
  }
  for (const MissingPath& m : walk.missing) {
    if (!indexed_.count(m.path)) skip(InputError(m.given, 0, 0, "no such file or folder"));
  }
  for (const std::string& path : deleted_files(walk)) delete_file(path);

  Progress progress(options_.progress, walk.files.size());
  std::size_t done = 0, since_commit = 0;
  for (const FileInfo& file : walk.files) {
    if ((summary_.stopped_by = options_.stop_signal()) != 0 || strict_error_) break;
    auto it = indexed_.find(file.path);
    if (it != indexed_.end() && unchanged(it->second, file)) {
      ++summary_.files_unchanged;
    } else {
      index_file(file);
      if (++since_commit == kCommitEvery) {
        flush();
        since_commit = 0;
      }
    }
    progress.update(++done, summary_.articles);
  }
  progress.finish();
  if (options_.rebuild && (summary_.stopped_by || strict_error_)) {
    target_->abandon();  // keep the old database whole
  } else {
    flush();
    target_->finish();
  }
  if (strict_error_) throw *strict_error_;
  summary_.total_articles = Xapian::Database(options_.db_path).get_doccount();
  return summary_;
}

}  // namespace

IndexSummary index_paths(const std::vector<std::string>& paths, const IndexOptions& options,
                         const ErrorReporter& report) {
  try {
    return Run(options, report).go(paths);
  } catch (const Xapian::Error& e) {
    throw DatabaseError(options.db_path + ": writing failed: " + e.get_msg());
  }
}

}  // namespace ns
