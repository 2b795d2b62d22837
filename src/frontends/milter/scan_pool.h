// ScanPool: a fixed set of worker threads with a bounded queue, so a milter session can wait for
// its scan with a deadline and answer the fail-safe default when the scan is late or the pool is
// full. A late job still runs to its end on its worker (a scan cannot be interrupted); its result
// is dropped. Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace becguard::milter {

class ScanPool {
 public:
  ScanPool(int workers, int queue_limit);
  ~ScanPool();  // finishes queued jobs, then joins
  ScanPool(const ScanPool&) = delete;
  ScanPool& operator=(const ScanPool&) = delete;

  // False (and the job is not run) when the queue is full or the pool is stopping.
  bool Submit(std::function<void()> job);

 private:
  void Work();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  std::size_t queue_limit_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace becguard::milter
