// ReadSnapshot: the SQL that answers a ContextQuery from the PostgreSQL store, inside the
// caller's read-only REPEATABLE READ transaction, so every part comes from one database state
// even while other nodes learn. One batched statement per kind of key (`= ANY($1)`), none for
// keys the query does not have. Throws libpqxx exceptions.
#pragma once

#include <cstdint>

#include "context/learned_context.h"
#include "store/postgres/connection.h"

namespace becguard::store::postgres {

context::LearnedContext ReadSnapshot(Tx& tx, const context::ContextQuery& query);

// The number of distinct messages learned (the sum of the count shards).
std::int64_t ReadMessageCount(Tx& tx);

}  // namespace becguard::store::postgres
