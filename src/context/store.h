// Store: where learned context lives. One small interface, implemented by the in-memory store
// (tests, one-shot scans), the embedded SQLite store (default) and PostgreSQL (several scanner
// nodes on one database). Detectors never see a Store: the engine takes a LearnedContext
// snapshot before detection and calls Learn after the verdict.
//
// Thread-safety: implementations are safe to call from several threads; the SQLite store is
// also safe for several processes on one file, the PostgreSQL store for several processes on
// several hosts. Learn is atomic: a killed process leaves the
// store as it was before or after the batch, never half-written.
//
// Cost: Snapshot is a bounded number of index lookups, each with a bounded result, whatever the
// store holds (docs/STORE.md lists what each lookup keeps when it has to cut).
#pragma once

#include <memory>
#include <span>
#include <string>

#include "becguard/result.h"
#include "context/learned_context.h"

namespace becguard::context {

class Store {
 public:
  virtual ~Store() = default;

  // Everything the store knows about the query's keys, read in one consistent snapshot.
  virtual Result<LearnedContext> Snapshot(const ContextQuery& query) = 0;

  // Adds the messages in order, in one transaction: all of them or none. Learning the same
  // Message-ID twice changes nothing the second time. Batches make learning fast (one commit
  // for many messages); a crash loses at most the batch being written.
  virtual Result<void> Learn(std::span<const LearnRecord> records) = 0;
  Result<void> Learn(const LearnRecord& record) { return Learn(std::span(&record, 1)); }

  // Number of distinct messages learned.
  virtual Result<std::int64_t> MessageCount() = 0;
};

// "sqlite:/path/to/file.db", a plain path (SQLite), "memory:" (nothing persists), or a libpq
// URI "postgresql://..." / "postgres://..." (a database shared by several nodes; becguard's own
// query parameter pool_size=N caps this process's connections, default 8).
Result<std::unique_ptr<Store>> OpenStore(const std::string& location);

}  // namespace becguard::context
