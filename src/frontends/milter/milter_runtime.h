// MilterRuntime: the engine and [milter] settings in force, swapped as a whole on reload
// (SIGHUP). Sessions take a shared_ptr at end of message, so a message in flight finishes with
// the engine it started with. RuntimeHolder is thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "becguard/engine.h"
#include "becguard/result.h"
#include "frontends/milter/milter_config.h"

namespace becguard::milter {

struct MilterRuntime {
  std::shared_ptr<const Engine> engine;
  MilterConfig config;
};

// Reads the config file ("" = built-in defaults), its [milter] table and builds the engine.
Result<std::shared_ptr<const MilterRuntime>> LoadRuntime(const std::string& config_path,
                                                         const EngineOptions& options);

class RuntimeHolder {
 public:
  std::shared_ptr<const MilterRuntime> Get() const {
    std::lock_guard<std::mutex> lock(mu_);
    return current_;
  }
  void Set(std::shared_ptr<const MilterRuntime> runtime) {
    std::lock_guard<std::mutex> lock(mu_);
    current_ = std::move(runtime);
  }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const MilterRuntime> current_;
};

}  // namespace becguard::milter
