// Reads article files and lays them out as the documents to write, apart
// from the database, on a thread of its own: while the indexer writes one
// file, the next ones are read, parsed and analysed on the other core.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "common/analyzer.h"
#include "common/article.h"
#include "common/errors.h"
#include "indexer/document_builder.h"
#include "indexer/queue.h"
#include "indexer/related.h"
#include "indexer/walker.h"

namespace ns {

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

UrlKey url_key(const std::string& url);

// One file, ready to write.
struct PreparedFile {
  const FileInfo* file = nullptr;
  std::optional<InputError> error;  // unreadable or bad: nothing else is set
  std::exception_ptr failure;       // anything else that went wrong, to rethrow
  Article article;
  Xapian::Document doc;             // the file's own article
  std::vector<IdDocument> related;  // related articles to write with it
  std::string displaced;            // see Preparer
};

// Lays out files one at a time, in path order.
//
// Into a database that was empty when the run began, it also lays out the
// related articles with a URL, as reconcile_related would settle them but
// without looking anything up: files come in path order, so the first file
// to list a URL is the one that supplies its text, and a later file whose
// own article has that URL displaces the related article (its id term).
// Into a database that held articles, those are left to reconcile_related.
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

// Prepares files on a thread of its own, handing them over in order: it
// reads each file's size and time (stat_file), then prepares it if wanted
// says so. A file it cannot stat is handed over with an error.
class PreparingThread {
 public:
  PreparingThread(std::vector<FileInfo>& files, std::function<bool(const FileInfo&)> wanted,
                  bool new_database, Detail detail);
  ~PreparingThread();  // stops early if need be and joins the thread

  // The next file, or nothing once all are handed over.
  std::optional<PreparedFile> next() { return queue_.pop(); }

 private:
  BoundedQueue<PreparedFile> queue_;
  std::thread thread_;
};

}  // namespace ns
