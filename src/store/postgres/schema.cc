#include "store/postgres/schema.h"

namespace becguard::store::postgres {
namespace {

// pg_advisory_xact_lock(int, int) keys ("becg", "schm"), held until the migration commits.
constexpr char kLockSchema[] = "SELECT pg_advisory_xact_lock(1650811751, 1935894893)";

struct Migration {
  std::int64_t version;
  const char* sql;
};

// Append only: a released migration is never edited, a change is a new entry. Tables mirror
// the SQLite store's; ids (bigserial) keep first-seen order where SQLite uses rowid. No
// foreign keys: the writer keeps the rows consistent, and key-share locks would only add lock
// traffic between nodes.
constexpr Migration kMigrations[] = {
    {1, R"sql(
-- The earlier of two times where 0 means unknown: an unknown date never moves first_seen (nor
-- an unknown learned_at first_learned).
-- A plain SQL function, inlined by the planner.
CREATE FUNCTION earliest_known(kept bigint, seen bigint) RETURNS bigint
IMMUTABLE LANGUAGE sql AS $$
  SELECT CASE WHEN seen = 0 THEN kept WHEN kept = 0 THEN seen ELSE least(kept, seen) END
$$;

-- The learned-message count, split in shards so that concurrent learners do not all queue on
-- one row; the count is their sum.
CREATE TABLE message_counts (
  shard integer PRIMARY KEY,
  value bigint NOT NULL
);

CREATE TABLE messages (
  message_id text PRIMARY KEY,
  date bigint NOT NULL,
  direction smallint NOT NULL,
  from_address text NOT NULL
);

CREATE TABLE correspondents (
  address text PRIMARY KEY,
  registrable_domain text NOT NULL,
  first_seen bigint NOT NULL,
  last_seen bigint NOT NULL,
  messages_from bigint NOT NULL,
  messages_to bigint NOT NULL,
  vouched_messages bigint NOT NULL,
  first_learned bigint NOT NULL,
  last_learned bigint NOT NULL
);

CREATE TABLE display_names (
  id bigserial PRIMARY KEY,
  address text NOT NULL,
  name text NOT NULL,
  name_key text NOT NULL,
  count bigint NOT NULL,
  UNIQUE (address, name)
);
CREATE INDEX display_names_by_count ON display_names (address, count DESC, id);

-- The addresses that wore a display name (by text::NameKey), most used first.
CREATE TABLE name_addresses (
  id bigserial PRIMARY KEY,
  name_key text NOT NULL,
  address text NOT NULL,
  count bigint NOT NULL,
  UNIQUE (name_key, address)
);
CREATE INDEX name_addresses_by_count ON name_addresses (name_key, count DESC, id);

CREATE TABLE domains (
  registrable_domain text PRIMARY KEY,
  messages_from bigint NOT NULL,
  vouched_messages bigint NOT NULL,
  first_learned bigint NOT NULL,
  last_learned bigint NOT NULL
);

CREATE TABLE threads (
  thread_id text PRIMARY KEY,
  normalized_subject text NOT NULL,
  first_seen bigint NOT NULL,
  last_seen bigint NOT NULL,
  messages bigint NOT NULL
);

-- Learned messages and the ids they reference, so a reply learned before its parent still
-- joins the thread the parent later lands in.
CREATE TABLE thread_messages (
  message_id text PRIMARY KEY,
  thread_id text NOT NULL
);

CREATE TABLE thread_participants (
  id bigserial PRIMARY KEY,
  thread_id text NOT NULL,
  address text NOT NULL,
  name text NOT NULL,
  UNIQUE (thread_id, address, name)
);
CREATE INDEX thread_participants_in_order ON thread_participants (thread_id, id);

CREATE TABLE payments (
  id bigserial PRIMARY KEY,
  counterparty_domain text NOT NULL,
  counterparty_address text NOT NULL,
  kind text NOT NULL,
  value text NOT NULL,
  holder text NOT NULL,
  first_seen bigint NOT NULL,
  last_seen bigint NOT NULL,
  times_seen bigint NOT NULL,
  times_vouched bigint NOT NULL,
  first_learned bigint NOT NULL,
  last_learned bigint NOT NULL,
  UNIQUE (counterparty_domain, counterparty_address, kind, value)
);
CREATE INDEX payments_by_recency ON payments (counterparty_domain, last_seen DESC, id);

CREATE TABLE fingerprints (
  message_id text PRIMARY KEY,
  sender_address text NOT NULL,
  sender_domain text NOT NULL,
  normalized_subject text NOT NULL,
  simhash bigint NOT NULL,
  band0 integer NOT NULL,
  band1 integer NOT NULL,
  band2 integer NOT NULL,
  band3 integer NOT NULL,
  payment_values text NOT NULL,
  date bigint NOT NULL
);
CREATE INDEX fingerprints_band0 ON fingerprints (band0, date DESC);
CREATE INDEX fingerprints_band1 ON fingerprints (band1, date DESC);
CREATE INDEX fingerprints_band2 ON fingerprints (band2, date DESC);
CREATE INDEX fingerprints_band3 ON fingerprints (band3, date DESC);
CREATE INDEX fingerprints_subject ON fingerprints (normalized_subject, date DESC);

-- Writing-style profiles (style::StyleProfile blobs), by address and by configured person.
-- (script, ord) orders address profiles for the deterministic impostor sample; the pool is the
-- mature ones only (context::kStyleImpostorMinMessages), so a sample is a short range scan
-- however many immature profiles there are; covering, so that a sample whose profiles a node
-- has cached (store::ProfileCache, by message count) does not touch the table.
CREATE TABLE style_profiles (
  key text PRIMARY KEY,
  script integer NOT NULL,
  ord bigint NOT NULL,
  messages bigint NOT NULL,
  is_address boolean NOT NULL,
  profile bytea NOT NULL
);
CREATE INDEX style_impostor_pool ON style_profiles (script, ord) INCLUDE (key, messages)
  WHERE is_address AND messages >= 20;
)sql"},
};

}  // namespace

std::string Migrate(pqxx::connection& connection) {
  pqxx::work tx(connection, "becguard_migrate");
  tx.exec(kLockSchema);
  tx.exec0(
      "CREATE TABLE IF NOT EXISTS schema_version (version bigint PRIMARY KEY, "
      "applied_at timestamptz NOT NULL DEFAULT now())");
  const auto current =
      tx.exec1("SELECT coalesce(max(version), 0) FROM schema_version")[0].as<std::int64_t>();
  if (current > kSchemaVersion) {
    return "the database has schema version " + std::to_string(current) +
           " but this becguard knows only up to " + std::to_string(kSchemaVersion) +
           "; it was written by a newer becguard, upgrade to use it";
  }
  for (const auto& migration : kMigrations) {
    if (migration.version <= current) continue;
    tx.exec(migration.sql);
    tx.exec_params0("INSERT INTO schema_version (version) VALUES ($1)", migration.version);
  }
  tx.commit();
  return "";
}

}  // namespace becguard::store::postgres
