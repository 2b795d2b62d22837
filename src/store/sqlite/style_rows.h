// The SQLite store's writing-style rows: merging a learned message's style into its sender's
// profiles, and reading the claimed sender's profiles plus an impostor sample for a snapshot.
// Stateless functions; call inside the store's transaction with its lock held.
#pragma once

#include "becguard/result.h"
#include "context/learned_context.h"
#include "store/sqlite/connection.h"

namespace becguard::store::sqlite {

Result<void> LearnStyle(Connection& db, const context::LearnRecord& record);

Result<void> ReadStyle(Connection& db, const context::ContextQuery& query,
                       context::LearnedContext& out);

}  // namespace becguard::store::sqlite
