#include "frontends/cli/batch_scanner.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace becguard::cli {
namespace {

// One input in read order: a message to scan, or an input that could not be read.
struct Item {
  RawMessage message;
  std::optional<std::string> read_error;
};

// Batches handed from the reader thread to the scanning threads; at most `capacity` wait, so
// memory stays bounded however large the mailbox.
class BatchQueue {
 public:
  explicit BatchQueue(std::size_t capacity) : capacity_(capacity) {}

  void Push(std::vector<Item> batch) {
    std::unique_lock<std::mutex> lock(mutex_);
    not_full_.wait(lock, [&] { return batches_.size() < capacity_; });
    batches_.push_back(std::move(batch));
    not_empty_.notify_one();
  }
  void Close() {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
  }
  // nullopt once closed and drained.
  std::optional<std::vector<Item>> Pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    not_empty_.wait(lock, [&] { return !batches_.empty() || closed_; });
    if (batches_.empty()) return std::nullopt;
    std::vector<Item> batch = std::move(batches_.front());
    batches_.pop_front();
    not_full_.notify_one();
    return batch;
  }

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<std::vector<Item>> batches_;
  bool closed_ = false;
};

void ScanBatch(const Engine& engine, std::vector<Item>& batch, std::vector<ScannedMessage>& results,
               const BatchOptions& options) {
  results.clear();
  for (Item& item : batch) {
    results.push_back(ScannedMessage{item.message.origin,
                                     item.message.bytes.size(),
                                     MakeError(ErrorCode::kInternal, "not scanned"),
                                     {}});
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < batch.size(); i = next++) {
      if (batch[i].read_error) continue;
      ScanInput input{batch[i].message.bytes, batch[i].message.origin, options.envelope};
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

// Every message of a batch was scanned against the store as it was before the batch; what they
// teach is written afterwards, in input order, in one transaction. So verdicts depend on the
// batch size (fixed), never on the number of threads or the order they finish.
void TeachInOrder(const Engine& engine, std::vector<ScannedMessage>& results) {
  std::vector<std::shared_ptr<const Lesson>> lessons;
  for (const ScannedMessage& result : results) {
    if (result.report && result.report->lesson) lessons.push_back(result.report->lesson);
  }
  if (lessons.empty()) return;
  auto taught = engine.Teach(lessons);
  for (ScannedMessage& result : results) {
    if (!result.report || !result.report->lesson) continue;
    if (!taught) result.report->warnings.push_back("not learned: " + taught.error().ToString());
    result.report->lesson.reset();  // the batch's records are freed with it
  }
}

}  // namespace

void ScanAll(const Engine& engine, MessageSource& source, const BatchOptions& options,
             const std::function<void(ScannedMessage&)>& on_result,
             const std::function<void(const std::string&, const std::string&)>& on_error) {
  // Reading (disk, mbox splitting) overlaps with scanning the previous batch.
  BatchQueue queue(2);
  std::thread reader([&] {
    std::vector<Item> batch;
    auto push_if_full = [&] {
      if (batch.size() >= options.batch_size) {
        queue.Push(std::move(batch));
        batch.clear();
      }
    };
    source.ForEach(
        [&](RawMessage&& raw) {
          batch.push_back(Item{std::move(raw), std::nullopt});
          push_if_full();
          return true;
        },
        [&](const std::string& origin, const std::string& reason) {
          batch.push_back(Item{RawMessage{origin, {}}, reason});
          push_if_full();
        });
    if (!batch.empty()) queue.Push(std::move(batch));
    queue.Close();
  });

  std::vector<ScannedMessage> results;
  while (std::optional<std::vector<Item>> batch = queue.Pop()) {
    ScanBatch(engine, *batch, results, options);
    TeachInOrder(engine, results);
    for (std::size_t i = 0; i < results.size(); ++i) {
      if ((*batch)[i].read_error) {
        on_error((*batch)[i].message.origin, *(*batch)[i].read_error);
      } else {
        on_result(results[i]);
      }
    }
  }
  reader.join();
}

}  // namespace becguard::cli
