// PostgresStore: the Store shared by several scanner nodes (MX hosts) through one PostgreSQL
// database. Each Snapshot is one statement (one round trip, one consistent MVCC snapshot), each
// Learn one READ COMMITTED transaction whose writes are safe against other nodes learning at once
// (see learn_writer.h). Serialization failures, deadlocks (not expected: the writer locks in a
// fixed order) and broken connections are retried a bounded number of times; re-learning is
// idempotent, so a commit whose outcome was lost is simply run again. When the server is down
// every call fails with kUnavailable naming it, and the engine's scans carry on without learned
// context. Thread-safe: each call leases a connection from a pool (pool_size in the location).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "context/store.h"
#include "store/profile_cache.h"

namespace becguard::store {

namespace postgres {
class ConnectionPool;
struct Tx;
}  // namespace postgres

class PostgresStore : public context::Store {
 public:
  // Attempts per call when a transaction must be retried (see above).
  static constexpr int kMaxAttempts = 4;

  // Connects (location: postgresql:// or postgres://, see postgres/location.h) and migrates
  // the schema. kUnavailable when the server cannot be reached or the schema is newer.
  static Result<std::unique_ptr<PostgresStore>> Open(const std::string& location);
  ~PostgresStore() override;

  Result<context::LearnedContext> Snapshot(const context::ContextQuery& query) override;
  using Store::Learn;
  Result<void> Learn(std::span<const context::LearnRecord> records) override;
  Result<std::int64_t> MessageCount() override;

 private:
  explicit PostgresStore(std::unique_ptr<postgres::ConnectionPool> pool);

  // kStatement: one statement, no transaction; kRead: REPEATABLE READ, READ ONLY; kWrite:
  // READ COMMITTED.
  enum class Access { kStatement, kRead, kWrite };
  // Runs fn(Tx&) in a transaction of the given access, retrying as described above.
  template <typename T, typename Fn>
  Result<T> Run(Access access, const char* what, Fn&& fn);

  std::unique_ptr<postgres::ConnectionPool> pool_;
  // Decoded style profiles kept per process (store::ProfileCache), like the SQLite store.
  ProfileCache profiles_{kCachedStyleProfiles};
};

}  // namespace becguard::store
