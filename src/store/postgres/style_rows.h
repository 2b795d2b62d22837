// The PostgreSQL store's writing-style rows (profile blobs as bytea): merging learned messages'
// style into their senders' profiles, and turning the profile rows a snapshot read into the
// claimed sender's profiles plus an impostor sample. Throws libpqxx exceptions; runs in the
// caller's transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "context/learned_context.h"
#include "store/postgres/connection.h"
#include "store/profile_cache.h"

namespace becguard::store::postgres {

// Records in batch order, each new to the store. A profile is read, extended and written back
// once per batch under its row lock (profile keys sorted: part of the writer's lock
// order), so two nodes teaching the same sender both land.
void LearnStyle(Tx& tx, const std::vector<const context::LearnRecord*>& records);

// A profile row as a snapshot sees it: its key and version (its message count, see
// ProfileCache), no blob.
struct StyleRow {
  std::string key;
  std::int64_t messages = 0;
};
struct StyleRows {
  std::vector<StyleRow> profiles;   // of the asked keys
  std::vector<StyleRow> impostors;  // the sample, in order, for the first asked key found
};

// Fills out.style_profiles and out.style_impostors the way the SQLite store does, taking each
// profile from the process's cache or, when the cache lacks its version, fetching the blobs in
// one more statement (which may find a newer version: then that one is used). The snapshot
// statement picked impostors of the script of the first asked key that has a row; false when that
// row's blob does not deserialize (written by another format version): the claimed profile is then
// a later key's, maybe of another script, and ReadImpostors must pick again.
bool TakeStyle(Tx& tx, ProfileCache& cache, const context::ContextQuery& query,
               const StyleRows& rows, context::LearnedContext& out);

// The impostor sample for out's claimed profile (the first of query.style_keys in
// out.style_profiles), read on its own.
void ReadImpostors(Tx& tx, ProfileCache& cache, const context::ContextQuery& query,
                   context::LearnedContext& out);

}  // namespace becguard::store::postgres
