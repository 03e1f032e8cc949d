// --since-last NAME: the mark of a saved search, a small state file of the
// user's, so that a search run again and again (cron) lists each new
// article once. The mark is a database revision (schema::kMetaRevision):
// the articles first seen after it are new.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ns {

// The folder of ns's state files: $XDG_STATE_HOME/ns, else
// $HOME/.local/state/ns (an empty or relative XDG_STATE_HOME counts as
// unset). Throws UsageError when neither variable is set.
std::string state_dir();

// Refuses a NAME that is not a plain file name: empty, longer than 100
// bytes, holding "/", a control character or NUL, or starting with ".".
// Throws UsageError saying what a NAME may be.
void check_since_last_name(const std::string& name);

// The state of one NAME, locked from construction to destruction: a second
// run of the same NAME waits until the first is done, then reads the mark
// it saved, so both never list the same article.
class SinceLast {
 public:
  // Creates the folder (and its parents) mode 0700 if need be, locks
  // NAME's lock file (flock, 0600) and reads NAME's state. Throws
  // UsageError for a bad name (check_since_last_name), Error when the
  // folder or files cannot be made, read or locked, or hold something else.
  SinceLast(const std::string& name, const std::string& db_path);
  ~SinceLast();
  SinceLast(const SinceLast&) = delete;
  SinceLast& operator=(const SinceLast&) = delete;

  // The revision the last run of NAME stopped at over this database;
  // nothing on the first run, or when the last run was over another
  // database (then reason says so, for a warning).
  std::optional<std::uint64_t> mark() const { return mark_; }
  const std::string& reason() const { return reason_; }

  // Saves revision as NAME's mark: written to a new file (0600), flushed
  // to disk and renamed over the old one, so a crash leaves one or the
  // other whole. Throws Error.
  void save(std::uint64_t revision, std::int64_t now);

 private:
  std::string path_;     // the state file
  std::string db_path_;  // absolute
  int lock_fd_ = -1;
  std::optional<std::uint64_t> mark_;
  std::string reason_;
};

}  // namespace ns
