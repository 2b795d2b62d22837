#include "store/sqlite/sqlite_store.h"

#include "store/sqlite/connection.h"
#include "store/sqlite/learn_writer.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/snapshot_reader.h"

namespace becguard::store {

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  auto connection = sqlite::Connection::Open(path, kBusyTimeoutMs);
  if (!connection) return tl::unexpected(connection.error());
  BECGUARD_RETURN_IF_ERROR(sqlite::Migrate(**connection));
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(*connection)));
}

SqliteStore::SqliteStore(std::unique_ptr<sqlite::Connection> connection)
    : connection_(std::move(connection)) {}

SqliteStore::~SqliteStore() = default;

Result<context::LearnedContext> SqliteStore::Snapshot(const context::ContextQuery& query) {
  std::lock_guard lock(mutex_);
  // A deferred BEGIN takes the WAL read mark at the first SELECT and keeps it to COMMIT, so
  // all the reads below see one state even while other processes learn.
  return connection_->InTransaction("BEGIN",
                                    [&] { return sqlite::ReadSnapshot(*connection_, query); });
}

Result<void> SqliteStore::Learn(const context::LearnRecord& record) {
  std::lock_guard lock(mutex_);
  // IMMEDIATE takes the write lock up front: a deferred transaction that reads first and
  // upgrades later can fail with SQLITE_BUSY without the busy handler being able to help.
  return connection_->InTransaction("BEGIN IMMEDIATE",
                                    [&] { return sqlite::WriteRecord(*connection_, record); });
}

Result<std::int64_t> SqliteStore::MessageCount() {
  std::lock_guard lock(mutex_);
  return sqlite::ReadMessageCount(*connection_);
}

}  // namespace becguard::store
