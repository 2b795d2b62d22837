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
    // Trust (context/trust.h) and bounded snapshot lookups (docs/STORE.md#cost).
    // Rows learned before this version came from `becguard learn` or from scans under the old
    // rules; they are taken as vouched, so an upgrade does not turn every partner into a first
    // contact.
    {3, R"sql(
ALTER TABLE correspondents ADD COLUMN vouched_messages INTEGER NOT NULL DEFAULT 0;
ALTER TABLE correspondents ADD COLUMN first_learned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE correspondents ADD COLUMN last_learned INTEGER NOT NULL DEFAULT 0;
UPDATE correspondents SET vouched_messages = messages_from + messages_to;
ALTER TABLE domains ADD COLUMN vouched_messages INTEGER NOT NULL DEFAULT 0;
ALTER TABLE domains ADD COLUMN first_learned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE domains ADD COLUMN last_learned INTEGER NOT NULL DEFAULT 0;
UPDATE domains SET vouched_messages = messages_from;
ALTER TABLE payments ADD COLUMN times_vouched INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN first_learned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN last_learned INTEGER NOT NULL DEFAULT 0;
UPDATE payments SET times_vouched = times_seen;

-- Most used names of an address, and most used addresses of a name key, each read with LIMIT
-- straight off an index (rowid, implicit in the index, keeps first use first among equals).
CREATE INDEX display_names_by_count ON display_names(address, count DESC);
CREATE TABLE name_addresses (
  name_key TEXT NOT NULL,
  address TEXT NOT NULL,
  count INTEGER NOT NULL,
  UNIQUE (name_key, address)
);
INSERT INTO name_addresses (name_key, address, count)
  SELECT name_key, address, sum(count) FROM display_names WHERE name_key <> ''
  GROUP BY name_key, address ORDER BY min(rowid);
CREATE INDEX name_addresses_by_count ON name_addresses(name_key, count DESC);
DROP INDEX display_names_by_key;

-- Thread participants in first-seen order.
CREATE INDEX thread_participants_in_order ON thread_participants(thread_id);

-- A counterparty's most recent bank details.
CREATE INDEX payments_by_recency ON payments(counterparty_domain, last_seen DESC);

-- Newest fingerprints of one SimHash band or one subject.
DROP INDEX fingerprints_band0;
DROP INDEX fingerprints_band1;
DROP INDEX fingerprints_band2;
DROP INDEX fingerprints_band3;
DROP INDEX fingerprints_subject;
CREATE INDEX fingerprints_band0 ON fingerprints(band0, date DESC);
CREATE INDEX fingerprints_band1 ON fingerprints(band1, date DESC);
CREATE INDEX fingerprints_band2 ON fingerprints(band2, date DESC);
CREATE INDEX fingerprints_band3 ON fingerprints(band3, date DESC);
CREATE INDEX fingerprints_subject ON fingerprints(normalized_subject, date DESC);

-- The impostor pool: mature address profiles only, so a sample is a short range scan however
-- many immature profiles the store holds (the constant is context::kStyleImpostorMinMessages);
-- covering (the query repeats the WHERE terms, so they are in it too), so a cached profile is
-- never read from the table again (store::ProfileCache).
DROP INDEX style_profiles_by_order;
CREATE INDEX style_impostor_pool ON style_profiles(script, ord, messages, is_address)
  WHERE is_address = 1 AND messages >= 20;
)sql"},
};

}  // namespace

Result<void> Migrate(Connection& connection) { return MigrateTo(connection, kSchemaVersion); }

Result<void> MigrateTo(Connection& connection, std::int64_t version) {
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
      if (migration.version <= *current || migration.version > version) continue;
      BECGUARD_RETURN_IF_ERROR(connection.Exec(migration.sql));
      BECGUARD_RETURN_IF_ERROR(
          connection.Exec("PRAGMA user_version = " + std::to_string(migration.version)));
    }
    return {};
  });
}

}  // namespace becguard::store::sqlite
