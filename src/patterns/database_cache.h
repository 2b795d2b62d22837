// A disk cache of compiled Hyperscan databases. Compiling becguard's lexicons takes about a
// second of CPU; loading a cached database takes milliseconds, which matters for a CLI started
// per mailbox and for test suites. The file name holds a hash of the patterns, their flags, the
// Hyperscan version and the CPU platform, so a changed lexicon or library never loads a stale
// database; a file that fails to deserialise is ignored and rewritten.
// Safe against other local users: a cache file is loaded only when it is a regular file owned
// by this user and writable by no one else, in a directory no one else may write; files are
// created fresh (O_EXCL, 0600, never through a symbolic link) and renamed into place whole.
// Thread-safe.
#pragma once

#include <hs/hs.h>

#include <cstdint>
#include <string>
#include <vector>

#include "patterns/pattern_set.h"

namespace becguard::patterns {

std::uint64_t DatabaseKey(const std::vector<PatternSpec>& specs, unsigned flags);

// nullptr when the cache is disabled (empty dir), missing or unusable.
hs_database_t* LoadCachedDatabase(const std::string& cache_dir, std::uint64_t key);

// Best effort: a cache that cannot be written only costs the next start-up a compile.
void SaveCachedDatabase(const std::string& cache_dir, std::uint64_t key,
                        const hs_database_t* database);

}  // namespace becguard::patterns
