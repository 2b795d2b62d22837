#include "store/sqlite/connection.h"

namespace becguard::store::sqlite {

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, int busy_timeout_ms) {
  sqlite3* db = nullptr;
  // NOMUTEX: the store's own mutex already serialises every use of this handle.
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "cannot open store " + path + ": " +
                          (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return MakeError(ErrorCode::kUnavailable, std::move(message));
  }
  std::unique_ptr<Connection> connection(new Connection(db, path));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);

  // WAL lets readers and one writer work at once across processes. Changing the journal mode
  // needs a lock like any write; the busy timeout above covers a concurrent opener.
  auto mode = connection->Prepare("PRAGMA journal_mode=WAL");
  if (!mode) return tl::unexpected(mode.error());
  auto row = mode->Step();
  if (!row) return tl::unexpected(row.error());
  if (!*row || mode->Text(0) != "wal") {
    return MakeError(ErrorCode::kUnavailable,
                     "cannot use store " + path + ": the file system does not allow WAL mode");
  }
  // synchronous=NORMAL in WAL: a commit is not fsynced until the next checkpoint, so a power
  // loss may drop the last few learned messages, but the database stays consistent (the WAL
  // is checksummed) and a crashed or killed *process* loses nothing that was committed.
  // Learning is re-runnable and idempotent, which makes that trade worth the speed.
  if (auto set = connection->Exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"); !set) {
    return tl::unexpected(set.error());
  }
  return connection;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Result<void> Connection::Exec(const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return {};
  std::string text = "sqlite: store " + path_ + ": " +
                     (message != nullptr ? message : sqlite3_errstr(rc)) + " (in: " + sql + ")";
  sqlite3_free(message);
  return MakeError(ErrorCode::kUnavailable, std::move(text));
}

Result<Statement> Connection::Prepare(std::string_view sql) {
  std::string key(sql);
  if (auto it = cache_.find(key); it != cache_.end()) return Statement(it->second);
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return tl::unexpected(LastError(key));
  cache_.emplace(std::move(key), stmt);
  return Statement(stmt);
}

Result<std::int64_t> Connection::QueryInt(std::string_view sql) {
  auto statement = Prepare(sql);
  if (!statement) return tl::unexpected(statement.error());
  auto row = statement->Step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return MakeError(ErrorCode::kInternal, "no result row for: " + std::string(sql));
  return statement->Int(0);
}

Error Connection::LastError(std::string_view context) const {
  return Error(ErrorCode::kUnavailable, "sqlite: store " + path_ + ": " + sqlite3_errmsg(db_) +
                                            " (in: " + std::string(context) + ")");
}

}  // namespace becguard::store::sqlite
