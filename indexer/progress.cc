#include "indexer/progress.h"

#include <cstdio>
#include <ostream>

namespace ns {

namespace {
using Clock = std::chrono::steady_clock;
}  // namespace

Progress::Progress(std::ostream* out, std::size_t total_files)
    : out_(out), total_(total_files), start_(Clock::now()) {}

void Progress::update(std::size_t files_done, std::size_t articles) {
  if (!out_) return;
  const Clock::time_point now = Clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? articles / seconds : 0;
  const double files_rate = seconds > 0 ? files_done / seconds : 0;
  const double left = files_rate > 0 ? (total_ - files_done) / files_rate : 0;
  char line[160];
  std::snprintf(line, sizeof line, "\r\033[Kns-index: %zu/%zu files, %.0f articles/s, %.0f s left",
                files_done, total_, rate, left);
  *out_ << line << std::flush;
}

void Progress::finish() {
  if (out_ && drawn_) *out_ << "\r\033[K" << std::flush;
}

}  // namespace ns
