#include "frontends/milter/quarantine_dir.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace becguard::milter {
namespace {

namespace fs = std::filesystem;

TEST(QuarantineDirTest, WritesOneCompleteFileWithOurHeaders) {
  const fs::path dir = fs::temp_directory_path() / ("becguard-q-" + std::to_string(getpid()));
  fs::remove_all(dir);
  auto path = StoreInQuarantine((dir / "sub").string(), "ABC/../12",
                                {{"X-BEC-Verdict", "bec"}, {"X-BEC-Findings", "a,\n\tb"}},
                                "Subject: x\r\n\r\nbody\r\n");
  ASSERT_TRUE(path.has_value()) << path.error().ToString();
  EXPECT_EQ(fs::path(*path).parent_path(), dir / "sub");
  EXPECT_NE(fs::path(*path).filename().string().find(".ABC____12."), std::string::npos);
  std::ifstream in(*path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(),
            "X-BEC-Verdict: bec\r\nX-BEC-Findings: a,\r\n\tb\r\nSubject: x\r\n\r\nbody\r\n");
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir / "sub")) {
    EXPECT_EQ(entry.path().extension(), ".eml");  // no temporary file left behind
    ++files;
  }
  EXPECT_EQ(files, 1);
  fs::remove_all(dir);
}

TEST(QuarantineDirTest, ReportsAnUnwritableDirectory) {
  auto path = StoreInQuarantine("/proc/becguard-cannot-exist", "Q", {}, "x");
  EXPECT_FALSE(path.has_value());
}

}  // namespace
}  // namespace becguard::milter
