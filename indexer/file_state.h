// What the database knows of the files indexed into it: their stamps.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "indexer/walker.h"

namespace ns {

struct IndexedFile {
  std::uint64_t size;
  std::int64_t mtime_ns;
  bool listed = false;  // found by the run's listing: not deleted
};

// The stamp stored with a file's article: "size:mtime_ns:path".
std::string encode_stamp(const FileInfo& file);

// Every file article in db, the database at db_path, by path, read from
// the stamp slot in one pass. Throws DatabaseError ("db_path: the database
// is damaged: ...") when a stamp is malformed.
std::unordered_map<std::string, IndexedFile> load_indexed_files(const Xapian::Database& db,
                                                                const std::string& db_path);

// The same for the files at paths only, looked up by id: for a run over a
// few named files, far cheaper than reading every stamp of a large
// database.
std::unordered_map<std::string, IndexedFile> load_indexed_files(
    const Xapian::Database& db, const std::string& db_path, const std::vector<std::string>& paths);

// True when the file on disk has the size and mtime the database saw.
inline bool unchanged(const IndexedFile& indexed, const FileInfo& file) {
  return indexed.size == file.size && indexed.mtime_ns == file.mtime_ns;
}

}  // namespace ns
