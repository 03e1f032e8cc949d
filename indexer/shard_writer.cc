#include "indexer/shard_writer.h"

#include <map>
#include <optional>
#include <vector>

#include "common/doc_data.h"
#include "common/front_matter.h"
#include "common/schema.h"
#include "indexer/document_builder.h"
#include "indexer/file_state.h"
#include "indexer/first_seen.h"
#include "indexer/progress.h"
#include "indexer/related.h"
#include "indexer/roots.h"
#include "indexer/write_target.h"

namespace ns {
namespace {

// One article the plan placed on the shard.
struct Planned {
  std::string id;       // its id: a path, URL or path#related-N
  std::string cluster;  // its collapse key, computed over the whole collection
  bool is_file;         // the file's own article, else a related entry
};

// The planned articles by the file each is read from, in path order.
std::map<std::string, std::vector<Planned>> planned_by_file(const Xapian::Database& plan) {
  std::map<std::string, std::vector<Planned>> out;
  for (auto it = plan.postlist_begin(""); it != plan.postlist_end(""); ++it) {
    const Xapian::Document doc = plan.get_document(*it);
    const std::string source = decode_doc_data(doc.get_data()).source;
    out[source].push_back({doc.get_value(schema::kSortKey.slot),
                           doc.get_value(schema::kClusterKey.slot),
                           doc.get_value(schema::kKindValue.slot) == schema::kKindFile});
  }
  return out;
}

// The full document of one planned article of the file article was read
// from; none when the file no longer lists it. The file's related entries
// without a URL are laid out together, once, into unkeyed on first need.
std::optional<Xapian::Document> full_document(const Planned& planned, const Article& article,
                                              const FileInfo& file, Analyzer& analyzer,
                                              std::optional<std::vector<IdDocument>>& unkeyed) {
  if (planned.is_file) return build_file_document(article, file, analyzer);
  for (const Article& entry : article.related) {
    if (!entry.url().empty() && entry.url() == planned.id) {
      return build_related_document(entry, planned.id, file.path, analyzer);
    }
  }
  if (!unkeyed) unkeyed = unkeyed_related(article, file, analyzer);
  const std::string id_term = schema::term(schema::kId, planned.id);
  for (const IdDocument& entry : *unkeyed) {
    if (entry.id_term == id_term) return entry.doc;
  }
  return std::nullopt;
}

}  // namespace

void write_planned_shard(const std::string& plan_shard, const IndexOptions& options,
                         const ErrorReporter& report, IndexSummary& summary) {
  const Xapian::Database plan(plan_shard);
  const std::map<std::string, std::vector<Planned>> files = planned_by_file(plan);
  const std::unordered_map<std::string, IndexedFile> stamps = load_indexed_files(plan, plan_shard);
  WriteTarget target(options.db_path, /*rebuild=*/true, /*shards=*/1, options.wait);
  // Carried over from the shard it replaces: a shard counts its own revisions.
  FirstSeen first_seen(target.db(), target.previous());
  Analyzer analyzer;
  Progress progress(options.progress, files.size());
  std::size_t done = 0, since_commit = 0;
  for (const auto& [path, planned] : files) {
    if ((summary.stopped_by = options.stop_signal()) != 0) break;
    FileInfo file{path, path, 0, 0};
    if (auto stamp = stamps.find(path); stamp != stamps.end()) {
      file.size = stamp->second.size;
      file.mtime_ns = stamp->second.mtime_ns;
    }
    Article article;
    try {
      article = read_article_file(path);
    } catch (const InputError& error) {  // changed since the plan read it
      ++summary.skipped;
      report(error);
      continue;
    }
    ++summary.files_indexed;
    std::optional<std::vector<IdDocument>> unkeyed;
    for (const Planned& p : planned) {
      std::optional<Xapian::Document> doc = full_document(p, article, file, analyzer, unkeyed);
      if (!doc) continue;
      doc->add_value(schema::kClusterKey.slot, p.cluster);
      first_seen.stamp(target.db(), schema::term(schema::kId, p.id), *doc);
      target.db().add_document(*doc);
      ++summary.articles;
    }
    if (++since_commit == kFilesPerCommit) {
      first_seen.commit(target.db());
      since_commit = 0;
    }
    progress.update(++done, summary.articles);
  }
  progress.finish();
  if (summary.stopped_by) {
    target.abandon();
  } else {
    write_roots(target.db(), read_roots(plan));
    first_seen.commit(target.db());
    target.finish();
  }
}

}  // namespace ns
