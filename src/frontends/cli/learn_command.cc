// becguard learn: teaches the store a mailbox history (mbox, Maildir, .eml directories).
#include <algorithm>
#include <chrono>
#include <iostream>
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
  MessageSource source(options.inputs, options.max_file_bytes);
  const std::size_t total = options.progress ? source.CountFiles() : 0;
  ProgressBar progress(total, options.progress && total > 50);
  std::size_t learned = 0, failed = 0;
  bool input_error = false;
  const auto start = std::chrono::steady_clock::now();
  // Messages are learned in input order (history order matters: first seen, thread roots), a
  // batch per transaction: a commit costs far more than a message's rows, and a crash loses at
  // most the open batch.
  std::vector<RawMessage> batch;
  auto flush = [&] {
    if (batch.empty()) return;
    std::vector<ScanInput> inputs;
    inputs.reserve(batch.size());
    for (const RawMessage& raw : batch) inputs.push_back(ScanInput{raw.bytes, raw.origin, {}});
    if (auto result = engine.Learn(inputs)) {
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
