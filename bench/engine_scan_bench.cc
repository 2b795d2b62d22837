// Whole pipeline (parse, lexicons, every detector, scoring) per message, on real mail.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "becguard/engine.h"
#include "bench_corpus.h"

namespace becguard {
namespace {

std::unique_ptr<Engine> MakeEngine() {
  // A memory store that is read but not taught: every iteration sees the same context.
  EngineOptions options;
  options.store_location = "memory:";
  options.learn_on_scan = LearnPolicy::kNone;
  auto engine =
      Engine::CreateFromFile(std::string(BECGUARD_SOURCE_DIR) + "/examples/becguard.toml", options);
  if (!engine) {
    std::fprintf(stderr, "engine: %s\n", engine.error().ToString().c_str());
    std::abort();
  }
  return std::move(*engine);
}

void ScanCorpus(benchmark::State& state, const char* folder) {
  static const std::unique_ptr<Engine> engine = MakeEngine();
  const std::vector<std::string> messages = bench::LoadCorpus(folder, 1000);
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& raw = messages[i++ % messages.size()];
    auto report = engine->Scan(ScanInput{raw, "bench", {}});
    benchmark::DoNotOptimize(report);
    bytes += raw.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

BENCHMARK_CAPTURE(ScanCorpus, ham, "ham");
BENCHMARK_CAPTURE(ScanCorpus, phish, "phish");
BENCHMARK_CAPTURE(ScanCorpus, bec_dev, "bec-dev");
BENCHMARK_CAPTURE(ScanCorpus, ham_spamassassin, "ham-spamassassin");

}  // namespace
}  // namespace becguard

BENCHMARK_MAIN();
