#include "indexer/walker.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace ns {
namespace {

namespace fs = std::filesystem;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void walk_folder(const fs::path& root, WalkResult& out) {
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    out.errors.emplace_back(root.string(), 0, 0, "cannot list the folder: " + ec.message());
    return;
  }
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      out.errors.emplace_back(it->path().string(), 0, 0, "cannot list: " + ec.message());
      ec.clear();
      continue;
    }
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && is_article_file_name(name))
      out.files.push_back(it->path().string());
  }
}

}  // namespace

bool is_article_file_name(const std::string& name) {
  return ends_with(name, ".md") || ends_with(name, ".markdown") || ends_with(name, ".txt");
}

WalkResult collect_files(const std::vector<std::string>& paths) {
  WalkResult out;
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      out.errors.emplace_back(path, 0, 0, "no such file or folder");
    } else if (fs::is_directory(status)) {
      walk_folder(path, out);
    } else {
      out.files.push_back(path);
    }
  }
  std::sort(out.files.begin(), out.files.end());
  out.files.erase(std::unique(out.files.begin(), out.files.end()), out.files.end());
  return out;
}

}  // namespace ns
