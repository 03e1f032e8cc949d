// The live progress line ns-index draws on a terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>

namespace ns {

class Progress {
 public:
  // Draws on out; a null out draws nothing.
  Progress(std::ostream* out, std::size_t total_files);

  // Redraws "files done/total, articles/s, time left", at most ten times a
  // second.
  void update(std::size_t files_done, std::size_t articles);

  // Clears the line, so the summary starts on a clean one.
  void finish();

 private:
  std::ostream* out_;
  std::size_t total_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

}  // namespace ns
