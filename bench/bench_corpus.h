// Loads benchmark input: up to `limit` messages from ../shared/corpus/<folder> when present
// (run from the project root), else the bundled examples. Benchmarks only.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace becguard::bench {

inline std::vector<std::string> LoadCorpus(const std::string& folder, std::size_t limit) {
  namespace fs = std::filesystem;
  const fs::path source(BECGUARD_SOURCE_DIR);
  fs::path dir = source / ".." / "shared" / "corpus" / folder;
  if (!fs::is_directory(dir)) dir = source / "examples" / "mail";
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".eml")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.size() > limit) files.resize(limit);
  std::vector<std::string> messages;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    messages.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return messages;
}

}  // namespace becguard::bench
