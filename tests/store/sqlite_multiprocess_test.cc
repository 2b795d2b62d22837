// Several processes on one SQLite store: concurrent learners and a scanner, and a learner
// killed with SIGKILL in the middle of its work. Children are fork()ed before the parent opens
// the file (SQLite handles must not cross fork) and leave with _exit.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "store/sqlite/sqlite_store.h"
#include "test_records.h"

namespace becguard::store {
namespace {

using testing::MakePayment;
using testing::MakeRecord;
using testing::TempDb;

constexpr char kShared[] = "shared@ours.example";

// Every record is addressed to kShared, so in any consistent state its messages_to equals the
// number of learned messages.
context::LearnRecord WorkerRecord(int worker, int n) {
  const std::string id = "<w" + std::to_string(worker) + "-" + std::to_string(n) + "@test>";
  auto record = MakeRecord(
      id, "sender" + std::to_string(n % 7) + "@vendor" + std::to_string(n % 3) + ".example",
      kShared, 1000 + n);
  record.from_name = "Sender " + std::to_string(n % 7);
  record.recipients.push_back({"other" + std::to_string(n % 5) + "@ours.example", "Other"});
  if (n > 0)
    record.references = {"<w" + std::to_string(worker) + "-" + std::to_string(n - 1) + "@test>"};
  if (n % 10 == 0) {
    record.payments = {MakePayment(payment::DetailKind::kIban,
                                   "DE8937040044053201" + std::to_string(1000 + n % 4))};
  }
  record.simhash = 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(n + 1 + worker * 100000);
  return record;
}

// Opens its own store and learns records [0, count) of `worker`; never returns.
[[noreturn]] void RunLearner(const std::string& path, int worker, int count) {
  auto store = SqliteStore::Open(path);
  if (!store) {
    std::fprintf(stderr, "worker %d: %s\n", worker, store.error().ToString().c_str());
    _exit(2);
  }
  for (int n = 0; n < count; ++n) {
    if (auto learned = (*store)->Learn(WorkerRecord(worker, n)); !learned) {
      std::fprintf(stderr, "worker %d: %s\n", worker, learned.error().ToString().c_str());
      _exit(3);
    }
  }
  _exit(0);
}

pid_t ForkLearner(const std::string& path, int worker, int count) {
  const pid_t pid = fork();
  if (pid == 0) RunLearner(path, worker, count);
  return pid;
}

std::vector<std::string> RawColumn(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
  std::vector<std::string> out;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(stmt, 0);
    out.push_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

std::string RawValue(const std::string& path, const std::string& sql) {
  const auto column = RawColumn(path, sql);
  return column.empty() ? "" : column[0];
}

// True once the child has exited; its exit code goes to *code (-1 if killed).
bool Reaped(pid_t pid, int* code) {
  int status = 0;
  if (waitpid(pid, &status, WNOHANG) != pid) return false;
  *code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return true;
}

TEST(SqliteMultiProcessTest, TwoLearnersAndAScannerOnOneNewFile) {
  TempDb db("shared.db");
  constexpr int kPerWorker = 400;
  // Both children and the parent open the file while it does not exist yet: creation and
  // migration race too.
  const pid_t first = ForkLearner(db.path(), 1, kPerWorker);
  const pid_t second = ForkLearner(db.path(), 2, kPerWorker);
  auto store = SqliteStore::Open(db.path());
  ASSERT_TRUE(store) << store.error().ToString();

  context::ContextQuery query;
  query.addresses = {kShared};
  std::int64_t last = 0;
  int snapshots = 0;
  std::vector<std::pair<pid_t, int>> children = {{first, -2}, {second, -2}};  // -2: running
  int running = 2;
  // At least one snapshot after both learners are done checks the final state too; how many
  // land while they write depends on the scheduler (on a loaded machine, maybe none).
  while (running > 0 || snapshots < 2) {
    auto snapshot = (*store)->Snapshot(query);
    ASSERT_TRUE(snapshot) << snapshot.error().ToString();
    ++snapshots;
    EXPECT_GE(snapshot->learned_messages, last);
    last = snapshot->learned_messages;
    const auto it = snapshot->correspondents.find(kShared);
    const std::int64_t to_shared =
        it == snapshot->correspondents.end() ? 0 : it->second.messages_to;
    ASSERT_EQ(to_shared, snapshot->learned_messages) << "snapshot mixed two database states";
    for (auto& [pid, code] : children) {
      if (code == -2 && Reaped(pid, &code)) --running;
    }
  }
  for (const auto& [pid, code] : children) EXPECT_EQ(code, 0) << "learner " << pid;

  auto count = (*store)->MessageCount();
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 2 * kPerWorker);
  EXPECT_EQ(RawValue(db.path(), "SELECT count(*) FROM messages"), std::to_string(2 * kPerWorker));
  EXPECT_EQ(RawValue(db.path(), "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(RawValue(db.path(), "SELECT sum(messages_from) FROM correspondents"),
            std::to_string(2 * kPerWorker));
  // Each worker's messages form one thread through References.
  EXPECT_EQ(RawValue(db.path(), "SELECT count(*) FROM threads"), "2");
  EXPECT_EQ(RawValue(db.path(), "SELECT min(messages) FROM threads"), std::to_string(kPerWorker));
}

TEST(SqliteMultiProcessTest, LearnerKilledMidRunLeavesAUsableStore) {
  TempDb db("killed.db");
  {
    auto created = SqliteStore::Open(db.path());
    ASSERT_TRUE(created) << created.error().ToString();
  }
  constexpr int kPlanned = 100000;  // far more than it gets through before the kill
  const pid_t learner = ForkLearner(db.path(), 7, kPlanned);
  auto store = SqliteStore::Open(db.path());
  ASSERT_TRUE(store) << store.error().ToString();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::int64_t seen = 0;
  while (seen < 500 && std::chrono::steady_clock::now() < deadline) {
    auto count = (*store)->MessageCount();
    ASSERT_TRUE(count) << count.error().ToString();
    seen = *count;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_GE(seen, 500) << "learner made no progress";
  ASSERT_EQ(kill(learner, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(learner, &status, 0), learner);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the learner finished before it was killed";
  store->reset();

  EXPECT_EQ(RawValue(db.path(), "PRAGMA integrity_check"), "ok");
  auto reopened = SqliteStore::Open(db.path());
  ASSERT_TRUE(reopened) << reopened.error().ToString();
  const std::int64_t learned = *(*reopened)->MessageCount();
  EXPECT_GE(learned, seen);
  EXPECT_LT(learned, kPlanned);
  // No half-written message: every part of every learned record is there, and nothing more.
  const std::string n = std::to_string(learned);
  EXPECT_EQ(RawValue(db.path(), "SELECT count(*) FROM messages"), n);
  EXPECT_EQ(RawValue(db.path(), "SELECT sum(messages_from) FROM correspondents"), n);
  EXPECT_EQ(RawValue(db.path(), "SELECT messages_to FROM correspondents WHERE address = '" +
                                    std::string(kShared) + "'"),
            n);
  EXPECT_EQ(RawValue(db.path(), "SELECT count(*) FROM fingerprints"), n);
  EXPECT_EQ(RawValue(db.path(), "SELECT sum(messages) FROM threads"), n);
  EXPECT_EQ(RawValue(db.path(), "SELECT sum(times_seen) FROM payments"),
            std::to_string((learned + 9) / 10));
  EXPECT_TRUE(RawColumn(db.path(), "PRAGMA foreign_key_check").empty());

  // Learning continues where it stopped; what was learned before is not counted twice.
  for (int i = 0; i < static_cast<int>(learned) + 20; ++i) {
    ASSERT_TRUE((*reopened)->Learn(WorkerRecord(7, i)));
  }
  EXPECT_EQ(*(*reopened)->MessageCount(), learned + 20);
}

}  // namespace
}  // namespace becguard::store
