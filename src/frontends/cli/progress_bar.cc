#include "frontends/cli/progress_bar.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace becguard::cli {

ProgressBar::ProgressBar(std::size_t total, bool enabled)
    : total_(total),
      enabled_(enabled && isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() { Clear(); }

void ProgressBar::Tick(std::size_t messages) {
  done_ += messages;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  Draw();
}

void ProgressBar::Draw() {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = seconds > 0 ? done_ / seconds : 0;
  if (total_ > 0) {
    constexpr int kWidth = 30;
    const double fraction = std::min(1.0, static_cast<double>(done_) / total_);
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(filled, '#');
    bar.append(kWidth - filled, '.');
    std::fprintf(stderr, "\r[%s] %zu/%zu files  %.0f msg/s ", bar.c_str(), done_, total_, rate);
  } else {
    std::fprintf(stderr, "\r%zu messages  %.0f msg/s ", done_, rate);
  }
  drawn_ = true;
}

void ProgressBar::Clear() {
  if (enabled_ && drawn_) {
    std::fprintf(stderr, "\r\x1b[K");
    drawn_ = false;
  }
}

}  // namespace becguard::cli
