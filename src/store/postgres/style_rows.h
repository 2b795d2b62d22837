// The PostgreSQL store's writing-style rows (profile blobs as bytea): merging learned messages'
// style into their senders' profiles, and reading the claimed sender's profiles plus an
// impostor sample for a snapshot. Throws libpqxx exceptions; runs in the caller's transaction.
#pragma once

#include <vector>

#include "context/learned_context.h"
#include "store/postgres/connection.h"

namespace becguard::store::postgres {

// Records in batch order, each new to the store. A profile is read, extended and written back
// under its row lock (profile keys sorted: part of the writer's lock order), so two nodes
// teaching the same sender both land.
void LearnStyle(Tx& tx, const std::vector<const context::LearnRecord*>& records);

void ReadStyle(Tx& tx, const context::ContextQuery& query, context::LearnedContext& out);

}  // namespace becguard::store::postgres
