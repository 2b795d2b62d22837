// Store: where learned context lives. One small interface, implemented by the in-memory store
// (tests, one-shot scans), the embedded SQLite store (default) and, later, PostgreSQL (several
// scanner nodes). Detectors never see a Store: the engine takes a LearnedContext snapshot
// before detection and calls Learn after the verdict.
//
// Thread-safety: implementations are safe to call from several threads; the SQLite store is
// also safe for several processes on one file. Learn is atomic: a killed process leaves the
// store as it was before or after the message, never half-written.
#pragma once

#include <memory>
#include <string>

#include "becguard/result.h"
#include "context/learned_context.h"

namespace becguard::context {

class Store {
 public:
  virtual ~Store() = default;

  // Everything the store knows about the query's keys, read in one consistent snapshot.
  virtual Result<LearnedContext> Snapshot(const ContextQuery& query) = 0;

  // Adds one message. Learning the same Message-ID twice changes nothing the second time.
  virtual Result<void> Learn(const LearnRecord& record) = 0;

  // Number of distinct messages learned.
  virtual Result<std::int64_t> MessageCount() = 0;
};

// "sqlite:/path/to/file.db", a plain path (SQLite), or "memory:" (nothing persists).
Result<std::unique_ptr<Store>> OpenStore(const std::string& location);

}  // namespace becguard::context
