#include "frontends/cli/batch_scanner.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace becguard::cli {
namespace {

void ScanBatch(const Engine& engine, std::vector<RawMessage>& batch,
               std::vector<ScannedMessage>& results, const BatchOptions& options) {
  results.clear();
  for (RawMessage& raw : batch) {
    results.push_back(ScannedMessage{raw.origin, raw.bytes.size(),
                                     MakeError(ErrorCode::kInternal, "not scanned"), {}});
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < batch.size(); i = next++) {
      ScanInput input{batch[i].bytes, batch[i].origin};
      if (options.keep_parsed) {
        results[i].report = engine.ScanParsed(input, results[i].parsed);
      } else {
        results[i].report = engine.Scan(input);
      }
    }
  };
  const int threads = std::max(1, std::min<int>(options.jobs, static_cast<int>(batch.size())));
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

}  // namespace

void ScanAll(const Engine& engine, MessageSource& source, const BatchOptions& options,
             const std::function<void(ScannedMessage&)>& on_result,
             const std::function<void(const std::string&, const std::string&)>& on_error) {
  std::vector<RawMessage> batch;
  std::vector<ScannedMessage> results;
  auto flush = [&] {
    ScanBatch(engine, batch, results, options);
    for (ScannedMessage& result : results) on_result(result);
    batch.clear();
  };
  source.ForEach(
      [&](RawMessage&& raw) {
        batch.push_back(std::move(raw));
        if (batch.size() >= options.batch_size) flush();
        return true;
      },
      on_error);
  if (!batch.empty()) flush();
}

}  // namespace becguard::cli
