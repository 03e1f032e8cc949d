#include "indexer/file_state.h"

#include <cstdlib>

#include "common/errors.h"
#include "common/schema.h"

namespace ns {

std::string encode_stamp(const FileInfo& file) {
  return std::to_string(file.size) + ":" + std::to_string(file.mtime_ns) + ":" + file.path;
}

namespace {

// Adds the file of one stamp ("size:mtime_ns:path") of document docid in
// the database at db_path to files.
void add_stamp(const std::string& stamp, Xapian::docid docid, const std::string& db_path,
               std::unordered_map<std::string, IndexedFile>& files) {
  const size_t first = stamp.find(':');
  const size_t second = first == std::string::npos ? first : stamp.find(':', first + 1);
  if (second == std::string::npos) {
    throw DatabaseError(db_path + ": the database is damaged: document " + std::to_string(docid) +
                        " has a malformed file stamp (slot " +
                        std::to_string(schema::kFileStamp.slot) +
                        "); rebuild it with ns-index --rebuild");
  }
  IndexedFile file{std::strtoull(stamp.c_str(), nullptr, 10),
                   std::strtoll(stamp.c_str() + first + 1, nullptr, 10)};
  files.emplace(stamp.substr(second + 1), file);
}

}  // namespace

std::unordered_map<std::string, IndexedFile> load_indexed_files(const Xapian::Database& db,
                                                                const std::string& db_path) {
  std::unordered_map<std::string, IndexedFile> files;
  for (auto it = db.valuestream_begin(schema::kFileStamp.slot);
       it != db.valuestream_end(schema::kFileStamp.slot); ++it) {
    add_stamp(*it, it.get_docid(), db_path, files);
  }
  return files;
}

std::unordered_map<std::string, IndexedFile> load_indexed_files(
    const Xapian::Database& db, const std::string& db_path, const std::vector<std::string>& paths) {
  std::unordered_map<std::string, IndexedFile> files;
  for (const std::string& path : paths) {
    const std::string id = schema::term(schema::kId, path);
    for (auto it = db.postlist_begin(id); it != db.postlist_end(id); ++it) {
      const std::string stamp = db.get_document(*it).get_value(schema::kFileStamp.slot);
      if (!stamp.empty()) add_stamp(stamp, *it, db_path, files);
    }
  }
  return files;
}

}  // namespace ns
