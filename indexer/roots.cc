#include "indexer/roots.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "common/database.h"
#include "common/errors.h"
#include "common/schema.h"
#include "indexer/file_state.h"
#include "indexer/walker.h"

namespace ns {
namespace {

namespace fs = std::filesystem;

const std::string kRootsKey(schema::kMetaRoots);

// The database at db_path opened for reading whatever its version; none
// when there is no database there (the writer says why, if it matters).
std::optional<Xapian::Database> open_existing(const std::string& db_path) {
  std::error_code ec;
  if (!fs::exists(db_path, ec)) return std::nullopt;
  try {
    return Xapian::Database(db_path);
  } catch (const Xapian::DatabaseOpeningError&) {
    return std::nullopt;
  } catch (const Xapian::Error& e) {
    throw database_error(e, {db_path, "cannot read the database", Written::kNothing, true});
  }
}

// Whether path was indexed into db, the database at db_path: a root of it,
// or a file indexed at or below it.
bool was_indexed(const std::string& path, const Xapian::Database& db, const std::string& db_path) {
  const std::vector<std::string> roots = read_roots(db);
  if (std::find(roots.begin(), roots.end(), path) != roots.end()) return true;
  for (const auto& [file, stamp] : load_indexed_files(db, db_path)) {
    if (lies_within(file, path)) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> read_roots(const Xapian::Database& db) {
  const std::string value = db.get_metadata(kRootsKey);
  std::vector<std::string> roots;
  std::size_t start = 0;
  for (std::size_t end; (end = value.find('\0', start)) != std::string::npos; start = end + 1) {
    roots.push_back(value.substr(start, end - start));
  }
  return roots;
}

void write_roots(Xapian::WritableDatabase& db, const std::vector<std::string>& roots) {
  std::string value;
  for (const std::string& root : roots) value += root + '\0';
  db.set_metadata(kRootsKey, value);
}

std::vector<std::string> merge_roots(const std::vector<std::string>& stored,
                                     const std::vector<std::string>& given) {
  std::vector<std::string> all = stored;
  all.insert(all.end(), given.begin(), given.end());
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  std::vector<std::string> roots;
  for (const std::string& path : all) {
    const bool covered = std::any_of(all.begin(), all.end(), [&](const std::string& other) {
      return other != path && lies_within(path, other);
    });
    if (!covered) roots.push_back(path);
  }
  return roots;
}

std::vector<std::string> stored_roots(const std::string& db_path) {
  const std::optional<Xapian::Database> db = open_existing(db_path);
  return db ? read_roots(*db) : std::vector<std::string>{};
}

std::vector<std::string> list_roots(const std::string& db_path) {
  return read_roots(open_for_search(db_path));
}

void check_paths_exist(const std::vector<std::string>& paths, const std::string& db_path) {
  std::optional<Xapian::Database> db;
  bool opened = false;
  for (const std::string& given : paths) {
    const std::string path = normal_path(given);
    std::error_code ec;
    if (fs::exists(path, ec)) continue;
    // There but unreadable (a loop of symbolic links, a folder on the way
    // that may not be searched): reported and skipped by the walk.
    if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
      continue;
    }
    if (!opened) {
      try {
        db = open_existing(db_path);
      } catch (const DatabaseError&) {
        // A damaged database knows of no path; opening it to write says why.
      }
      opened = true;
    }
    if (!db || !was_indexed(path, *db, db_path))
      throw InputError(given, 0, 0, "no such file or folder");
  }
}

std::string find_root(const std::string& given, const std::string& db_path) {
  const std::vector<std::string> roots = list_roots(db_path);
  for (const std::string& root : roots) {
    if (root == given || root == normal_path(given)) return root;
  }
  std::string held;
  for (const std::string& root : roots) held += (held.empty() ? "" : ", ") + root;
  throw UsageError("--forget: " + given + " is not a root of " + db_path +
                   (held.empty() ? "; it holds none" : "; its roots: " + held));
}

}  // namespace ns
