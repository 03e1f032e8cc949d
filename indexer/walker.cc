#include "indexer/walker.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <istream>
#include <system_error>

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

// The size and modification time (nanoseconds on std::filesystem's clock)
// of the file at path, with one stat call where std::filesystem makes one
// for each. False with errno set when it fails.
bool stat_file(const std::string& path, std::uint64_t& size, std::int64_t& mtime_ns) {
  static const std::int64_t offset = file_clock_offset();
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return false;
  size = static_cast<std::uint64_t>(st.st_size);
  mtime_ns = (std::int64_t{st.st_mtim.tv_sec} + offset) * 1000000000 + st.st_mtim.tv_nsec;
  return true;
}

// A FileInfo for path shown as shown, or an error about it.
void add_file(std::string path, std::string shown, WalkResult& out) {
  FileInfo info{std::move(path), std::move(shown), 0, 0};
  if (!stat_file(info.path, info.size, info.mtime_ns)) {
    out.errors.emplace_back(info.shown, 0, 0, std::string("cannot read: ") + std::strerror(errno));
    return;
  }
  out.files.push_back(std::move(info));
}

// Walks root (absolute); files are shown under given, the user's spelling.
void walk_folder(const fs::path& root, const std::string& given, WalkResult& out) {
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    out.errors.emplace_back(given, 0, 0, "cannot list the folder: " + ec.message());
    return;
  }
  out.folders.push_back(root.string());
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      out.errors.emplace_back(given, 0, 0, "cannot list: " + ec.message());
      break;
    }
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!is_article_file_name(name) || !it->is_regular_file(ec)) continue;
    std::string path = it->path().string();
    std::string shown = (fs::path(given) / path.substr(root.string().size() + 1)).string();
    add_file(std::move(path), std::move(shown), out);
  }
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

std::string absolute_path(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec).lexically_normal();
  if (!p.has_filename() && p.has_parent_path()) p = p.parent_path();  // "data/"
  fs::path parent = fs::weakly_canonical(p.parent_path(), ec);
  if (ec || p == p.root_path()) return p.string();
  return (parent / p.filename()).string();
}

WalkResult collect_files(const std::vector<std::string>& paths) {
  WalkResult out;
  for (const std::string& given : paths) {
    const std::string path = absolute_path(given);
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      out.missing.push_back({given, path});
    } else if (fs::is_directory(status)) {
      walk_folder(fs::weakly_canonical(path, ec), given, out);
    } else {
      add_file(path, given, out);
    }
  }
  auto by_path = [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; };
  auto same_path = [](const FileInfo& a, const FileInfo& b) { return a.path == b.path; };
  std::sort(out.files.begin(), out.files.end(), by_path);
  out.files.erase(std::unique(out.files.begin(), out.files.end(), same_path), out.files.end());
  return out;
}

}  // namespace ns
