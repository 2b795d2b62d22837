// Connection: one SQLite database handle configured for several processes on one file (WAL,
// busy timeout, synchronous=NORMAL, foreign keys), a cache of prepared statements and the
// transaction helper. Not thread-safe: the owning SqliteStore serialises access with a mutex;
// other processes use their own Connection.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <sqlite3.h>

#include "becguard/result.h"
#include "store/sqlite/statement.h"

namespace becguard::store::sqlite {

class Connection {
 public:
  // Opens or creates the file. Waits up to busy_timeout_ms for other processes' locks.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, int busy_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more SQL statements without results.
  Result<void> Exec(const std::string& sql);
  // A cached prepared statement (prepared on first use, kept until the connection closes).
  // The lease is exclusive per SQL text: do not hold two leases of the same text at once.
  Result<Statement> Prepare(std::string_view sql);
  // The single integer a query like "PRAGMA user_version" returns.
  Result<std::int64_t> QueryInt(std::string_view sql);
  // Rows changed by the last INSERT/UPDATE/DELETE.
  std::int64_t Changes() const { return sqlite3_changes64(db_); }

  // Runs fn (returning Result<T>) between `begin_sql` and COMMIT; rolls back when fn or the
  // commit fails, so the database holds all of fn's writes or none.
  template <typename Fn>
  auto InTransaction(const char* begin_sql, Fn&& fn) -> decltype(fn());

  const std::string& path() const { return path_; }

 private:
  Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Error LastError(std::string_view context) const;

  // Looked up by string_view without building a key string: Prepare runs for every lookup of
  // every snapshot.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> cache_;
};

template <typename Fn>
auto Connection::InTransaction(const char* begin_sql, Fn&& fn) -> decltype(fn()) {
  if (auto begun = Exec(begin_sql); !begun) return tl::unexpected(begun.error());
  auto result = fn();
  if (!result) {
    (void)Exec("ROLLBACK");
    return result;
  }
  if (auto committed = Exec("COMMIT"); !committed) {
    (void)Exec("ROLLBACK");
    return tl::unexpected(committed.error());
  }
  return result;
}

}  // namespace becguard::store::sqlite
