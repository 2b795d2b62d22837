// ReadSnapshot: the SQL that answers a ContextQuery from the PostgreSQL store: one statement
// (one round trip, one MVCC snapshot, so every part comes from one database state even while
// other nodes learn) with a batched index lookup per kind of key (`= ANY($1)`), plus one to
// fetch style profiles the process's ProfileCache does not hold at their current version. Throws
// libpqxx exceptions.
#pragma once

#include <cstdint>

#include "context/learned_context.h"
#include "store/postgres/connection.h"
#include "store/profile_cache.h"

namespace becguard::store::postgres {

struct SnapshotRead {
  context::LearnedContext context;
  // False in the rare case TakeStyle describes (a claimed profile blob of another format
  // version): run ReadSnapshot and ReadImpostors again in one REPEATABLE READ transaction.
  bool complete = true;
};

SnapshotRead ReadSnapshot(Tx& tx, ProfileCache& cache, const context::ContextQuery& query);

// The number of distinct messages learned (the sum of the count shards).
std::int64_t ReadMessageCount(Tx& tx);

}  // namespace becguard::store::postgres
