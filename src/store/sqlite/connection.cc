#include "store/sqlite/connection.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace becguard::store::sqlite {
namespace {

// The store holds every counterparty's bank details: a new file is created 0600 whatever the
// umask (SQLite gives its -wal and -shm files the database file's mode). An existing file keeps
// the mode its owner chose.
Result<void> CreatePrivateFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return {};
    return MakeError(ErrorCode::kUnavailable,
                     "cannot create store " + path + ": " + std::strerror(errno));
  }
  const int rc = ::fchmod(fd, 0600);
  const int saved = errno;
  ::close(fd);
  if (rc != 0) {
    return MakeError(ErrorCode::kUnavailable,
                     "cannot set mode 0600 on store " + path + ": " + std::strerror(saved));
  }
  return {};
}

}  // namespace

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, int busy_timeout_ms) {
  BECGUARD_RETURN_IF_ERROR(CreatePrivateFile(path));
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
  // The snapshot reads a few dozen pages per message: a modest page cache per connection and a
  // bounded memory map keep them hot without letting RSS grow with the file; sorts of the
  // bounded lookups stay in memory.
  if (auto set = connection->Exec(
          "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-8192; "
          "PRAGMA mmap_size=134217728; PRAGMA temp_store=MEMORY; "
          // A learned batch writes thousands of pages: checkpoint every few batches, not after
          // every commit (each checkpoint syncs the file).
          "PRAGMA wal_autocheckpoint=8000;");
      !set) {
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
  if (auto it = cache_.find(sql); it != cache_.end()) return Statement(it->second);
  std::string key(sql);
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
