#include "indexer/walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <sstream>
#include <system_error>

#include "indexer/ignore.h"

namespace ns {
namespace {

namespace fs = std::filesystem;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Seconds from the Unix epoch to that of std::filesystem's clock, which
// file stamps count from (libstdc++'s starts in 2174): the difference of
// the two clocks' readings, to the second.
std::int64_t file_clock_offset() {
  using namespace std::chrono;
  const auto file_now = fs::file_time_type::clock::now().time_since_epoch();
  const auto system_now = system_clock::now().time_since_epoch();
  return round<seconds>(duration_cast<nanoseconds>(file_now) -
                        duration_cast<nanoseconds>(system_now))
      .count();
}

// The type of entry in the folder dir_fd, following a symbolic link to a
// file: S_IFREG, S_IFDIR or another; 0 when it cannot be told.
mode_t entry_type(int dir_fd, const dirent& entry) {
  switch (entry.d_type) {
    case DT_REG:
      return S_IFREG;
    case DT_DIR:
      return S_IFDIR;
    case DT_LNK: {  // a link to a file counts, one to a folder is not followed
      struct stat st;
      if (::fstatat(dir_fd, entry.d_name, &st, 0) != 0) return 0;
      return S_ISDIR(st.st_mode) ? S_IFLNK : st.st_mode & S_IFMT;
    }
    default: {  // DT_UNKNOWN: a file system that does not say
      struct stat st;
      if (::fstatat(dir_fd, entry.d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) return 0;
      if (S_ISLNK(st.st_mode)) {
        if (::fstatat(dir_fd, entry.d_name, &st, 0) != 0 || S_ISDIR(st.st_mode)) return 0;
      }
      return st.st_mode & S_IFMT;
    }
  }
}

// Added to the error for a folder that cannot be listed.
constexpr const char* kKeptBelow = "; the articles indexed below it are kept";

// One folder walk: what it leaves out, and where its findings go.
struct Walk {
  const std::string& given;  // the PATH walked, as the user wrote it
  const IgnoreRules& rules;
  WalkResult& out;
};

// Adds the article files below the folder dir (absolute, shown to the user
// as shown, relative to the rules' root as rel: all three ending in '/',
// rel empty at the root). readdir rather than std::filesystem's iterator,
// which took several times as long (docs/benchmarks.md): every run walks
// every file.
// False, with errno set, when dir cannot be opened.
bool walk_below(const std::string& dir, const std::string& shown, const std::string& rel,
                const Walk& walk) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return false;
  std::vector<std::string> folders;
  errno = 0;
  while (const dirent* entry = ::readdir(d)) {
    const std::string name = entry->d_name;
    if (name[0] == '.') continue;  // hidden, "." and ".."
    const mode_t type = entry_type(::dirfd(d), *entry);
    if (type == S_IFDIR) {
      if (!walk.rules.ignored(rel + name, true)) folders.push_back(name);
    } else if (type == S_IFREG && is_article_file_name(name) &&
               !walk.rules.ignored(rel + name, false)) {
      walk.out.files.push_back({dir + name, shown + name});
    }
    errno = 0;
  }
  if (errno != 0) {
    // Listed in part: what it held before and was not seen now is kept.
    walk.out.errors.emplace_back(walk.given, 0, 0,
                                 "cannot list " + shown + ": " + std::strerror(errno) + kKeptBelow);
    walk.out.unlisted.push_back(dir.substr(0, dir.size() - 1));
  }
  ::closedir(d);
  for (const std::string& folder : folders) {
    const std::string below = shown + folder + "/";
    // A folder that cannot be read (no permission, an I/O error) is
    // reported, and what was indexed below it kept, as for a file.
    if (!walk_below(dir + folder + "/", below, rel + folder + "/", walk)) {
      walk.out.errors.emplace_back(
          walk.given, 0, 0, "cannot list " + below + ": " + std::strerror(errno) + kKeptBelow);
      walk.out.unlisted.push_back(dir + folder);
    }
  }
  return true;
}

// The rules for a walk of folder: the ignore file of its root, then the
// excludes. Returns the folder's path relative to that root, ending in '/'
// (empty at the root).
std::string load_rules(const std::string& folder, const std::string& given, const WalkRules& rules,
                       IgnoreRules& out, WalkResult& result) {
  std::string root = folder;
  for (const std::string& r : rules.roots) {
    if (lies_within(folder, r)) root = r;
  }
  const std::string file = (fs::path(root) / kIgnoreFile).string();
  std::error_code ec;
  if (fs::exists(file, ec)) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad() || !in.is_open()) {
      result.errors.emplace_back(given, 0, 0, "cannot read " + file + ": " + std::strerror(errno));
    }
    out.add_lines(text.str());
  }
  for (const std::string& line : rules.excludes) out.add(line);
  return root == folder ? "" : folder.substr(root.size() + 1) + "/";
}

// Walks folder (absolute); files are shown under given, the user's spelling.
void walk_folder(const std::string& folder, const std::string& given, const WalkRules& rules,
                 WalkResult& out) {
  auto with_slash = [](const std::string& s) { return s.back() == '/' ? s : s + "/"; };
  IgnoreRules ignore;
  const std::string rel = load_rules(folder, given, rules, ignore, out);
  if (!walk_below(with_slash(folder), with_slash(given), rel, Walk{given, ignore, out})) {
    out.errors.emplace_back(given, 0, 0,
                            std::string("cannot list the folder: ") + std::strerror(errno));
    return;
  }
  out.folders.push_back(folder);
}

// The absolute, normalised form of path: its folder with symbolic links
// resolved, then its own name. Throws nothing.
std::string absolute_path(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec).lexically_normal();
  if (!p.has_filename() && p.has_parent_path()) p = p.parent_path();  // "data/"
  fs::path parent = fs::weakly_canonical(p.parent_path(), ec);
  if (ec || p == p.root_path()) return p.string();
  return (parent / p.filename()).string();
}

}  // namespace

std::vector<std::string> read_path_list(std::istream& in, bool nul_separated) {
  std::vector<std::string> paths;
  std::string path;
  while (std::getline(in, path, nul_separated ? '\0' : '\n')) {
    if (!nul_separated && !path.empty() && path.back() == '\r') path.pop_back();
    if (!path.empty()) paths.push_back(path);
  }
  return paths;
}

bool is_article_file_name(const std::string& name) {
  return ends_with(name, ".md") || ends_with(name, ".markdown") || ends_with(name, ".txt");
}

std::string normal_path(const std::string& path) {
  const std::string absolute = absolute_path(path);
  std::error_code ec;
  if (!fs::is_directory(absolute, ec)) return absolute;
  const std::string canonical = fs::weakly_canonical(absolute, ec).string();
  return ec ? absolute : canonical;
}

bool lies_within(const std::string& path, const std::string& folder) {
  if (path.compare(0, folder.size(), folder) != 0) return false;
  return path.size() == folder.size() || folder == "/" || path[folder.size()] == '/';
}

bool is_folder(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(absolute_path(path), ec);
}

bool stat_file(FileInfo& file) {
  static const std::int64_t offset = file_clock_offset();
  struct stat st;
  if (::stat(file.path.c_str(), &st) != 0) return false;
  file.size = static_cast<std::uint64_t>(st.st_size);
  file.mtime_ns = (std::int64_t{st.st_mtim.tv_sec} + offset) * 1000000000 + st.st_mtim.tv_nsec;
  return true;
}

InputError unreadable(const FileInfo& file) {
  return InputError(file.shown, 0, 0, std::string("cannot read: ") + std::strerror(errno));
}

WalkResult list_files(const std::vector<std::string>& paths, const WalkRules& rules) {
  WalkResult out;
  for (const std::string& given : paths) {
    const std::string path = normal_path(given);
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
      // A loop of symbolic links, a folder on the way that cannot be
      // searched: there, but unreadable; what it held is kept.
      out.errors.emplace_back(given, 0, 0, "cannot read: " + ec.message());
      out.unlisted.push_back(path);
    } else if (ec || !fs::exists(status)) {
      out.missing.push_back({given, path});
    } else if (fs::is_directory(status)) {
      walk_folder(path, given, rules, out);
    } else if (fs::path(path).filename() != kIgnoreFile) {
      out.files.push_back({path, given});
    }
  }
  auto by_path = [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; };
  auto same_path = [](const FileInfo& a, const FileInfo& b) { return a.path == b.path; };
  std::sort(out.files.begin(), out.files.end(), by_path);
  out.files.erase(std::unique(out.files.begin(), out.files.end(), same_path), out.files.end());
  return out;
}

}  // namespace ns
