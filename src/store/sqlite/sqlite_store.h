// SqliteStore: the default Store, an embedded SQLite file shared by every becguard process on
// the machine. WAL mode lets scanners read while one learner writes; each Learn is one
// IMMEDIATE transaction (a killed process leaves the file before or after the message) and
// each Snapshot one read transaction. Thread-safe: a mutex serialises this object's single
// connection; other processes open their own SqliteStore on the same file.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "context/store.h"

namespace becguard::store {

namespace sqlite {
class Connection;
}

class SqliteStore : public context::Store {
 public:
  // How long a writer waits for another process's transaction before giving up with
  // kUnavailable. Learn transactions take well under a millisecond, so this is generous.
  static constexpr int kBusyTimeoutMs = 5000;

  // Opens or creates the file and migrates its schema (see sqlite/schema.h).
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  ~SqliteStore() override;

  Result<context::LearnedContext> Snapshot(const context::ContextQuery& query) override;
  Result<void> Learn(const context::LearnRecord& record) override;
  Result<std::int64_t> MessageCount() override;

 private:
  explicit SqliteStore(std::unique_ptr<sqlite::Connection> connection);

  std::mutex mutex_;
  std::unique_ptr<sqlite::Connection> connection_;
};

}  // namespace becguard::store
