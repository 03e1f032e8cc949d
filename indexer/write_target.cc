#include "indexer/write_target.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

#include "common/database.h"
#include "common/errors.h"

namespace ns {
namespace {

namespace fs = std::filesystem;

// Calls open() until it stops throwing DatabaseLockedError, every 200 ms
// with wait; without, the first such error is thrown.
template <typename Open>
auto retry_while_locked(bool wait, Open open) {
  for (;;) {
    try {
      return open();
    } catch (const DatabaseLockedError&) {
      if (!wait) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
}

// Opens the database at path only to hold its write lock; its version may
// differ, so as a plain Xapian database. Returns nothing when it is
// damaged or foreign: there is no writer to keep out then.
std::optional<Xapian::WritableDatabase> lock_existing(const std::string& path) {
  try {
    return Xapian::WritableDatabase(path, Xapian::DB_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw DatabaseLockedError(path);
  } catch (const Xapian::Error&) {
    return std::nullopt;
  }
}

}  // namespace

WriteTarget::WriteTarget(const std::string& path, bool rebuild, unsigned shards, bool wait)
    : path_(path) {
  std::error_code ec;
  if (rebuild) {
    // Lock the old database so no other ns-index writes to it meanwhile.
    old_ = retry_while_locked(wait, [&]() -> std::optional<Xapian::WritableDatabase> {
      if (fs::exists(path, ec)) return lock_existing(path);
      // Committed now: closed after the swap, it must have nothing to write.
      Xapian::WritableDatabase empty = open_for_index(path, false);
      empty.commit();
      return empty;
    });
    if (shards == 0 && old_) shards = static_cast<unsigned>(old_->size());
    temp_path_ = path + ".rebuild-" + std::to_string(getpid());
    fs::remove_all(temp_path_, ec);
    db_ = retry_while_locked(wait, [&] { return open_for_index(temp_path_, true, shards); });
  } else {
    db_ = retry_while_locked(wait, [&] { return open_for_index(path, false, shards); });
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
    throw DatabaseError(path_ + ": merging the parts of the rebuild failed: " + e.get_msg());
  }
}

void WriteTarget::finish() {
  try {
    db_.commit();
    db_.close();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(path_ + ": writing failed: " + e.get_msg());
  }
  done_ = true;
  if (temp_path_.empty()) return;
  const std::string retired = path_ + ".old-" + std::to_string(getpid());
  std::error_code ec;
  fs::rename(path_, retired, ec);
  if (ec) throw DatabaseError(path_ + ": cannot move the old database aside: " + ec.message());
  fs::rename(temp_path_, path_, ec);
  if (ec) {
    fs::rename(retired, path_, ec);
    throw DatabaseError(path_ + ": cannot move the rebuilt database into place");
  }
  if (old_) old_->close();
  fs::remove_all(retired, ec);
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
