#include "indexer/write_target.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

#include "common/database.h"
#include "common/errors.h"
#include "common/integrity.h"
#include "common/stop_signal.h"
#include "indexer/stale_parts.h"

namespace ns {
namespace {

namespace fs = std::filesystem;

// Calls open() until it stops throwing DatabaseLockedError, every 200 ms
// with wait until a stop signal (Stopped, naming path); without, the first
// such error is thrown.
template <typename Open>
auto retry_while_locked(const std::string& path, bool wait, Open open) {
  for (;;) {
    try {
      return open();
    } catch (const DatabaseLockedError&) {
      if (!wait) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      throw_if_stopped(path, "waiting for another ns-index to finish");
    }
  }
}

// Opens the database at path only to hold its write lock; its version may
// differ, so as a plain Xapian database. Returns nothing when it is
// damaged or foreign: there is no writer to keep out then.
std::optional<Xapian::WritableDatabase> lock_existing(const std::string& path) {
  try {
    check_table_files(path);
  } catch (const DatabaseError&) {
    return std::nullopt;
  }
  try {
    return Xapian::WritableDatabase(path, Xapian::DB_OPEN);
  } catch (const Xapian::DatabaseLockError& e) {
    if (is_held_by_another(e)) throw DatabaseLockedError(path);
    throw database_error(e, {path, "cannot lock the database"});
  } catch (const Xapian::Error&) {
    return std::nullopt;
  }
}

}  // namespace

WriteTarget::WriteTarget(const std::string& path, bool rebuild, unsigned shards, bool wait)
    : path_(path) {
  std::error_code ec;
  const bool existed = fs::exists(path, ec);
  if (rebuild) {
    check_replaceable(path);  // the swap deletes what was there
    // Lock the old database so no other ns-index writes to it meanwhile.
    old_ = retry_while_locked(path, wait, [&]() -> std::optional<Xapian::WritableDatabase> {
      if (fs::exists(path, ec)) return lock_existing(path);
      // Committed now: closed after the swap, it must have nothing to write.
      Xapian::WritableDatabase empty = open_for_index(path, false);
      empty.commit();
      return empty;
    });
    remove_stale_parts(path, existed);  // with the lock held, when the database had one
    // A damaged database is rebuilt all the same, without what it knew.
    if (existed) {
      try {
        check_integrity_once(path);
      } catch (const DatabaseError& e) {
        previous_damage_ = e.what();
      }
    }
    if (shards == 0 && old_) shards = static_cast<unsigned>(old_->size());
    temp_path_ = path + ".rebuild-" + std::to_string(getpid());
    fs::remove_all(temp_path_, ec);
    try {
      db_ =
          retry_while_locked(path, wait, [&] { return open_for_index(temp_path_, true, shards); });
    } catch (const DatabaseLockedError&) {
      fs::remove_all(temp_path_, ec);  // no destructor runs: leave nothing behind
      throw;
    } catch (const DatabaseError& e) {
      fs::remove_all(temp_path_, ec);
      throw DatabaseError(path + ": the rebuild could not start: " + e.what() +
                          "; the old database is kept as it was");
    }
  } else {
    db_ = retry_while_locked(path, wait, [&] { return open_for_index(path, false, shards); });
    remove_stale_parts(path, existed);
  }
}

WriteTarget::~WriteTarget() {
  if (!done_) abandon();
}

void WriteTarget::merge(const std::vector<std::string>& parts) {
  try {
    db_.close();
    std::error_code ec;
    fs::remove_all(temp_path_, ec);
    Xapian::Database all;
    for (const std::string& part : parts) all.add_database(Xapian::Database(part));
    all.compact(temp_path_);
    db_ = Xapian::WritableDatabase(temp_path_, Xapian::DB_OPEN);
  } catch (const Xapian::Error& e) {
    throw database_error(e, {path_, "merging the parts of the rebuild failed", Written::kBeside});
  }
}

void WriteTarget::commit() {
  db_.commit();
  remember_sound(temp_path_.empty() ? path_ : temp_path_);
}

void WriteTarget::finish() {
  try {
    commit();
    db_.close();
  } catch (const Xapian::Error& e) {
    throw database_error(
        e, {path_, "writing failed", temp_path_.empty() ? Written::kInPlace : Written::kBeside});
  }
  done_ = true;
  if (temp_path_.empty()) return;
  swap_in();
  if (old_) old_->close();
  std::error_code ec;
  fs::remove_all(temp_path_, ec);  // now the old database
}

// Puts the rebuilt database at path_ and the old one at temp_path_ in one
// step, so that a search opening path_ meanwhile finds one or the other.
// Where the file system cannot exchange them, two renames leave path_
// missing for a moment.
void WriteTarget::swap_in() {
  if (renameat2(AT_FDCWD, temp_path_.c_str(), AT_FDCWD, path_.c_str(), RENAME_EXCHANGE) == 0) {
    return;
  }
  const std::string retired = path_ + ".old-" + std::to_string(getpid());
  std::error_code ec;
  fs::rename(path_, retired, ec);
  if (ec) throw DatabaseError(path_ + ": cannot move the old database aside: " + ec.message());
  fs::rename(temp_path_, path_, ec);
  if (ec) {
    fs::rename(retired, path_, ec);
    throw DatabaseError(path_ + ": cannot move the rebuilt database into place");
  }
  fs::rename(retired, temp_path_, ec);
}

void WriteTarget::abandon() {
  done_ = true;
  try {
    if (temp_path_.empty()) {
      db_.commit();
      db_.close();
      return;
    }
    db_.close();
  } catch (const Xapian::Error&) {
    // Nothing more can be saved; the last commit stands.
  }
  std::error_code ec;
  fs::remove_all(temp_path_, ec);
}

}  // namespace ns
