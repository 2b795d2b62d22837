// Learn throughput of the SQLite store, for the record (no timing assertion). Disabled by
// default; run with --gtest_also_run_disabled_tests --gtest_filter='*Throughput*'.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>

#include "store/sqlite/sqlite_store.h"
#include "test_records.h"

namespace becguard::store {
namespace {

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

TEST(SqliteThroughputTest, DISABLED_Learn10000Records) {
  testing::TempDb db("throughput.db");
  auto store = SqliteStore::Open(db.path());
  ASSERT_TRUE(store) << store.error().ToString();
  constexpr int kRecords = 10000;
  std::vector<context::LearnRecord> records;
  for (int n = 0; n < kRecords; ++n) {
    // Realistic shape: 200 correspondents over 40 domains, 3 recipients, threads of ~5
    // messages, a payment detail in every 8th message, a SimHash on each.
    auto record = testing::MakeRecord(
        "<m" + std::to_string(n) + "@bench>",
        "person" + std::to_string(n % 200) + "@domain" + std::to_string(n % 40) + ".example",
        "me@ours.example", 1'700'000'000 + n * 60);
    record.from_name = "Person " + std::to_string(n % 200);
    record.recipients = {{"me@ours.example", "Me"},
                         {"ap@ours.example", "Accounts Payable"},
                         {"cc" + std::to_string(n % 50) + "@ours.example", "Colleague"}};
    if (n % 5 != 0) record.references = {"<m" + std::to_string(n - 1) + "@bench>"};
    if (n % 8 == 0) {
      record.payments = {testing::MakePayment(payment::DetailKind::kIban,
                                              "DE893704004405320" + std::to_string(10000 + n % 40),
                                              "Holder")};
    }
    record.simhash = 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(n + 1);
    records.push_back(std::move(record));
  }
  const double cpu_start = CpuSeconds();
  const auto start = std::chrono::steady_clock::now();
  for (const auto& record : records) ASSERT_TRUE((*store)->Learn(record));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = CpuSeconds() - cpu_start;
  // CPU time too: on a shared machine the wall clock also measures the neighbours.
  std::printf("learned %d records in %.2f s wall (%.0f records/s), %.2f s CPU (%.0f records/s)\n",
              kRecords, seconds, kRecords / seconds, cpu, kRecords / cpu);
  EXPECT_EQ(*(*store)->MessageCount(), kRecords);
}

}  // namespace
}  // namespace becguard::store
