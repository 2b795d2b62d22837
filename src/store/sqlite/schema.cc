#include "store/sqlite/schema.h"

#include <string>

namespace becguard::store::sqlite {
namespace {

struct Migration {
  std::int64_t version;
  const char* sql;
};

// Append only: a released migration is never edited, a change is a new entry.
constexpr Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO counters VALUES ('messages', 0);

CREATE TABLE messages (
  message_id TEXT PRIMARY KEY,
  date INTEGER NOT NULL,
  direction INTEGER NOT NULL,
  from_address TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE correspondents (
  address TEXT PRIMARY KEY,
  registrable_domain TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  messages_from INTEGER NOT NULL,
  messages_to INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE display_names (
  address TEXT NOT NULL REFERENCES correspondents(address),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  count INTEGER NOT NULL,
  UNIQUE (address, name)
);
CREATE INDEX display_names_by_key ON display_names(name_key);

CREATE TABLE domains (
  registrable_domain TEXT PRIMARY KEY,
  messages_from INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE threads (
  thread_id TEXT PRIMARY KEY,
  normalized_subject TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  messages INTEGER NOT NULL
) WITHOUT ROWID;

-- Learned messages and the ids they reference, so a reply learned before its parent still
-- joins the thread the parent later lands in.
CREATE TABLE thread_messages (
  message_id TEXT PRIMARY KEY,
  thread_id TEXT NOT NULL REFERENCES threads(thread_id)
) WITHOUT ROWID;

CREATE TABLE thread_participants (
  thread_id TEXT NOT NULL REFERENCES threads(thread_id),
  address TEXT NOT NULL,
  name TEXT NOT NULL,
  UNIQUE (thread_id, address, name)
);

CREATE TABLE payments (
  counterparty_domain TEXT NOT NULL,
  counterparty_address TEXT NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  holder TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  times_seen INTEGER NOT NULL,
  UNIQUE (counterparty_domain, counterparty_address, kind, value)
);

CREATE TABLE fingerprints (
  message_id TEXT PRIMARY KEY REFERENCES messages(message_id),
  sender_address TEXT NOT NULL,
  sender_domain TEXT NOT NULL,
  normalized_subject TEXT NOT NULL,
  simhash INTEGER NOT NULL,
  band0 INTEGER NOT NULL,
  band1 INTEGER NOT NULL,
  band2 INTEGER NOT NULL,
  band3 INTEGER NOT NULL,
  payment_values TEXT NOT NULL,
  date INTEGER NOT NULL
);
CREATE INDEX fingerprints_band0 ON fingerprints(band0);
CREATE INDEX fingerprints_band1 ON fingerprints(band1);
CREATE INDEX fingerprints_band2 ON fingerprints(band2);
CREATE INDEX fingerprints_band3 ON fingerprints(band3);
CREATE INDEX fingerprints_subject ON fingerprints(normalized_subject);
)sql"},
    // Writing-style profiles (style::StyleProfile blobs), by address and by configured person.
    // (script, ord) orders address profiles for the deterministic impostor sample.
    {2, R"sql(
CREATE TABLE style_profiles (
  key TEXT PRIMARY KEY,
  script INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  messages INTEGER NOT NULL,
  is_address INTEGER NOT NULL,
  profile BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX style_profiles_by_order ON style_profiles(script, ord) WHERE is_address = 1;
)sql"},
};

}  // namespace

Result<void> Migrate(Connection& connection) {
  return connection.InTransaction("BEGIN IMMEDIATE", [&]() -> Result<void> {
    auto current = connection.QueryInt("PRAGMA user_version");
    if (!current) return tl::unexpected(current.error());
    if (*current > kSchemaVersion) {
      return MakeError(ErrorCode::kUnavailable,
                       "store " + connection.path() + " has schema version " +
                           std::to_string(*current) + " but this becguard knows only up to " +
                           std::to_string(kSchemaVersion) +
                           "; it was written by a newer becguard, upgrade to use it");
    }
    for (const auto& migration : kMigrations) {
      if (migration.version <= *current) continue;
      BECGUARD_RETURN_IF_ERROR(connection.Exec(migration.sql));
      BECGUARD_RETURN_IF_ERROR(
          connection.Exec("PRAGMA user_version = " + std::to_string(migration.version)));
    }
    return {};
  });
}

}  // namespace becguard::store::sqlite
