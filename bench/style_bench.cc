// Cost of writing-style verification: extracting a message's style, verifying it against a
// profile with 16 impostors (the engine's default), and a profile's serialised size.
// Synthetic text (a fixed vocabulary per writer), so no corpus is needed.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "style/features.h"
#include "style/profile.h"
#include "style/verifier.h"

namespace {

using becguard::style::StyleProfile;

// A deterministic pseudo-text: writer `w` prefers its own words and punctuation.
std::string Text(int writer, int message, int words) {
  static const char* kWords[] = {"the",     "report",   "meeting", "please", "send",   "we",
                                 "need",    "contract", "price",   "today",  "call",   "team",
                                 "numbers", "review",   "draft",   "client", "budget", "next",
                                 "week",    "thanks",   "and",     "to",     "of",     "a"};
  std::uint64_t state =
      0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(writer * 1000 + message + 1);
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  std::string text = writer % 2 ? "Hi team,\n\n" : "";
  for (int i = 0; i < words; ++i) {
    text += kWords[(next() % 12 + static_cast<std::uint64_t>(writer) * 3) % 24];
    text += (i % (6 + writer % 5) == 5) ? (writer % 3 ? ". " : "! ") : " ";
  }
  text += writer % 2 ? "\n\nThanks,\nAl\n" : "\n\n-Bo\n";
  return text;
}

StyleProfile Profile(int writer) {
  StyleProfile p;
  for (int m = 0; m < 40; ++m) p.Add(becguard::style::ExtractMessageStyle(Text(writer, m, 120)));
  return p;
}

void BM_ExtractStyle(benchmark::State& state) {
  const std::string text = Text(1, 999, static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(becguard::style::ExtractMessageStyle(text));
}
BENCHMARK(BM_ExtractStyle)->Arg(50)->Arg(200);

void BM_Verify(benchmark::State& state) {
  const StyleProfile claimed = Profile(0);
  std::vector<StyleProfile> others;
  for (int w = 1; w <= state.range(0); ++w) others.push_back(Profile(w));
  std::vector<const StyleProfile*> impostors;
  for (const StyleProfile& p : others) impostors.push_back(&p);
  const auto sample = becguard::style::ExtractMessageStyle(Text(0, 999, 120));
  const becguard::style::Verifier verifier;
  for (auto _ : state) benchmark::DoNotOptimize(verifier.Verify(sample, claimed, impostors));
  state.counters["profile_bytes"] = static_cast<double>(claimed.Serialize().size());
}
BENCHMARK(BM_Verify)->Arg(5)->Arg(16)->Unit(benchmark::kMicrosecond);

void BM_VerifyMargin(benchmark::State& state) {
  const StyleProfile claimed = Profile(0);
  std::vector<StyleProfile> others;
  for (int w = 1; w <= 16; ++w) others.push_back(Profile(w));
  std::vector<const StyleProfile*> impostors;
  for (const StyleProfile& p : others) impostors.push_back(&p);
  const auto sample = becguard::style::ExtractMessageStyle(Text(0, 999, 120));
  const becguard::style::Verifier verifier(
      becguard::style::VerifierOptions{becguard::style::VerifyMethod::kMargin});
  for (auto _ : state) benchmark::DoNotOptimize(verifier.Verify(sample, claimed, impostors));
}
BENCHMARK(BM_VerifyMargin)->Unit(benchmark::kMicrosecond);

void BM_ProfileRoundTrip(benchmark::State& state) {
  const std::string blob = Profile(3).Serialize();
  for (auto _ : state) benchmark::DoNotOptimize(StyleProfile::Deserialize(blob));
  state.counters["profile_bytes"] = static_cast<double>(blob.size());
}
BENCHMARK(BM_ProfileRoundTrip)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
