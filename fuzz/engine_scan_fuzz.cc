// Whole pipeline under libFuzzer: any bytes must produce a report (never a crash or an Error).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "becguard/engine.h"

namespace {

const becguard::Engine& GetEngine() {
  static const auto engine = [] {
    becguard::EngineOptions options;  // read a store on every input, never grow it
    options.store_location = "memory:";
    options.learn_on_scan = becguard::LearnPolicy::kNone;
    auto created = becguard::Engine::CreateFromFile(
        std::string(BECGUARD_SOURCE_DIR) + "/examples/becguard.toml", options);
    if (!created) {
      std::fprintf(stderr, "engine: %s\n", created.error().ToString().c_str());
      std::abort();
    }
    return std::move(*created);
  }();
  return *engine;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  auto report = GetEngine().Scan(becguard::ScanInput{raw, "fuzz", {}});
  if (!report) std::abort();  // malformed mail is data: the engine must always answer
  if (report->score < 0 || report->score > 100) std::abort();
  return 0;
}
