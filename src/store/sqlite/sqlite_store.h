// SqliteStore: the default Store, an embedded SQLite file shared by every becguard process on
// the machine. WAL mode lets scanners read while one learner writes; each Learn is one
// IMMEDIATE transaction (a killed process leaves the file before or after the batch) and
// each Snapshot one read transaction. Thread-safe: each call borrows a connection from a small
// pool (opened on demand, one per concurrently scanning thread), so threads read in parallel as
// separate processes do; SQLite's own locks order the writers.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "context/store.h"
#include "store/profile_cache.h"

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
  using Store::Learn;
  Result<void> Learn(std::span<const context::LearnRecord> records) override;
  Result<std::int64_t> MessageCount() override;

 private:
  SqliteStore(std::string path, std::unique_ptr<sqlite::Connection> connection);

  // A connection for the calling thread, returned to the pool when the lease ends.
  class Lease;
  Result<Lease> Borrow();
  void Return(std::unique_ptr<sqlite::Connection> connection);

  const std::string path_;
  // Decoded style profiles shared by every connection.
  ProfileCache profiles_{kCachedStyleProfiles};
  std::mutex mutex_;
  std::vector<std::unique_ptr<sqlite::Connection>> idle_;  // guarded by mutex_
};

}  // namespace becguard::store
