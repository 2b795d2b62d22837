// Runs the parser over a local mail corpus when one is present (BECGUARD_CORPUS, default
// ../shared/corpus beside the project); skipped otherwise, so CI never depends on it. Checks
// robustness invariants and prints the parse rate.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "mime/parser.h"
#include "text/utf8.h"

namespace becguard::mime {
namespace {

namespace fs = std::filesystem;

std::string CorpusDir() {
  const char* env = std::getenv("BECGUARD_CORPUS");
  return env != nullptr ? env : BECGUARD_SHARED_CORPUS;
}

TEST(CorpusScanTest, ParsesEveryMessage) {
  const fs::path root = CorpusDir();
  std::error_code ec;
  if (!fs::is_directory(root, ec)) GTEST_SKIP() << "no corpus at " << root;
  std::vector<std::string> raws;
  std::vector<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(root, ec)) {
    if (!e.is_regular_file() || e.path().extension() != ".eml") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    raws.push_back(ss.str());
    names.push_back(e.path().string());
  }
  ASSERT_FALSE(raws.empty());
  Limits limits;
  std::size_t bytes = 0, empty_body = 0;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < raws.size(); ++i) {
    ParsedMessage m = Parse(raws[i], limits);
    bytes += raws[i].size();
    EXPECT_TRUE(text::IsValidUtf8(m.body_text)) << names[i];
    EXPECT_TRUE(text::IsValidUtf8(m.subject)) << names[i];
    for (const Header& h : m.headers) EXPECT_TRUE(text::IsValidUtf8(h.value)) << names[i];
    for (const Address& a : m.from) EXPECT_TRUE(text::IsValidUtf8(a.display_name)) << names[i];
    bool has_text_part = false;
    for (const Header& h : m.headers) {
      if (h.name == "Content-Type" || h.name == "Content-type" || h.name == "content-type") {
        has_text_part = h.value.find("text/") != std::string::npos ||
                        h.value.find("multipart/alternative") != std::string::npos;
      }
    }
    if (m.FindHeader("Content-Type") == nullptr) has_text_part = true;
    if (has_text_part && m.body_text.empty()) {
      ++empty_body;
      if (std::getenv("BECGUARD_CORPUS_VERBOSE") != nullptr) {
        std::cout << "empty body: " << names[i] << "\n";
      }
    }
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << raws.size() << " messages, " << bytes / 1024 << " KiB in " << secs
            << " s: " << raws.size() / secs << " msg/s, " << bytes / secs / 1048576 << " MiB/s; "
            << empty_body << " with a text part but empty body\n";
}

}  // namespace
}  // namespace becguard::mime
