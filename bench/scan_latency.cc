// Per-message scan latency on one thread, for bench/store_scale.sh: loads every .eml under a
// directory into memory (so no disk read is timed), scans each once with the given config and
// store, read-only (store.learn_on_scan = none, as `scan --no-learn`), and prints one line:
//   messages=N seconds=S msg_per_s=R p50_us=A p99_us=B max_us=C
// The CLI's own figure (bench/store_scale.sh runs it too) includes start-up and file reads;
// this one is the scan alone, message by message. Not a Google Benchmark: each message once,
// in name order, as a scanner meets them.
//
//   scan_latency --config FILE --store LOCATION DIR     (--store "" for no store)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "becguard/engine.h"

int main(int argc, char** argv) {
  std::string config, dir;
  std::optional<std::string> store;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--config" && i + 1 < argc) {
      config = argv[++i];
    } else if (arg == "--store" && i + 1 < argc) {
      store = argv[++i];
    } else {
      dir = arg;
    }
  }
  if (config.empty() || !store || dir.empty()) {
    std::fprintf(stderr, "usage: %s --config FILE --store LOCATION DIR\n", argv[0]);
    return 2;
  }
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".eml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> messages;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    messages.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  becguard::EngineOptions options;
  options.store_location = *store;
  options.learn_on_scan = becguard::LearnPolicy::kNone;
  auto engine = becguard::Engine::CreateFromFile(config, options);
  if (!engine) {
    std::fprintf(stderr, "scan_latency: %s\n", engine.error().ToString().c_str());
    return 2;
  }
  std::vector<double> micros;
  micros.reserve(messages.size());
  int failed = 0;
  for (const std::string& raw : messages) {
    const auto start = std::chrono::steady_clock::now();
    auto report = (*engine)->Scan(becguard::ScanInput{raw, "scan_latency", {}});
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
    if (!report) ++failed;
  }
  if (micros.empty()) {
    std::fprintf(stderr, "scan_latency: no .eml files under %s\n", dir.c_str());
    return 2;
  }
  double total = 0;
  for (double m : micros) total += m;
  std::sort(micros.begin(), micros.end());
  auto at = [&](double q) { return micros[static_cast<std::size_t>(q * (micros.size() - 1))]; };
  std::printf("messages=%zu seconds=%.3f msg_per_s=%.0f p50_us=%.0f p99_us=%.0f max_us=%.0f\n",
              micros.size(), total / 1e6, micros.size() / (total / 1e6), at(0.50), at(0.99),
              micros.back());
  return failed > 0 ? 1 : 0;
}
