#include "indexer/part_writers.h"

#include <filesystem>
#include <system_error>

#include "common/database.h"

namespace ns {
namespace {

constexpr std::size_t kQueued = 16;  // files waiting for each writer

}  // namespace

struct PartWriters::Part {
  Part(std::string p, std::size_t commit_every)
      : path(std::move(p)), db(open_for_index(path, true)), queue(kQueued) {
    thread = std::thread([this, commit_every] { run(commit_every); });
  }

  void run(std::size_t commit_every) {
    try {
      std::size_t since_commit = 0;
      while (std::optional<PreparedFile> file = queue.pop()) {
        if (!file->displaced.empty()) db.delete_document(file->displaced);
        if (!file->file) continue;  // only a deletion
        db.add_document(file->doc);
        for (const IdDocument& related : file->related) db.add_document(related.doc);
        if (++since_commit == commit_every) {
          db.commit();
          since_commit = 0;
        }
      }
      db.commit();
      db.close();
    } catch (...) {
      failure = std::current_exception();
      queue.close();
    }
  }

  void stop() {
    queue.close();
    if (thread.joinable()) thread.join();
  }

  std::string path;
  Xapian::WritableDatabase db;
  BoundedQueue<PreparedFile> queue;
  std::thread thread;
  std::exception_ptr failure;
};

PartWriters::PartWriters(const std::string& base, std::size_t count, std::size_t commit_every) {
  for (std::size_t i = 0; i < count; ++i) {
    std::error_code ec;
    const std::string path = base + "." + std::to_string(i);
    std::filesystem::remove_all(path, ec);
    parts_.push_back(std::make_unique<Part>(path, commit_every));
  }
}

PartWriters::~PartWriters() {
  for (auto& part : parts_) {
    part->stop();
    std::error_code ec;
    std::filesystem::remove_all(part->path, ec);
  }
}

void PartWriters::rethrow(Part& part) {
  part.stop();
  if (part.failure) std::rethrow_exception(part.failure);
}

void PartWriters::write(PreparedFile file) {
  Part& part = *parts_[next_];
  next_ = (next_ + 1) % parts_.size();
  if (!file.displaced.empty()) {
    for (auto& other : parts_) {
      if (other.get() == &part) continue;
      PreparedFile deletion;
      deletion.displaced = file.displaced;
      if (!other->queue.push(std::move(deletion))) rethrow(*other);
    }
  }
  if (!part.queue.push(std::move(file))) rethrow(part);
}

std::vector<std::string> PartWriters::finish() {
  std::vector<std::string> paths;
  for (auto& part : parts_) {
    rethrow(*part);
    paths.push_back(part->path);
  }
  return paths;
}

}  // namespace ns
