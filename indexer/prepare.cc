#include "indexer/prepare.h"

#include <cstdint>
#include <unordered_set>

#include "common/analyzer.h"
#include "common/front_matter.h"
#include "common/schema.h"
#include "indexer/document_builder.h"

namespace ns {
namespace {

// Files prepared ahead of the writer: enough to keep both threads busy
// through a commit's pause, small enough to cost little memory.
constexpr std::size_t kAhead = 16;

// A URL's fingerprint: two independent 64-bit hashes, 16 bytes where the
// URL itself takes about 100 in a set (a million URLs: a collision about
// once in 10^27 builds).
struct UrlKey {
  std::uint64_t a, b;
  bool operator==(const UrlKey& other) const { return a == other.a && b == other.b; }
};

struct UrlKeyHash {
  std::size_t operator()(const UrlKey& key) const { return key.a; }
};

UrlKey url_key(const std::string& url) {
  return UrlKey{schema::hash64(url), std::hash<std::string>()(url)};
}

// Lays out files one at a time, in path order; with new_database, the
// related articles with a URL too (see PreparingThread).
class Preparer {
 public:
  Preparer(bool new_database, Detail detail) : new_database_(new_database), detail_(detail) {}

  PreparedFile prepare(const FileInfo& file);

 private:
  void add_keyed_related(PreparedFile& out);

  const bool new_database_;
  const Detail detail_;
  Analyzer analyzer_;
  // Own URLs of the files laid out; related articles laid out, not displaced.
  std::unordered_set<UrlKey, UrlKeyHash> owned_urls_, related_urls_;
};

PreparedFile Preparer::prepare(const FileInfo& file) {
  PreparedFile out;
  out.file = &file;
  try {
    out.article = read_article_file(file.path, file.shown);
  } catch (const InputError& error) {
    out.error = error;
    return out;
  }
  try {
    out.doc = build_file_document(out.article, file, analyzer_, detail_);
    out.related = unkeyed_related(out.article, file, analyzer_, detail_);
    if (new_database_) add_keyed_related(out);
  } catch (...) {
    out.failure = std::current_exception();
  }
  return out;
}

void Preparer::add_keyed_related(PreparedFile& out) {
  const std::string& own = out.article.url();
  if (!own.empty()) {
    const UrlKey key = url_key(own);
    if (owned_urls_.insert(key).second && related_urls_.erase(key)) {
      out.displaced = schema::term(schema::kId, own);
    }
  }
  for (const Article& entry : out.article.related) {
    const std::string& url = entry.url();
    if (url.empty()) continue;
    const UrlKey key = url_key(url);
    if (owned_urls_.count(key) || !related_urls_.insert(key).second) continue;
    out.related.push_back({schema::term(schema::kId, url),
                           build_related_document(entry, url, out.file->path, analyzer_, detail_)});
  }
}

}  // namespace

PreparingThread::PreparingThread(std::vector<FileInfo>& files,
                                 std::function<bool(const FileInfo&)> wanted, bool new_database,
                                 Detail detail)
    : queue_(kAhead) {
  thread_ = std::thread([this, &files, wanted = std::move(wanted), new_database, detail] {
    try {
      Preparer preparer(new_database, detail);
      for (FileInfo& file : files) {
        if (!stat_file(file)) {
          PreparedFile failed;
          failed.file = &file;
          failed.error = unreadable(file);
          if (!queue_.push(std::move(failed))) break;
          continue;
        }
        if (wanted(file) && !queue_.push(preparer.prepare(file))) break;
      }
    } catch (...) {  // the analyzer could not start
      PreparedFile failed;
      failed.failure = std::current_exception();
      queue_.push(std::move(failed));
    }
    queue_.close();
  });
}

PreparingThread::~PreparingThread() {
  queue_.close();
  thread_.join();
}

}  // namespace ns
