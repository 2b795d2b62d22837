// The Store backends the typed contract suites run against: in-memory, SQLite on a temporary
// file, and PostgreSQL in a fresh database of the test cluster ctest starts
// (tests/support/pg_cluster.sh, URL in BECGUARD_TEST_PG_URL). Without that variable the
// PostgreSQL cases fail: a green run must mean the backend was tested.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>

#include <pqxx/pqxx>

#include "context/store.h"
#include "store/memory/memory_store.h"
#include "store/sqlite/sqlite_store.h"
#include "test_records.h"

namespace becguard::store::testing {

// The test cluster's URL (the `becguard` maintenance database), or "" with a test failure.
inline std::string TestClusterUrl() {
  const char* url = std::getenv("BECGUARD_TEST_PG_URL");
  if (url == nullptr || *url == '\0') {
    ADD_FAILURE() << "BECGUARD_TEST_PG_URL is not set: run the PostgreSQL cases through ctest, "
                     "which starts a cluster with tests/support/pg_cluster.sh";
    return "";
  }
  return url;
}

// A database of its own on the test cluster, dropped (with any connection left) at the end.
class TempPgDatabase {
 public:
  TempPgDatabase() : admin_(TestClusterUrl()) {
    static int counter = 0;
    name_ = "becguard_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    if (admin_.empty()) return;
    Admin("CREATE DATABASE " + name_ + " TEMPLATE template0");
  }
  ~TempPgDatabase() {
    if (!admin_.empty()) Admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  // A URL of the new database: a later dbname parameter overrides the URI's path.
  std::string url(const std::string& parameters = "") const {
    return admin_ + "&dbname=" + name_ + parameters;
  }
  bool ok() const { return !admin_.empty(); }

 private:
  void Admin(const std::string& sql) {
    try {
      pqxx::connection connection(admin_);
      pqxx::nontransaction work(connection);
      work.exec0(sql);
    } catch (const std::exception& error) {
      ADD_FAILURE() << sql << ": " << error.what();
      admin_.clear();
    }
  }

  std::string admin_;
  std::string name_;
};

struct MemoryBackend {
  std::unique_ptr<context::Store> Make() { return std::make_unique<MemoryStore>(); }
};

struct SqliteBackend {
  std::unique_ptr<context::Store> Make() {
    auto store = SqliteStore::Open(db.path());
    if (!store) ADD_FAILURE() << store.error().ToString();
    return store ? std::move(*store) : nullptr;
  }
  TempDb db{"store.db"};
};

struct PostgresBackend {
  std::unique_ptr<context::Store> Make() {
    if (!db.ok()) return nullptr;
    auto store = context::OpenStore(db.url());
    if (!store) ADD_FAILURE() << store.error().ToString();
    return store ? std::move(*store) : nullptr;
  }
  TempPgDatabase db;
};

using Backends = ::testing::Types<MemoryBackend, SqliteBackend, PostgresBackend>;

// Test names say the backend (StoreContractTest/Postgres.X), so ctest can give the PostgreSQL
// cases their cluster.
struct BackendName {
  template <typename T>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<T, MemoryBackend>) return "Memory";
    if constexpr (std::is_same_v<T, SqliteBackend>) return "Sqlite";
    return "Postgres";
  }
};

}  // namespace becguard::store::testing
