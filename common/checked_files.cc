#include "common/checked_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <vector>

#include "common/schema.h"

namespace ns {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHeader = "ns-checked 1\n";

std::int64_t nanoseconds(const timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

bool is_xapians(const std::string& name) {
  return name == "iamglass" || (name.size() > 6 && name.compare(name.size() - 6, 6, ".glass") == 0);
}

// The lines of file_stats and the latest change time among them.
std::string stat_lines(const std::string& folder, std::int64_t& latest_change) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (is_xapians(name)) names.push_back(name);
  }
  if (ec || std::find(names.begin(), names.end(), "iamglass") == names.end()) return "";
  std::sort(names.begin(), names.end());
  std::string lines;
  latest_change = 0;
  for (const std::string& name : names) {
    struct stat st {};
    if (::stat((fs::path(folder) / name).c_str(), &st) != 0) return "";
    latest_change = std::max(latest_change, nanoseconds(st.st_ctim));
    char line[256];
    std::snprintf(line, sizeof line, " %lld %lld %lld %llu\n",
                  static_cast<long long>(st.st_size), static_cast<long long>(nanoseconds(st.st_mtim)),
                  static_cast<long long>(nanoseconds(st.st_ctim)),
                  static_cast<unsigned long long>(st.st_ino));
    lines += name + line;
  }
  return lines;
}

std::string with_hash(const std::string& stats) {
  return kHeader + stats + "end " + schema::hex_hash(kHeader + stats) + "\n";
}

}  // namespace

std::string file_stats(const std::string& folder) {
  // The coarse clock is what file times are taken from: once it reads past
  // every change time, any later write changes one.
  for (int waits = 0;; ++waits) {
    std::int64_t latest_change = 0;
    const std::string lines = stat_lines(folder, latest_change);
    timespec now {};
    clock_gettime(CLOCK_REALTIME_COARSE, &now);
    if (lines.empty() || nanoseconds(now) > latest_change || waits == 100) return lines;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

std::string remembered_stats(const std::string& folder) {
  const int fd = ::open((fs::path(folder) / kCheckedFile).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return "";
  std::string text;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0 && text.size() < 65536;) text.append(buf, n);
  ::close(fd);
  if (text.compare(0, std::string(kHeader).size(), kHeader) != 0) return "";
  const std::size_t end = text.rfind("end ");
  if (end == std::string::npos) return "";
  const std::string stats = text.substr(std::string(kHeader).size(), end - std::string(kHeader).size());
  return text == with_hash(stats) ? stats : "";
}

bool remember_stats(const std::string& folder, const std::string& stats) {
  // Written in place, in one write: a reader meanwhile, or two writers at
  // once, leave a text whose hash fails, which is only a check more.
  const int fd = ::open((fs::path(folder) / kCheckedFile).c_str(),
                        O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return false;
  const std::string text = with_hash(stats);
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  return ::close(fd) == 0 && written;
}

}  // namespace ns
