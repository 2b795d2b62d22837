// WriteRecord: the SQL that adds one LearnRecord to the SQLite store. Runs inside the caller's
// IMMEDIATE transaction, so all of its rows land together or not at all. Not thread-safe
// (used under the store's mutex).
#pragma once

#include "becguard/result.h"
#include "context/learned_context.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/style_rows.h"

namespace becguard::store::sqlite {

// Does nothing when the message key is already in `messages` (idempotent re-learning). Style
// profile changes collect in `pending` (WritePendingProfiles ends the batch).
Result<void> WriteRecord(Connection& connection, const context::LearnRecord& record,
                         PendingProfiles& pending);

}  // namespace becguard::store::sqlite
