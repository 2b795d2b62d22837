// Schema versioning of the SQLite store and OpenStore's location handling.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "context/store.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/sqlite_store.h"
#include "style/features.h"
#include "test_records.h"

namespace becguard::store {
namespace {

using testing::MakeRecord;
using testing::TempDb;

// Runs a statement with the raw C API, as a different program (or an old becguard) would.
std::int64_t RawInt(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
  std::int64_t value = -1;
  if (sqlite3_step(stmt) == SQLITE_ROW) value = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

std::string RawText(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
  std::string value;
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

TEST(SqliteSchemaTest, NewFileIsMigratedToTheCurrentVersionInWalMode) {
  TempDb db("new.db");
  {
    auto store = SqliteStore::Open(db.path());
    ASSERT_TRUE(store) << store.error().ToString();
  }
  EXPECT_EQ(RawInt(db.path(), "PRAGMA user_version"), sqlite::kSchemaVersion);
  EXPECT_EQ(RawText(db.path(), "PRAGMA journal_mode"), "wal");  // persistent in the file
  EXPECT_EQ(RawInt(db.path(), "SELECT count(*) FROM sqlite_master WHERE name = 'fingerprints'"), 1);
}

TEST(SqliteSchemaTest, ReopeningKeepsDataAndVersion) {
  TempDb db("reopen.db");
  {
    auto store = SqliteStore::Open(db.path());
    ASSERT_TRUE(store) << store.error().ToString();
    ASSERT_TRUE((*store)->Learn(MakeRecord("<1@x>", "a@x.example", "b@y.example", 1)));
  }
  auto store = SqliteStore::Open(db.path());
  ASSERT_TRUE(store) << store.error().ToString();
  auto count = (*store)->MessageCount();
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 1);
  ASSERT_TRUE((*store)->Learn(MakeRecord("<2@x>", "a@x.example", "b@y.example", 2)));
  EXPECT_EQ(*(*store)->MessageCount(), 2);
  EXPECT_EQ(RawInt(db.path(), "PRAGMA user_version"), sqlite::kSchemaVersion);
}

// A file as becguard with schema 1 wrote it: the migrations up to 1 and rows in its tables.
void WriteVersionOneFile(const std::string& path) {
  auto connection = sqlite::Connection::Open(path, 1000);
  ASSERT_TRUE(connection) << connection.error().ToString();
  ASSERT_TRUE(sqlite::MigrateTo(**connection, 1));
  ASSERT_TRUE((*connection)->Exec(R"sql(
UPDATE counters SET value = 1 WHERE name = 'messages';
INSERT INTO messages VALUES ('<1@x>', 1, 0, 'a@x.example');
INSERT INTO correspondents VALUES ('a@x.example', 'x.example', 1, 1, 1, 0);
INSERT INTO display_names VALUES ('a@x.example', 'Al Bo', 'al bo', 1);
INSERT INTO domains VALUES ('x.example', 1);
INSERT INTO payments VALUES ('x.example', 'a@x.example', 'iban', 'DE89370400440532013000', '',
                             1, 1, 2);
)sql"));
}

TEST(SqliteSchemaTest, AVersionOneFileIsUpgradedAndItsHistoryTakenAsVouched) {
  TempDb db("v1.db");
  WriteVersionOneFile(db.path());
  ASSERT_EQ(RawInt(db.path(), "PRAGMA user_version"), 1);
  auto store = SqliteStore::Open(db.path());
  ASSERT_TRUE(store) << store.error().ToString();
  EXPECT_EQ(RawInt(db.path(), "PRAGMA user_version"), sqlite::kSchemaVersion);
  EXPECT_EQ(*(*store)->MessageCount(), 1);

  context::ContextQuery query;
  query.addresses = {"a@x.example"};
  query.domains = {"x.example"};
  query.name_keys = {"al bo"};
  query.payment_domains = {"x.example"};
  auto snapshot = (*store)->Snapshot(query);
  ASSERT_TRUE(snapshot) << snapshot.error().ToString();
  EXPECT_EQ(snapshot->correspondents.at("a@x.example").vouched_messages, 1);
  EXPECT_EQ(snapshot->domains.at("x.example").vouched_messages, 1);
  EXPECT_EQ(snapshot->name_addresses.at("al bo"), std::vector<std::string>{"a@x.example"});
  ASSERT_EQ(snapshot->payments.size(), 1u);
  EXPECT_EQ(snapshot->payments[0].times_vouched, 2);

  // Style profiles (schema 2) work in the upgraded file.
  context::LearnRecord record = MakeRecord("<2@x>", "a@x.example", "b@y.example", 2);
  record.style = style::ExtractStyle("Hi Bo,\nThe numbers are in the attached sheet.\nAl\n");
  record.style_keys = {context::StyleKeyForAddress("a@x.example")};
  ASSERT_TRUE((*store)->Learn(record));
  EXPECT_EQ(RawInt(db.path(), "SELECT messages FROM style_profiles"), 1);
}

TEST(SqliteSchemaTest, ANewStoreFileIsPrivateWhateverTheUmask) {
  TempDb db("private.db");
  const mode_t old = ::umask(0);
  auto store = SqliteStore::Open(db.path());
  ::umask(old);
  ASSERT_TRUE(store) << store.error().ToString();
  ASSERT_TRUE((*store)->Learn(MakeRecord("<1@x>", "a@x.example", "b@y.example", 1)));
  for (const std::string& file : {db.path(), db.path() + "-wal"}) {
    const auto perms = std::filesystem::status(file).permissions();
    EXPECT_EQ(perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
              std::filesystem::perms::none)
        << file;
  }
}

TEST(SqliteSchemaTest, AnEmptyVersionZeroFileIsMigrated) {
  TempDb db("zero.db");
  EXPECT_EQ(RawInt(db.path(), "PRAGMA user_version"), 0);  // creates an empty database
  auto store = SqliteStore::Open(db.path());
  ASSERT_TRUE(store) << store.error().ToString();
  EXPECT_EQ(RawInt(db.path(), "PRAGMA user_version"), sqlite::kSchemaVersion);
}

TEST(SqliteSchemaTest, ANewerSchemaIsRefusedAndLeftUntouched) {
  TempDb db("newer.db");
  {
    auto store = SqliteStore::Open(db.path());
    ASSERT_TRUE(store) << store.error().ToString();
  }
  const std::int64_t newer = sqlite::kSchemaVersion + 1;
  RawInt(db.path(), "PRAGMA user_version = " + std::to_string(newer));
  auto store = SqliteStore::Open(db.path());
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(store.error().message().find("schema version " + std::to_string(newer)),
            std::string::npos)
      << store.error().message();
  EXPECT_NE(store.error().message().find("newer becguard"), std::string::npos);
  EXPECT_EQ(RawInt(db.path(), "PRAGMA user_version"), newer);
}

TEST(OpenStoreTest, MemoryLocationGivesAnEmptyNonPersistentStore) {
  auto store = context::OpenStore("memory:");
  ASSERT_TRUE(store) << store.error().ToString();
  ASSERT_TRUE((*store)->Learn(MakeRecord("<1@x>", "a@x.example", "b@y.example", 1)));
  EXPECT_EQ(*(*store)->MessageCount(), 1);
  auto fresh = context::OpenStore("memory:");
  ASSERT_TRUE(fresh);
  EXPECT_EQ(*(*fresh)->MessageCount(), 0);
}

TEST(OpenStoreTest, SqliteSchemeAndPlainPathBothOpenTheSameFile) {
  TempDb db("unused");
  const std::string path = db.dir() + "/nested/dir/store.db";  // parents created on demand
  {
    auto store = context::OpenStore("sqlite:" + path);
    ASSERT_TRUE(store) << store.error().ToString();
    ASSERT_TRUE((*store)->Learn(MakeRecord("<1@x>", "a@x.example", "b@y.example", 1)));
  }
  EXPECT_TRUE(std::filesystem::exists(path));
  auto store = context::OpenStore(path);
  ASSERT_TRUE(store) << store.error().ToString();
  EXPECT_EQ(*(*store)->MessageCount(), 1);
}

TEST(OpenStoreTest, BadLocationsAreErrors) {
  for (const std::string location :
       {"", "sqlite:", "mysql://db.example/becguard", "memory:extra"}) {
    auto store = context::OpenStore(location);
    ASSERT_FALSE(store) << location;
    EXPECT_EQ(store.error().code(), ErrorCode::kInvalidArgument) << location;
  }
}

TEST(OpenStoreTest, UnopenablePathIsUnavailable) {
  TempDb db("unused");
  const std::string blocker = db.dir() + "/file";
  { std::ofstream(blocker) << "x"; }
  auto store = context::OpenStore(blocker + "/store.db");  // a parent that is a file
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kUnavailable);

  const std::string garbage = db.dir() + "/garbage.db";
  { std::ofstream(garbage) << std::string(8192, 'g'); }
  auto not_a_db = context::OpenStore(garbage);
  ASSERT_FALSE(not_a_db);
  EXPECT_EQ(not_a_db.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(not_a_db.error().message().find("not a database"), std::string::npos)
      << not_a_db.error().message();
}

}  // namespace
}  // namespace becguard::store
