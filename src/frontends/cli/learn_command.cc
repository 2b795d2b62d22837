// becguard learn: teaches the store a mailbox history (mbox, Maildir, .eml directories).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "frontends/cli/commands.h"
#include "frontends/cli/message_source.h"
#include "frontends/cli/progress_bar.h"

namespace becguard::cli {
namespace {

// Messages per transaction (about 1-3 MB of mail held at once).
constexpr std::size_t kLearnBatch = 500;

}  // namespace

int RunLearn(const Engine& engine, const LearnOptions& options) {
  if (!engine.has_store()) {
    std::cerr << "becguard learn: no store configured (use --store PATH or [store] location)\n";
    return kExitUsageError;
  }
  MessageSource source(options.inputs, options.max_file_bytes, options.follow_symlinks);
  const std::size_t total = options.progress ? source.CountFiles() : 0;
  ProgressBar progress(total, options.progress && total > 50);
  std::size_t learned = 0, failed = 0;
  bool input_error = false;
  const auto start = std::chrono::steady_clock::now();
  // Messages are learned in input order (history order matters: first seen, thread roots), a
  // batch per transaction: a commit costs far more than a message's rows, and a crash loses at
  // most the open batch.
  const int jobs = options.jobs > 0
                       ? options.jobs
                       : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::vector<RawMessage> batch;
  auto flush = [&] {
    if (batch.empty()) return;
    // Parsing is most of the cost and runs on all threads; the store is written once per
    // batch, in input order.
    std::vector<std::shared_ptr<const Lesson>> lessons(batch.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i = next++; i < batch.size(); i = next++) {
        lessons[i] = engine.LessonOf(ScanInput{batch[i].bytes, batch[i].origin, {}});
      }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < std::min<int>(jobs, static_cast<int>(batch.size())); ++t) {
      pool.emplace_back(work);
    }
    work();
    for (std::thread& t : pool) t.join();
    if (auto result = engine.Teach(lessons)) {
      learned += batch.size();
    } else {
      failed += batch.size();
      progress.Clear();
      std::cerr << "becguard learn: " << batch.front().origin << " .. " << batch.back().origin
                << ": " << result.error().ToString() << "\n";
    }
    batch.clear();
  };
  source.ForEach(
      [&](RawMessage&& raw) {
        progress.Tick();
        batch.push_back(std::move(raw));
        if (batch.size() >= kLearnBatch) flush();
        return true;
      },
      [&](const std::string& origin, const std::string& reason) {
        progress.Clear();
        std::cerr << "becguard learn: " << origin << ": " << reason << " (skipped)\n";
        input_error = true;
      });
  flush();
  progress.Clear();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << fmt::format("learned {} messages in {:.2f} s ({:.0f} msg/s){}\n", learned, seconds,
                           seconds > 0 ? learned / seconds : 0.0,
                           failed > 0 ? fmt::format(", {} failed", failed) : "");
  return input_error || failed > 0 ? kExitInputError : 0;
}

}  // namespace becguard::cli
