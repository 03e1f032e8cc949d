#include "indexer/indexer.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <future>
#include <iostream>
#include <set>
#include <thread>
#include <unordered_map>

#include "common/analyzer.h"
#include "common/database.h"
#include "common/front_matter.h"
#include "common/printable.h"
#include "common/schema.h"
#include "common/shards.h"
#include "indexer/cluster.h"
#include "indexer/document_builder.h"
#include "indexer/file_state.h"
#include "indexer/first_seen.h"
#include "indexer/part_writers.h"
#include "indexer/placement.h"
#include "indexer/prepare.h"
#include "indexer/progress.h"
#include "indexer/related.h"
#include "indexer/roots.h"
#include "indexer/shard_writer.h"
#include "indexer/stale_parts.h"
#include "indexer/walker.h"
#include "indexer/write_target.h"

namespace ns {
namespace {

// Files named one by one (no folder) whose stamps are looked up by id
// rather than read with all the others.
constexpr std::size_t kLookUpAtMost = 1000;

// Databases a rebuild is written into at once: one writer for each core,
// up to kMaxParts (one thread prepares the files for all of them, and each
// holds its own uncommitted changes in memory); 2 when the count of cores
// is unknown.
constexpr std::size_t kMaxParts = 4;
std::size_t part_count() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 2 : std::min<std::size_t>(cores, kMaxParts);
}

// Files each part writes between commits: committing less often was no
// faster and raised the peak memory (docs/benchmarks.md).
constexpr std::size_t kPartCommitEvery = 250;

// One run of ns-index over a set of paths.
class Run {
 public:
  Run(const IndexOptions& options, const ErrorReporter& report, Detail detail = Detail::kFull)
      : options_(options), report_(report), detail_(detail) {}

  IndexSummary go(const IndexInput& input);
  ForgetSummary forget(const std::string& root);

 private:
  WalkResult list_and_load_stamps(const IndexInput& input);
  void write_changed(std::vector<FileInfo>& files, Progress& progress);
  void finish_or_abandon();
  bool stopped() const { return summary_.stopped_by != 0 || strict_error_; }
  void skip(const InputError& error);
  std::vector<std::string> deleted_files(const WalkResult& walk) const;
  void take(PreparedFile prepared);
  void write(PreparedFile& prepared);
  void stamp_new(PreparedFile& prepared);
  void delete_file(const std::string& path);
  std::optional<Xapian::Document> indexed_article(const std::string& path);
  void flush();

  const IndexOptions& options_;
  const ErrorReporter& report_;
  const Detail detail_;
  IndexSummary summary_;
  std::optional<WriteTarget> target_;
  std::optional<FirstSeen> first_seen_;  // stamps what target_ is written
  bool new_database_ = false;            // empty when the run began: see PreparingThread
  std::optional<PartWriters> parts_;     // a rebuild, written on several cores
  std::unordered_map<std::string, IndexedFile> indexed_;
  std::set<std::string> touched_urls_;  // related articles to reconcile
  LinkChanges links_;                   // link terms whose clusters to update
  Analyzer analyzer_;
  std::optional<InputError> strict_error_;
  std::vector<std::string> roots_;    // stored with the last commit
  std::set<std::string> kept_roots_;  // root folders gone whole: their files stay
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
// listed in it (every listed file was marked, see write_changed: those
// excluded now are not), or named directly and missing, or below a folder
// named and missing; never below a folder that could not be listed.
std::vector<std::string> Run::deleted_files(const WalkResult& walk) const {
  std::vector<std::string> covered = walk.folders;
  for (const MissingPath& m : walk.missing) {
    if (!kept_roots_.count(m.path)) covered.push_back(m.path);
  }
  std::vector<std::string> gone;
  auto unlisted = [&](const std::string& path) {
    return std::any_of(walk.unlisted.begin(), walk.unlisted.end(),
                       [&](const std::string& folder) { return lies_within(path, folder); });
  };
  for (const auto& [path, state] : indexed_) {
    if (state.listed || unlisted(path)) continue;
    for (const std::string& folder : covered) {
      if (lies_within(path, folder)) {
        gone.push_back(path);
        break;
      }
    }
  }
  return gone;
}

// The article of the file at path as indexed, if it is.
std::optional<Xapian::Document> Run::indexed_article(const std::string& path) {
  if (!indexed_.count(path)) return std::nullopt;
  // Looked up by id: a cluster change may have moved it to another shard.
  const std::string id_term = schema::term(schema::kId, path);
  Xapian::PostingIterator it = target_->db().postlist_begin(id_term);
  if (it == target_->db().postlist_end(id_term)) return std::nullopt;
  return target_->db().get_document(*it);
}

void Run::take(PreparedFile prepared) {
  if (prepared.failure) std::rethrow_exception(prepared.failure);
  if (prepared.error) {
    // The version indexed before, if any, stays: the file is not deleted.
    if (auto it = indexed_.find(prepared.file->path); it != indexed_.end())
      it->second.listed = true;
    skip(*prepared.error);
    return;
  }
  ++summary_.files_indexed;
  summary_.articles += 1 + prepared.article.related.size();
  for (const InputError& entry : prepared.article.left_out) skip(entry);
  if (const std::size_t cut = prepared.article.cut_bytes) {
    skip(InputError(prepared.file->shown, 0, 0,
                    std::to_string(cut) + " bytes of title and excerpt text left out: a file " +
                        "keeps at most " + std::to_string(kMaxTextBytesPerFile) +
                        " (the rest of the file is indexed)"));
  }
  if (parts_) {
    stamp_new(prepared);
    parts_->write(std::move(prepared));
  } else {
    write(prepared);
  }
}

// Stamps the documents of a file written into a database that was empty
// when the run began: only a rebuild's previous database may know them.
void Run::stamp_new(PreparedFile& prepared) {
  const Xapian::Database& db = target_->db();
  first_seen_->stamp(db, schema::term(schema::kId, prepared.file->path), prepared.doc);
  for (IdDocument& related : prepared.related) first_seen_->stamp(db, related.id_term, related.doc);
}

void Run::write(PreparedFile& prepared) {
  Xapian::WritableDatabase& db = target_->db();
  for (const IdDocument& related : prepared.related) links_.add(related.doc);
  if (new_database_) {  // nothing to replace: add
    stamp_new(prepared);
    links_.add(prepared.doc);
    if (!prepared.displaced.empty()) {
      add_link_terms(db, prepared.displaced, links_.terms());
      db.delete_document(prepared.displaced);
    }
    add_article(db, prepared.doc);
    for (const IdDocument& related : prepared.related) add_article(db, related.doc);
  } else {
    const std::string& path = prepared.file->path;
    const std::string id_term = schema::term(schema::kId, path);
    const std::optional<Xapian::Document> old = indexed_article(path);
    // The related articles a file lists change only with its URLs or entries.
    const bool same = old && same_related(*old, prepared.doc);
    if (old) {
      // Those without a URL are the file's own, written again with it; with
      // the entries unchanged and none of them such, there are none to find.
      if (!same || !prepared.related.empty()) {
        first_seen_->remember(db, schema::term(schema::kOwner, path));
        delete_unkeyed_related(db, path, links_.terms());
      }
      // Its cluster stays unless the links change (links_ then updates it).
      prepared.doc.add_value(schema::kClusterKey.slot, old->get_value(schema::kClusterKey.slot));
      links_.replace(db, *old, prepared.doc, id_term);
    } else {
      links_.add(prepared.doc);
    }
    if (!same) {
      if (old) add_urls(*old, touched_urls_);
      add_urls(prepared.article, touched_urls_);
    }
    first_seen_->stamp(db, id_term, prepared.doc);
    replace_article(db, id_term, prepared.doc);
    for (IdDocument& related : prepared.related) {
      first_seen_->stamp(db, related.id_term, related.doc);
      replace_article(db, related.id_term, related.doc);
    }
  }
}

void Run::delete_file(const std::string& path) {
  if (const std::optional<Xapian::Document> old = indexed_article(path)) {
    first_seen_->remember(target_->db(), schema::term(schema::kOwner, path));
    delete_unkeyed_related(target_->db(), path, links_.terms());
    links_.add(*old);
    add_urls(*old, touched_urls_);
  }
  first_seen_->remember(target_->db(), schema::term(schema::kId, path));
  target_->db().delete_document(schema::term(schema::kId, path));
  ++summary_.files_deleted;
}

// Brings related articles and clusters in step with the files written, then
// commits.
void Run::flush() {
  reconcile_related(target_->db(), touched_urls_, analyzer_, links_.terms(), *first_seen_);
  touched_urls_.clear();
  update_clusters(target_->db(), links_.take(target_->db()));
  first_seen_->commit(target_->db());
  target_->commit();  // records the files checked sound (common/checked_files.h)
}

// Lists the files under the input's paths and loads into indexed_ the
// stamps of those indexed before; what cannot be listed is skipped.
WalkResult Run::list_and_load_stamps(const IndexInput& input) {
  std::vector<std::string> paths = input.paths;
  paths.insert(paths.end(), input.listed.begin(), input.listed.end());
  // For a folder or many files, every stamp is read, on a second thread
  // while the walk lists the files; a few files named alone are looked up
  // one by one.
  std::future<std::unordered_map<std::string, IndexedFile>> all_stamps;
  if (paths.size() > kLookUpAtMost || std::any_of(paths.begin(), paths.end(), is_folder)) {
    all_stamps = std::async(std::launch::async,
                            [this] { return load_indexed_files(target_->db(), options_.db_path); });
  }
  WalkResult walk = list_files(paths, WalkRules{options_.excludes, roots_});
  for (const InputError& error : walk.errors) skip(error);
  if (all_stamps.valid()) {
    indexed_ = all_stamps.get();
  } else {  // files named one by one: look up only those
    std::vector<std::string> named;
    for (const FileInfo& f : walk.files) named.push_back(f.path);
    for (const MissingPath& m : walk.missing) named.push_back(m.path);
    indexed_ = load_indexed_files(target_->db(), options_.db_path, named);
    // A missing path indexed as no file may be a folder that held some.
    auto not_a_file = [this](const MissingPath& m) { return !indexed_.count(m.path); };
    if (std::any_of(walk.missing.begin(), walk.missing.end(), not_a_file)) {
      indexed_ = load_indexed_files(target_->db(), options_.db_path);
    }
  }
  for (const MissingPath& m : walk.missing) {
    auto within = [&](const auto& file) { return lies_within(file.first, m.path); };
    const auto held = std::count_if(indexed_.begin(), indexed_.end(), within);
    const bool root = std::binary_search(roots_.begin(), roots_.end(), m.path);
    if (held == 0) {
      skip(InputError(m.given, 0, 0,
                      root ? "no such file or folder; a root of the database: drop it with "
                             "ns-index --forget ROOT"
                           : "no such file or folder"));
    } else if (root && !indexed_.count(m.path)) {
      // A root folder gone whole is more likely unmounted than deleted: its
      // articles stay until the user says (--forget), as an unreadable file's do.
      kept_roots_.insert(m.path);
      skip(InputError(m.given, 0, 0,
                      "no such folder; a root of the database, its " + std::to_string(held) +
                          " files are kept: bring it back, or drop them with ns-index "
                          "--forget ROOT"));
    }
  }
  return walk;
}

// Prepares and writes the files that changed since they were indexed,
// until a stop signal or, with --strict, a bad file.
void Run::write_changed(std::vector<FileInfo>& files, Progress& progress) {
  // The files are stat'ed on the preparing thread, which passes on those
  // changed: the writer starts on them while the rest are checked. It marks
  // the indexed files it sees (this thread reads no mark until it is done).
  std::atomic<std::size_t> unchanged_files{0};
  auto changed = [&](const FileInfo& file) {
    auto it = indexed_.find(file.path);
    if (it == indexed_.end()) return true;
    it->second.listed = true;
    if (!unchanged(it->second, file)) return true;
    ++unchanged_files;
    return false;
  };
  std::size_t since_commit = 0;
  PreparingThread prepared(files, changed, new_database_, detail_);
  while (std::optional<PreparedFile> file = prepared.next()) {
    if ((summary_.stopped_by = options_.stop_signal()) != 0 || strict_error_) break;
    const std::size_t done = file->file ? file->file - files.data() + 1 : 0;
    take(std::move(*file));
    if (!parts_ && ++since_commit == kFilesPerCommit) {
      flush();
      since_commit = 0;
    }
    progress.update(done, summary_.articles);
  }
  summary_.files_unchanged = unchanged_files;
}

// A run that went to the end is committed (a rebuild merged and swapped
// in); a rebuild stopped early is dropped, keeping the old database whole.
void Run::finish_or_abandon() {
  if (options_.rebuild && stopped()) {
    parts_.reset();
    target_->abandon();
    return;
  }
  if (parts_) {
    target_->merge(parts_->finish());
    parts_.reset();
    update_all_clusters(target_->db());
  }
  write_roots(target_->db(), roots_);
  flush();
  target_->finish();
}

IndexSummary Run::go(const IndexInput& input) {
  target_.emplace(options_.db_path, options_.rebuild, options_.shards, options_.wait);
  if (!target_->previous_damage().empty()) {
    std::cerr << "ns-index: " << printable(options_.db_path)
              << ": rebuilding without the damaged database's first-seen times: every article "
                 "enters as new\n";
  }
  first_seen_.emplace(target_->db(), target_->previous());
  std::vector<std::string> named;
  for (const std::string& path : input.paths) named.push_back(normal_path(path));
  roots_ = merge_roots(read_roots(target_->db()), named);  // a rebuild's database is new
  WalkResult walk = list_and_load_stamps(input);
  new_database_ = target_->db().get_doccount() == 0;
  Progress progress(options_.progress, walk.files.size());
  if (options_.rebuild && target_->db().size() == 1) {  // parts merge into one database
    parts_.emplace(options_.db_path + ".part-" + std::to_string(getpid()), part_count(),
                   kPartCommitEvery);
  }
  write_changed(walk.files, progress);
  // Files gone are deleted after the writes, so the writer starts on the
  // changed ones at once; a run stopped early leaves them to the next one.
  if (!stopped()) {
    for (const std::string& path : deleted_files(walk)) delete_file(path);
  }
  progress.finish();
  finish_or_abandon();
  if (strict_error_) throw *strict_error_;
  summary_.total_articles = Xapian::Database(options_.db_path).get_doccount();
  return summary_;
}

ForgetSummary Run::forget(const std::string& root) {
  target_.emplace(options_.db_path, false, 0, options_.wait);
  first_seen_.emplace(target_->db(), nullptr);
  roots_ = read_roots(target_->db());
  const auto stored = std::find(roots_.begin(), roots_.end(), root);
  if (stored == roots_.end()) {  // forgotten by another ns-index since it was found
    throw UsageError("--forget: " + root + " is no longer a root of " + options_.db_path);
  }
  roots_.erase(stored);
  indexed_ = load_indexed_files(target_->db(), options_.db_path);
  std::vector<std::string> below;
  for (const auto& [path, state] : indexed_) {
    if (lies_within(path, root)) below.push_back(path);
  }
  std::sort(below.begin(), below.end());
  for (const std::string& path : below) delete_file(path);
  write_roots(target_->db(), roots_);
  flush();
  target_->finish();
  return {root, summary_.files_deleted, Xapian::Database(options_.db_path).get_doccount()};
}

// --shard I/N: a plan of the whole collection in N shards, each article
// laid out with its links only, then shard I of it written in full.
IndexSummary index_one_shard(const IndexInput& input, const IndexOptions& options,
                             const ErrorReporter& report) {
  IndexOptions plan = options;
  plan.db_path = options.db_path + ".plan-" + std::to_string(getpid());
  plan.rebuild = false;
  plan.shard = 0;
  std::error_code ec;
  // Of --shard runs killed: no lock covers plans.
  remove_stale_parts(options.db_path, std::filesystem::exists(options.db_path, ec));
  std::filesystem::remove_all(plan.db_path, ec);
  struct Cleanup {
    const std::string& path;
    ~Cleanup() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  } cleanup{plan.db_path};
  IndexSummary summary = Run(plan, report, Detail::kLinks).go(input);
  if (summary.stopped_by) return summary;  // nothing written: the database is as it was
  IndexSummary written;
  written.skipped = summary.skipped;
  write_planned_shard(plan.db_path + "/" + shard_folder(options.shard - 1), options, report,
                      written);
  written.total_articles = Xapian::Database(options.db_path).get_doccount();
  return written;
}

}  // namespace

ForgetSummary forget_root(const std::string& root, const IndexOptions& options) {
  const std::string stored = find_root(root, options.db_path);  // nothing written when unknown
  try {
    return Run(options, [](const InputError&) {}).forget(stored);
  } catch (const Xapian::Error& e) {
    throw database_error(e, {options.db_path, "writing failed", Written::kInPlace});
  }
}

IndexSummary index_paths(const IndexInput& input, const IndexOptions& options,
                         const ErrorReporter& report) {
  check_paths_exist(input.paths, options.db_path);
  try {
    if (options.shard > 0) return index_one_shard(input, options, report);
    return Run(options, report).go(input);
  } catch (const Xapian::Error& e) {
    const bool beside = options.rebuild || options.shard > 0;
    throw database_error(
        e, {options.db_path, "writing failed", beside ? Written::kBeside : Written::kInPlace});
  }
}

}  // namespace ns
