#include "store/postgres/postgres_store.h"

#include <chrono>
#include <thread>

#include "store/postgres/connection_pool.h"
#include "store/postgres/learn_writer.h"
#include "store/postgres/location.h"
#include "store/postgres/schema.h"
#include "store/postgres/snapshot_reader.h"
#include "store/postgres/style_rows.h"

namespace becguard::store {

using postgres::ConnectionPool;
using postgres::Tx;

namespace {

// A snapshot's one statement needs no transaction around it (it reads one MVCC snapshot of its
// own); when it takes two, they share a REPEATABLE READ one. READ ONLY lets the server skip
// write bookkeeping.
using ReadTransaction = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;
// Learning relies on upserts and row locks, which see the newest committed rows.
using WriteTransaction = pqxx::transaction<pqxx::read_committed, pqxx::read_write>;

Error Unavailable(const ConnectionPool& pool, const char* what, const std::string& reason) {
  return Error(ErrorCode::kUnavailable,
               "PostgreSQL store " + pool.display() + ": " + what + ": " + reason);
}

}  // namespace

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(const std::string& location) {
  auto parsed = postgres::ParseLocation(location);
  if (!parsed) return tl::unexpected(parsed.error());
  auto pool = std::make_unique<ConnectionPool>(parsed->uri, parsed->display, parsed->pool_size);
  {
    auto lease = pool->Borrow();
    if (!lease) return tl::unexpected(lease.error());
    try {
      if (std::string refused = postgres::Migrate((*lease)->raw()); !refused.empty()) {
        return tl::unexpected(Unavailable(*pool, "cannot use it", refused));
      }
    } catch (const std::exception& error) {
      lease->Discard();
      return tl::unexpected(Unavailable(*pool, "schema migration failed", error.what()));
    }
  }
  return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(pool)));
}

PostgresStore::PostgresStore(std::unique_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}

PostgresStore::~PostgresStore() = default;

template <typename T, typename Fn>
Result<T> PostgresStore::Run(Access access, const char* what, Fn&& fn) {
  std::string last_failure;
  for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
    auto lease = pool_->Borrow();
    if (!lease) return tl::unexpected(lease.error());
    try {
      if (access == Access::kStatement) {
        pqxx::nontransaction work((*lease)->raw());
        Tx tx{**lease, work};
        return fn(tx);
      }
      if (access == Access::kRead) {
        ReadTransaction work((*lease)->raw());
        Tx tx{**lease, work};
        T result = fn(tx);
        work.commit();
        return result;
      }
      WriteTransaction work((*lease)->raw());
      Tx tx{**lease, work};
      T result = fn(tx);
      work.commit();
      return result;
    } catch (const pqxx::transaction_rollback& error) {
      // Serialization failure or deadlock: another node's transaction won; run again after a
      // short, growing pause.
      last_failure = error.what();
      std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt));
    } catch (const pqxx::in_doubt_error& error) {
      // The connection broke during COMMIT. Snapshots and learning are both safe to repeat.
      last_failure = error.what();
      lease->Discard();
    } catch (const pqxx::broken_connection& error) {
      // The server restarted or went away; a new connection either works or says why not.
      last_failure = error.what();
      lease->Discard();
    } catch (const std::exception& error) {
      if (!(*lease)->raw().is_open()) {
        last_failure = error.what();
        lease->Discard();
        continue;
      }
      return tl::unexpected(Unavailable(*pool_, what, error.what()));
    }
  }
  return tl::unexpected(
      Unavailable(*pool_, what,
                  "gave up after " + std::to_string(kMaxAttempts) + " attempts: " + last_failure));
}

Result<context::LearnedContext> PostgresStore::Snapshot(const context::ContextQuery& query) {
  auto read = Run<postgres::SnapshotRead>(Access::kStatement, "snapshot", [&](Tx& tx) {
    return postgres::ReadSnapshot(tx, profiles_, query);
  });
  if (!read) return tl::unexpected(read.error());
  if (read->complete) return std::move(read->context);
  return Run<context::LearnedContext>(Access::kRead, "snapshot", [&](Tx& tx) {
    postgres::SnapshotRead again = postgres::ReadSnapshot(tx, profiles_, query);
    postgres::ReadImpostors(tx, profiles_, query, again.context);
    return std::move(again.context);
  });
}

Result<void> PostgresStore::Learn(std::span<const context::LearnRecord> records) {
  auto learned = Run<std::int64_t>(Access::kWrite, "learn",
                                   [&](Tx& tx) { return postgres::WriteBatch(tx, records); });
  if (!learned) return tl::unexpected(learned.error());
  return {};
}

Result<std::int64_t> PostgresStore::MessageCount() {
  return Run<std::int64_t>(Access::kStatement, "message count",
                           [](Tx& tx) { return postgres::ReadMessageCount(tx); });
}

}  // namespace becguard::store
