// The PostgreSQL store's schema and its ordered migrations. The applied versions are rows of
// `schema_version`; migrations run in one transaction under a transaction-scoped advisory lock,
// so several nodes starting at once against a new database wait for the first one and then
// find the schema in place. Stateless; throws libpqxx exceptions (the store converts them).
#pragma once

#include <cstdint>
#include <string>

// The umbrella header: libpqxx 6's single headers depend on their include order.
#include <pqxx/pqxx>

namespace becguard::store::postgres {

// The newest schema this build knows.
inline constexpr std::int64_t kSchemaVersion = 1;

// Applies every migration newer than the database's. Returns an empty string, or why the
// database cannot be used (written by a newer becguard: an old build must not guess at tables
// it does not know).
std::string Migrate(pqxx::connection& connection);

}  // namespace becguard::store::postgres
