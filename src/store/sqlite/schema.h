// The SQLite store's schema and its ordered migrations. The version lives in
// PRAGMA user_version (part of the database header, so it changes in the same transaction as
// the migration that sets it). Stateless functions; call with the connection's owner lock held.
#pragma once

#include <cstdint>

#include "becguard/result.h"
#include "store/sqlite/connection.h"

namespace becguard::store::sqlite {

// The newest schema this build knows.
inline constexpr std::int64_t kSchemaVersion = 3;

// Applies every migration newer than the file's version in one IMMEDIATE transaction (other
// processes opening the same new file wait, then find it migrated). Refuses, with
// kUnavailable, a file written by a newer becguard: an old build must not guess at tables it
// does not know.
Result<void> Migrate(Connection& connection);

// The same, stopping at `version` (upgrade tests build the files older releases wrote).
Result<void> MigrateTo(Connection& connection, std::int64_t version);

}  // namespace becguard::store::sqlite
