#include "frontends/milter/scan_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace becguard::milter {
namespace {

TEST(ScanPoolTest, RunsEveryAcceptedJob) {
  std::atomic<int> done{0};
  {
    ScanPool pool(2, 100);
    for (int i = 0; i < 50; ++i) ASSERT_TRUE(pool.Submit([&] { done.fetch_add(1); }));
  }  // the destructor drains the queue
  EXPECT_EQ(done.load(), 50);
}

TEST(ScanPoolTest, RefusesWhenTheQueueIsFull) {
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  std::atomic<int> started{0};
  ScanPool pool(1, 2);
  auto blocker = [&] {
    started.fetch_add(1);
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return release; });
  };
  ASSERT_TRUE(pool.Submit(blocker));
  while (started.load() == 0) std::this_thread::yield();  // the worker holds job 1
  EXPECT_TRUE(pool.Submit(blocker));
  EXPECT_TRUE(pool.Submit(blocker));
  EXPECT_FALSE(pool.Submit(blocker));  // queue_limit 2 reached: the caller falls back
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
  }
  cv.notify_all();
}

}  // namespace
}  // namespace becguard::milter
