// ProgressBar: a one-line progress display on stderr for long runs; silent when stderr is not a
// terminal. Redraws at most ten times a second. Single-threaded use.
#pragma once

#include <chrono>
#include <cstddef>

namespace becguard::cli {

class ProgressBar {
 public:
  // total = 0 when unknown (mbox, stdin): shows a count and a rate only.
  ProgressBar(std::size_t total, bool enabled);
  ~ProgressBar();

  void Tick(std::size_t messages = 1);
  // Erases the line so that other output can follow.
  void Clear();

 private:
  void Draw();
  std::size_t total_;
  std::size_t done_ = 0;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace becguard::cli
