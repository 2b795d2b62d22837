// ReadSnapshot: the SQL that answers a ContextQuery from the SQLite store. Runs inside the
// caller's read transaction, so every part comes from the same database state. Not
// thread-safe (used under the store's mutex).
#pragma once

#include "becguard/result.h"
#include "context/learned_context.h"
#include "store/profile_cache.h"
#include "store/sqlite/connection.h"

namespace becguard::store::sqlite {

// Style impostor profiles come from `profiles` when it has their current version.
Result<context::LearnedContext> ReadSnapshot(Connection& connection,
                                             const context::ContextQuery& query,
                                             ProfileCache& profiles);

// The number of distinct messages learned (a counter row, not a table scan).
Result<std::int64_t> ReadMessageCount(Connection& connection);

}  // namespace becguard::store::sqlite
