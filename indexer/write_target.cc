#include "indexer/write_target.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "common/database.h"
#include "common/errors.h"

namespace ns {
namespace {

namespace fs = std::filesystem;

Xapian::WritableDatabase open_waiting(const std::string& path, bool rebuild, bool wait) {
  for (;;) {
    try {
      return open_for_index(path, rebuild);
    } catch (const DatabaseLockedError&) {
      if (!wait) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
}

}  // namespace

WriteTarget::WriteTarget(const std::string& path, bool rebuild, bool wait) : path_(path) {
  std::error_code ec;
  if (rebuild && fs::exists(path, ec)) {
    // Lock the old database so no other ns-index writes to it meanwhile;
    // its version may differ, so open it as a plain Xapian database.
    for (;;) {
      try {
        old_.emplace(path, Xapian::DB_OPEN);
        break;
      } catch (const Xapian::DatabaseLockError&) {
        if (!wait) {
          throw DatabaseLockedError(path);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      } catch (const Xapian::Error&) {
        break;  // damaged or foreign: nothing to protect from other writers
      }
    }
    temp_path_ = path + ".rebuild-" + std::to_string(getpid());
    fs::remove_all(temp_path_, ec);
    db_ = open_waiting(temp_path_, true, wait);
  } else {
    db_ = open_waiting(path, rebuild, wait);
  }
}

WriteTarget::~WriteTarget() {
  if (!done_) abandon();
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
