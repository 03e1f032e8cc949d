// Reads article files and lays them out as the documents to write, apart
// from the database, on a thread of its own: while the indexer writes one
// file, the next ones are read, parsed and analysed on the other core.
#pragma once

#include <xapian.h>

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/article.h"
#include "common/errors.h"
#include "indexer/document_builder.h"
#include "indexer/queue.h"
#include "indexer/related.h"
#include "indexer/walker.h"

namespace ns {

// One file, ready to write.
struct PreparedFile {
  const FileInfo* file = nullptr;
  std::optional<InputError> error;  // unreadable or bad: nothing else is set
  std::exception_ptr failure;       // anything else that went wrong, to rethrow
  Article article;
  Xapian::Document doc;             // the file's own article
  std::vector<IdDocument> related;  // related articles to write with it
  std::string displaced;            // the id term of a related article it displaces
};

// Prepares files on a thread of its own, handing them over in path order:
// it reads each file's size and time (stat_file), then, if wanted says so,
// reads the file and lays out its documents. A file it cannot stat is
// handed over with an error.
//
// With new_database (the database was empty when the run began), the
// related articles with a URL are laid out too, as reconcile_related would
// settle them but without looking anything up: files come in path order,
// so the first file to list a URL is the one that supplies its text, and a
// later file whose own article has that URL displaces the related article.
// Into a database that held articles, those are left to reconcile_related.
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
