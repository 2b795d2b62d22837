#include "store/sqlite/sqlite_store.h"

#include "store/sqlite/connection.h"
#include "store/sqlite/learn_writer.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/snapshot_reader.h"

namespace becguard::store {

class SqliteStore::Lease {
 public:
  Lease(SqliteStore* owner, std::unique_ptr<sqlite::Connection> connection)
      : owner_(owner), connection_(std::move(connection)) {}
  Lease(Lease&& other) noexcept = default;
  Lease& operator=(Lease&&) = delete;
  ~Lease() {
    if (connection_) owner_->Return(std::move(connection_));
  }
  sqlite::Connection& operator*() { return *connection_; }

 private:
  SqliteStore* owner_;
  std::unique_ptr<sqlite::Connection> connection_;
};

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  auto connection = sqlite::Connection::Open(path, kBusyTimeoutMs);
  if (!connection) return tl::unexpected(connection.error());
  BECGUARD_RETURN_IF_ERROR(sqlite::Migrate(**connection));
  return std::unique_ptr<SqliteStore>(new SqliteStore(path, std::move(*connection)));
}

SqliteStore::SqliteStore(std::string path, std::unique_ptr<sqlite::Connection> connection)
    : path_(std::move(path)) {
  idle_.push_back(std::move(connection));
}

SqliteStore::~SqliteStore() = default;

Result<SqliteStore::Lease> SqliteStore::Borrow() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<sqlite::Connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
  }
  // The schema was migrated when the store was opened; later connections only attach.
  auto connection = sqlite::Connection::Open(path_, kBusyTimeoutMs);
  if (!connection) return tl::unexpected(connection.error());
  return Lease(this, std::move(*connection));
}

void SqliteStore::Return(std::unique_ptr<sqlite::Connection> connection) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(connection));
}

Result<context::LearnedContext> SqliteStore::Snapshot(const context::ContextQuery& query) {
  auto lease = Borrow();
  if (!lease) return tl::unexpected(lease.error());
  sqlite::Connection& connection = **lease;
  // A deferred BEGIN takes the WAL read mark at the first SELECT and keeps it to COMMIT, so
  // all the reads below see one state even while other processes learn.
  return connection.InTransaction(
      "BEGIN", [&] { return sqlite::ReadSnapshot(connection, query, profiles_); });
}

Result<void> SqliteStore::Learn(std::span<const context::LearnRecord> records) {
  if (records.empty()) return {};
  auto lease = Borrow();
  if (!lease) return tl::unexpected(lease.error());
  sqlite::Connection& connection = **lease;
  // IMMEDIATE takes the write lock up front: a deferred transaction that reads first and
  // upgrades later can fail with SQLITE_BUSY without the busy handler being able to help.
  // One commit for the whole batch: a commit writes and syncs the WAL, which costs far more
  // than the rows of one message.
  return connection.InTransaction("BEGIN IMMEDIATE", [&]() -> Result<void> {
    sqlite::PendingProfiles profiles;
    for (const context::LearnRecord& record : records) {
      BECGUARD_RETURN_IF_ERROR(sqlite::WriteRecord(connection, record, profiles));
    }
    return sqlite::WritePendingProfiles(connection, profiles);
  });
}

Result<std::int64_t> SqliteStore::MessageCount() {
  auto lease = Borrow();
  if (!lease) return tl::unexpected(lease.error());
  return sqlite::ReadMessageCount(**lease);
}

}  // namespace becguard::store
