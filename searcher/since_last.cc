#include "searcher/since_last.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/datetime.h"
#include "common/errors.h"
#include "common/printable.h"

namespace ns {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHeader = "ns since-last 1";
constexpr std::size_t kMaxNameBytes = 100;

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

Error system_error(const std::string& path, const char* doing) {
  return Error("--since-last: " + path + ": cannot " + doing + ": " + std::strerror(errno));
}

// mkdir -p, each folder made here mode 0700 (the XDG base directory
// specification's for its folders).
void make_private_dirs(const fs::path& dir) {
  if (dir.empty() || fs::is_directory(dir)) return;
  make_private_dirs(dir.parent_path());
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    throw system_error(dir.string(), "create the folder");
  }
}

}  // namespace

std::string state_dir() {
  if (std::string xdg = env("XDG_STATE_HOME"); !xdg.empty() && xdg.front() == '/') {
    return xdg + "/ns";
  }
  if (std::string home = env("HOME"); !home.empty()) return home + "/.local/state/ns";
  throw UsageError("--since-last: no folder for its state: set XDG_STATE_HOME or HOME");
}

void check_since_last_name(const std::string& name) {
  bool bad = name.empty() || name.size() > kMaxNameBytes || name.front() == '.';
  for (unsigned char c : name) bad = bad || c == '/' || c < 0x20 || c == 0x7f;
  if (bad) {
    throw UsageError("--since-last: a NAME names a file of its own: 1 to 100 bytes, no \"/\" or "
                     "control characters, not starting with \".\" (sensetime, vaccines-daily); "
                     "got \"" + printable(name) + "\"");
  }
}

SinceLast::SinceLast(const std::string& name, const std::string& db_path) {
  check_since_last_name(name);
  std::error_code ec;
  db_path_ = fs::absolute(db_path, ec).lexically_normal().string();
  const fs::path dir = fs::path(state_dir()) / "since-last";
  make_private_dirs(dir);
  path_ = (dir / name).string();
  const std::string lock = path_ + ".lock";
  lock_fd_ = open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd_ < 0) throw system_error(lock, "open the lock file");
  while (flock(lock_fd_, LOCK_EX) != 0) {
    if (errno != EINTR) throw system_error(lock, "lock");
  }
  std::ifstream in(path_);
  if (!in) return;  // the first run of NAME
  std::string header, db_line, revision_line;
  std::getline(in, header);
  std::getline(in, db_line);
  std::getline(in, revision_line);
  const std::string digits =
      revision_line.rfind("revision ", 0) == 0 ? revision_line.substr(9) : std::string();
  if (header != kHeader || db_line.rfind("db ", 0) != 0 || digits.empty() ||
      digits.size() > 19 || digits.find_first_not_of("0123456789") != std::string::npos) {
    throw Error("--since-last: " + path_ +
                ": not a state file of ns-search (delete it to start NAME afresh)");
  }
  if (db_line.substr(3) != db_path_) {
    reason_ = "its last run searched " + db_line.substr(3);
    return;
  }
  mark_ = std::stoull(digits);
}

SinceLast::~SinceLast() {
  if (lock_fd_ >= 0) close(lock_fd_);  // and with it the lock
}

void SinceLast::save(std::uint64_t revision, std::int64_t now) {
  std::ostringstream text;
  text << kHeader << "\ndb " << db_path_ << "\nrevision " << revision << "\nsaved "
       << format_iso8601(now) << "\n";
  const std::string content = text.str();
  const std::string temp = path_ + ".new";  // only the lock holder writes it
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw system_error(temp, "create");
  const bool written = write(fd, content.data(), content.size()) ==
                           static_cast<ssize_t>(content.size()) &&
                       fsync(fd) == 0;
  const int error = errno;
  close(fd);
  errno = error;
  if (!written) throw system_error(temp, "write");
  if (rename(temp.c_str(), path_.c_str()) != 0) throw system_error(path_, "replace");
  const int dir = open(fs::path(path_).parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    fsync(dir);
    close(dir);
  }
}

}  // namespace ns
