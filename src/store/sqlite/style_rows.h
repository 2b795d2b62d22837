// The SQLite store's writing-style rows: merging a learned message's style into its sender's
// profiles, and reading the claimed sender's profiles plus an impostor sample for a snapshot.
// Stateless functions; call inside the store's transaction with its lock held.
#pragma once

#include <map>
#include <string>

#include "becguard/result.h"
#include "context/learned_context.h"
#include "store/profile_cache.h"
#include "store/sqlite/connection.h"
#include "style/profile.h"

namespace becguard::store::sqlite {

// Profiles changed by the messages of one batch, written once at its end: a sender with many
// messages in a batch costs one 5 KB blob, not one per message.
using PendingProfiles = std::map<std::string, style::StyleProfile>;

// Merges the record's style into `pending` (read from the table on first use).
Result<void> LearnStyle(Connection& db, const context::LearnRecord& record,
                        PendingProfiles& pending);
// Writes and clears `pending`; inside the same transaction as the records.
Result<void> WritePendingProfiles(Connection& db, PendingProfiles& pending);

// Impostor profiles come from `cache` when it holds their current version.
Result<void> ReadStyle(Connection& db, const context::ContextQuery& query, ProfileCache& cache,
                       context::LearnedContext& out);

}  // namespace becguard::store::sqlite
