#include "common/integrity.h"

#include <signal.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "common/errors.h"
#include "common/schema.h"
#include "common/shards.h"

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

void check_integrity(const std::string& path) {
  for (const std::string& folder : local_folders(path)) {
    check_table_files(folder);
    // A commit by a writer meanwhile can make a sound database look
    // damaged: the check is run again on the new revision.
    for (int attempt = 0;; ++attempt) {
      const std::string before = version_file(folder);
      const std::optional<std::string> fault = check_folder(folder);
      if (!fault) break;
      if (attempt == 3 || version_file(folder) == before) throw damaged(folder, *fault);
    }
  }
}

void check_integrity_if_small(const std::string& path) {
  std::uintmax_t bytes = 0;
  std::error_code ec;
  if (!fs::exists(fs::path(path) / "iamglass", ec)) return;  // no database: said when opened
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) bytes += it->file_size(size_ec);
  }
  if (bytes <= kCheckOnOpenBytes) check_integrity(path);
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
