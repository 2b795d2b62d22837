// The libmilter adapter: the process-wide state the C callbacks reach (libmilter passes no user
// pointer), the callback table, and RunMilter, which owns start-up, signals (SIGHUP reloads,
// SIGTERM/SIGINT stop gracefully) and shutdown. Only this layer includes libmilter; decisions
// live in MilterResponse / BannerInserter / HeaderRenderer.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "becguard/engine.h"
#include "frontends/milter/milter_runtime.h"
#include "frontends/milter/scan_pool.h"

struct smfiDesc;

namespace becguard::milter {

struct MilterOptions {
  std::string config_path;  // "" = built-in defaults
  std::string socket;       // overrides [milter] socket when set
  EngineOptions engine_options;
};

// Shared by every callback; set once before smfi_main and torn down after it returns.
struct MilterService {
  RuntimeHolder runtime;
  std::unique_ptr<ScanPool> pool;
  std::atomic<int> active_sessions{0};
  std::atomic<unsigned long> messages{0};
};

// The callback table, bound to `service` (which must outlive smfi_main).
smfiDesc* MilterDescription(MilterService* service);

// Runs the milter until SIGTERM/SIGINT. Returns the process exit code.
int RunMilter(const MilterOptions& options);

}  // namespace becguard::milter
