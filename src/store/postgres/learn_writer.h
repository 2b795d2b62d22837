// WriteBatch: the SQL that adds LearnRecords to the PostgreSQL store, inside the caller's READ
// COMMITTED transaction, so a batch lands whole or not at all. The batch is folded in memory,
// in record order, into one row change per key, and each table takes one statement for the
// whole batch; the result is the same as applying the records one by one.
//
// Several nodes may learn at once:
// - Counters are increments upserted on the newest row version (`count = count + n`), so no
//   concurrent learner's count is lost.
// - The Message-ID insert (ON CONFLICT DO NOTHING) decides which writer learns a message two
//   batches share; the other waits for it and then skips the message.
// - Locks are taken in one global order: message ids, then the thread_messages rows of every id
//   whose thread is looked up (claimed, inserted if missing), then threads, correspondents,
//   domains, payments and style profiles, each sorted by key. Display names and name owners
//   ride on their address's correspondent lock, participants on their thread's, fingerprints
//   on their message's, so two writers never wait in a cycle.
// - Claiming the thread_messages rows makes thread resolution see a concurrently learned parent
//   or reply, so related messages learned on two nodes still join one thread.
// Throws libpqxx exceptions; not thread-safe (one transaction).
#pragma once

#include <cstdint>
#include <span>

#include "context/learned_context.h"
#include "store/postgres/connection.h"

namespace becguard::store::postgres {

// The number of messages newly learned (records whose key was already learned, in the store
// or earlier in the batch, change nothing).
std::int64_t WriteBatch(Tx& tx, std::span<const context::LearnRecord> records);

}  // namespace becguard::store::postgres
