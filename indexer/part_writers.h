// Writes a rebuild on several cores. Xapian allows one writer a database, so
// the files go in turn to parts, each written on a thread of its own, and
// the parts are merged at the end by Xapian's compaction
// (WriteTarget::merge) and clustered in one pass (update_all_clusters).
#pragma once

#include <exception>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "indexer/prepare.h"
#include "indexer/queue.h"

namespace ns {

class PartWriters {
 public:
  // count new databases at base.0, base.1...; each commits every
  // commit_every files. Throws DatabaseError.
  PartWriters(const std::string& base, std::size_t count, std::size_t commit_every);
  ~PartWriters();  // stops the writers and deletes the parts
  PartWriters(const PartWriters&) = delete;
  PartWriters& operator=(const PartWriters&) = delete;

  // Hands a prepared file (from a PreparingThread for a new database) to
  // the next part; a related article it displaces is deleted from every
  // part. Rethrows what stopped a writer.
  void write(PreparedFile file);

  // Waits until every file is written and committed; returns the parts'
  // paths. Rethrows what stopped a writer.
  std::vector<std::string> finish();

 private:
  struct Part;
  void rethrow(Part& part);

  std::vector<std::unique_ptr<Part>> parts_;
  std::size_t next_ = 0;
};

}  // namespace ns
