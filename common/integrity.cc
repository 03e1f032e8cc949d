#include "common/integrity.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "common/checked_files.h"
#include "common/errors.h"
#include "common/schema.h"
#include "common/shards.h"
#include "common/stop_signal.h"

namespace ns {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRebuild = "; rebuild it with ns-index --rebuild";

DatabaseError damaged(const std::string& path, const std::string& what) {
  return DatabaseError(path + ": the database is damaged: " + what + kRebuild);
}

// The message the crash handler writes, made before any crash: a signal
// handler may not allocate.
char crash_message[4096];
std::size_t crash_length = 0;

void on_crash(int signal) {
  (void)!::write(STDERR_FILENO, crash_message, crash_length);
  const char* name = signal == SIGSEGV ? "SIGSEGV" : signal == SIGBUS ? "SIGBUS" : "SIGFPE";
  (void)!::write(STDERR_FILENO, name, std::strlen(name));
  (void)!::write(STDERR_FILENO, ")", 1);
  (void)!::write(STDERR_FILENO, kRebuild, std::strlen(kRebuild));
  (void)!::write(STDERR_FILENO, "\n", 1);
  ::_exit(2);
}

// The local database folders at path: itself, or the shards a sharded
// folder holds.
std::vector<std::string> local_folders(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(fs::path(path) / kStubFile, ec)) return {path};
  std::vector<std::string> folders;
  for (unsigned k = 0;; ++k) {
    const fs::path shard = fs::path(path) / shard_folder(k);
    if (!fs::is_directory(shard, ec)) break;
    folders.push_back(shard.string());
  }
  return folders;
}

// The bytes of the version file, which every commit rewrites.
std::string version_file(const std::string& folder) {
  std::ifstream in(fs::path(folder) / "iamglass", std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// "NAME is missing" when db holds documents but a table ns writes with
// them is not in folder.
std::optional<std::string> missing_table(const std::string& folder, const Xapian::Database& db) {
  if (db.get_doccount() == 0) return std::nullopt;
  std::error_code ec;
  for (const char* table : {"postlist", "termlist", "docdata", "position"}) {
    const std::string name = std::string(table) + ".glass";
    if (!fs::exists(fs::path(folder) / name, ec)) return name + " is missing";
  }
  return std::nullopt;
}

// What Xapian's check finds wrong with the database folder, if anything.
std::optional<std::string> check_folder(const std::string& folder) {
  std::ostringstream found;  // Xapian's report, read only for its last line
  try {
    const std::size_t errors = Xapian::Database::check(folder, 0, &found);
    if (errors > 0) {
      std::string report = found.str();
      while (!report.empty() && report.back() == '\n') report.pop_back();
      const std::size_t last = report.rfind('\n');
      return std::to_string(errors) + " errors found by Xapian's check (" +
             report.substr(last == std::string::npos ? 0 : last + 1) + ")";
    }
    const Xapian::Database db(folder);
    // An ns database of this schema: others are refused as such when opened.
    if (db.get_metadata(std::string(schema::kMetaSchemaVersion)) ==
        std::to_string(schema::kSchemaVersion)) {
      return missing_table(folder, db);
    }
  } catch (const Xapian::Error& e) {
    std::string what = e.get_msg();
    if (e.get_error_string()) what += std::string(" (") + e.get_error_string() + ")";
    return what;
  }
  return std::nullopt;
}

// The seconds Xapian's check may take over folder: kCheckSeconds and 1 s
// for each 10 MB of its files (it reads about 140 MB a second here, warm);
// NS_CHECK_SECONDS replaces it.
double check_deadline(const std::string& folder) {
  if (const char* set = std::getenv("NS_CHECK_SECONDS")) return std::atof(set);
  std::uintmax_t bytes = 0;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) bytes += it->file_size(size_ec);
  }
  return kCheckSeconds + static_cast<double>(bytes) / 10e6;
}

// The child's side: check_folder's finding on fd ("F" and what, or "S"),
// with nothing on stderr (a sanitizer's report on a damaged block goes
// nowhere: the parent reports the damage). Never returns.
[[noreturn]] void check_in_child(const std::string& folder, int fd, pid_t parent) {
  // Killed with the parent (Ctrl-C, kill): no check runs on, unwatched.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(1);
  const int null = ::open("/dev/null", O_WRONLY);
  if (null >= 0) ::dup2(null, STDERR_FILENO);
  for (int signal : {SIGSEGV, SIGBUS, SIGFPE}) ::signal(signal, SIG_DFL);
  const std::optional<std::string> fault = check_folder(folder);
  const std::string out = fault ? "F" + *fault : "S";
  for (std::size_t done = 0; done < out.size();) {
    const ssize_t n = ::write(fd, out.data() + done, out.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::_exit(0);
}

// How reading the child's finding ended.
enum class ChildRead { kDone, kLate, kStopped };

// Reads what the child pid writes on fd until it closes it, seconds pass
// (kLate) or a stop signal comes (kStopped, seen within 100 ms); the child
// is killed unless done.
ChildRead read_child(pid_t pid, int fd, double seconds, std::string& out) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  for (;;) {
    if (stop_signal() != 0) {
      ::kill(pid, SIGKILL);
      return ChildRead::kStopped;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{fd, POLLIN, 0};
    const int slice = static_cast<int>(std::min<std::int64_t>(left.count(), 100));
    const int ready = slice > 0 ? ::poll(&p, 1, slice) : 0;
    if ((ready < 0 && errno == EINTR) || (ready == 0 && left.count() > 100)) continue;
    if (ready <= 0) {
      ::kill(pid, SIGKILL);
      return ChildRead::kLate;
    }
    char buf[4096];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return ChildRead::kDone;
    out.append(buf, static_cast<std::size_t>(n));
  }
}

// check_folder(folder) run in a child process with a deadline: what it
// finds, or that it crashed, failed or ran out of time.
std::optional<std::string> check_folder_apart(const std::string& folder) {
  const double seconds = check_deadline(folder);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return check_folder(folder);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return check_folder(folder);
  }
  if (pid == 0) check_in_child(folder, fds[1], parent);
  ::close(fds[1]);
  std::string out;
  const ChildRead read = read_child(pid, fds[0], seconds, out);
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (read == ChildRead::kStopped) throw_if_stopped(folder, "Xapian's check read the database");
  if (read == ChildRead::kLate) {
    char limit[32];
    std::snprintf(limit, sizeof limit, "%.3g", seconds);
    return std::string("Xapian's check did not finish within ") + limit + " s";
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !out.empty()) {
    if (out[0] == 'S') return std::nullopt;
    return out.substr(1);
  }
  if (WIFSIGNALED(status)) {
    const char* name = strsignal(WTERMSIG(status));
    return std::string("Xapian's check crashed (") + (name ? name : "a signal") + ")";
  }
  return "Xapian's check failed (exit status " + std::to_string(WEXITSTATUS(status)) + ")";
}

// Checks the local folders of the database at path, each at most once
// while its files stay as remembered when trust_remembered is set.
void check_folders(const std::string& path, bool trust_remembered) {
  for (const std::string& folder : local_folders(path)) {
    check_table_files(folder);
    std::error_code ec;
    if (!fs::exists(fs::path(folder) / "iamglass", ec)) continue;  // no database: said when opened
    const std::string before = file_stats(folder);
    if (trust_remembered && !before.empty() && remembered_stats(folder) == before) continue;
    // A commit by a writer meanwhile can make a sound database look
    // damaged: the check is run again on the new revision.
    for (int attempt = 0;; ++attempt) {
      const std::string version = version_file(folder);
      const std::optional<std::string> fault = check_folder_apart(folder);
      if (!fault) break;
      if (attempt == 3 || version_file(folder) == version) throw damaged(folder, *fault);
    }
    if (!before.empty() && file_stats(folder) == before) remember_stats(folder, before);
  }
}

}  // namespace

void check_table_files(const std::string& path) {
  std::error_code ec;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const bool xapians = name == "iamglass" || name == "flintlock" ||
                         (name.size() > 6 && name.compare(name.size() - 6, 6, ".glass") == 0);
    std::error_code type_ec;
    if (xapians && !it->is_regular_file(type_ec)) {
      throw damaged(path, name + " is not a regular file");
    }
  }
  // Xapian makes these two with every database (the others when first
  // written), and opened for writing without one starts it anew.
  if (!fs::exists(fs::path(path) / "iamglass", ec)) return;
  for (const char* table : {"postlist.glass", "termlist.glass"}) {
    if (!fs::exists(fs::path(path) / table, ec))
      throw damaged(path, std::string(table) + " is missing");
  }
}

void check_tables_present(const std::string& path, const Xapian::Database& db) {
  if (const std::optional<std::string> missing = missing_table(path, db))
    throw damaged(path, *missing);
}

void check_integrity(const std::string& path) { check_folders(path, false); }

void check_integrity_once(const std::string& path) { check_folders(path, true); }

void remember_sound(const std::string& path) {
  for (const std::string& folder : local_folders(path)) {
    const std::string stats = file_stats(folder);
    if (!stats.empty()) remember_stats(folder, stats);
  }
}

void report_crash_as_damage(const char* prog, const std::string& path) {
  const std::string message =
      std::string(prog) + ": " + path + ": the database is damaged: reading it crashed Xapian (";
  crash_length = std::min(message.size(), sizeof crash_message);
  std::memcpy(crash_message, message.data(), crash_length);
  // Its own stack: the crash may be a stack overflow.
  static char alt_stack[64 * 1024];
  stack_t ss{};
  ss.ss_sp = alt_stack;
  ss.ss_size = sizeof alt_stack;
  ::sigaltstack(&ss, nullptr);
  struct sigaction action {};
  action.sa_handler = on_crash;
  action.sa_flags = SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  for (int signal : {SIGSEGV, SIGBUS, SIGFPE}) ::sigaction(signal, &action, nullptr);
}

}  // namespace ns
