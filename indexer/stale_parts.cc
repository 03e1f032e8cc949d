#include "indexer/stale_parts.h"

#include <signal.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

namespace ns {
namespace {

namespace fs = std::filesystem;

// The PID in name when it is base + ".KIND-PID" or base + ".part-PID.N",
// else 0.
long work_folder_pid(const std::string& name, const std::string& base) {
  if (name.compare(0, base.size() + 1, base + ".") != 0) return 0;
  const std::string rest = name.substr(base.size() + 1);
  for (const char* kind : {"part-", "rebuild-", "plan-", "old-"}) {
    const std::string prefix = kind;
    if (rest.compare(0, prefix.size(), prefix) != 0) continue;
    std::size_t end = prefix.size();
    long pid = 0;
    while (end < rest.size() && rest[end] >= '0' && rest[end] <= '9' && pid < 100000000) {
      pid = pid * 10 + (rest[end++] - '0');
    }
    if (end == prefix.size()) return 0;
    const bool part_number = prefix == "part-" && end + 1 < rest.size() && rest[end] == '.' &&
                             rest.find_first_not_of("0123456789", end + 1) == std::string::npos;
    return end == rest.size() || part_number ? pid : 0;
  }
  return 0;
}

bool process_gone(long pid) { return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH; }

}  // namespace

std::vector<std::string> remove_stale_parts(const std::string& path, bool db_was_there) {
  std::vector<std::string> removed;
  const fs::path db = fs::path(path).lexically_normal();
  const std::string base =
      db.has_filename() ? db.filename().string() : db.parent_path().filename().string();
  fs::path folder = db.has_filename() ? db.parent_path() : db.parent_path().parent_path();
  if (folder.empty()) folder = ".";
  std::error_code ec;
  // Killed between the two renames of a swap (write_target.cc), the run
  // left the database only as DB.old-PID and DB.rebuild-PID: kept then.
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const long pid = work_folder_pid(name, base);
    if (pid <= 0 || !process_gone(pid)) continue;
    const bool swapping =
        name.find(".old-") != std::string::npos || name.find(".rebuild-") != std::string::npos;
    if (swapping && !db_was_there) continue;
    std::error_code remove_ec;
    fs::remove_all(it->path(), remove_ec);
    if (!remove_ec) removed.push_back(it->path().string());
  }
  return removed;
}

}  // namespace ns
