// Parse speed of mime::Parse on real mail (../shared/corpus when present).
#include <benchmark/benchmark.h>

#include "bench_corpus.h"
#include "mime/parser.h"

namespace becguard {
namespace {

void ParseCorpus(benchmark::State& state, const char* folder) {
  mime::InitMime();
  const std::vector<std::string> messages = bench::LoadCorpus(folder, 1000);
  const Limits limits;
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& raw = messages[i++ % messages.size()];
    ParsedMessage parsed = mime::Parse(raw, limits);
    benchmark::DoNotOptimize(parsed);
    bytes += raw.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

BENCHMARK_CAPTURE(ParseCorpus, ham, "ham");
BENCHMARK_CAPTURE(ParseCorpus, phish, "phish");
BENCHMARK_CAPTURE(ParseCorpus, bec_dev, "bec-dev");

}  // namespace
}  // namespace becguard

BENCHMARK_MAIN();
