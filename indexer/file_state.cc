#include "indexer/file_state.h"

#include <cstdlib>

#include "common/errors.h"
#include "common/schema.h"

namespace ns {

std::string encode_stamp(const FileInfo& file) {
  return std::to_string(file.size) + ":" + std::to_string(file.mtime_ns) + ":" + file.path;
}

std::unordered_map<std::string, IndexedFile> load_indexed_files(const Xapian::Database& db) {
  std::unordered_map<std::string, IndexedFile> files;
  for (auto it = db.valuestream_begin(schema::kFileStamp.slot);
       it != db.valuestream_end(schema::kFileStamp.slot); ++it) {
    const std::string stamp = *it;
    size_t first = stamp.find(':');
    size_t second = first == std::string::npos ? first : stamp.find(':', first + 1);
    if (second == std::string::npos) {
      throw DatabaseError("document " + std::to_string(it.get_docid()) +
                          " has a malformed file stamp; rebuild with ns-index --rebuild");
    }
    IndexedFile file{it.get_docid(), std::strtoull(stamp.c_str(), nullptr, 10),
                     std::strtoll(stamp.c_str() + first + 1, nullptr, 10)};
    files.emplace(stamp.substr(second + 1), file);
  }
  return files;
}

}  // namespace ns
