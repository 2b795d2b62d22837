#include "frontends/cli/message_source.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace becguard::cli {
namespace {

namespace fs = std::filesystem;

class MessageSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ =
        fs::temp_directory_path() /
        ("becguard-source-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }
  std::vector<RawMessage> ReadAll(std::vector<std::string> inputs,
                                  std::vector<std::string>* errors = nullptr) {
    std::vector<RawMessage> out;
    MessageSource source(std::move(inputs), 1 << 20);
    source.ForEach(
        [&](RawMessage&& m) {
          out.push_back(std::move(m));
          return true;
        },
        [&](const std::string& origin, const std::string&) {
          if (errors) errors->push_back(origin);
        });
    return out;
  }
  fs::path root_;
};

TEST(SplitMboxTest, SplitsOnFromLinesAndUnquotes) {
  const std::string mbox =
      "From a@b Mon Jan 1 00:00:00 2024\nSubject: one\n\n>From the start\nbody\n\n"
      "From c@d Mon Jan 1 00:00:01 2024\nSubject: two\n\n>>From deeper\n";
  std::vector<std::string> messages = SplitMbox(mbox);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0], "Subject: one\n\nFrom the start\nbody\n\n");
  EXPECT_EQ(messages[1], "Subject: two\n\n>From deeper\n");
}

TEST(SplitMboxTest, FromInsideBodyWithoutBlankLineIsNotASeparator) {
  std::vector<std::string> messages =
      SplitMbox("From x Mon\nSubject: a\n\nline\nFrom here on we talk\n");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("From here on"), std::string::npos);
}

TEST_F(MessageSourceTest, WalksDirectoriesMaildirAndMbox) {
  Write(root_ / "a.eml", "Subject: a\n\nx\n");
  Write(root_ / "sub" / "b.eml", "Subject: b\n\nx\n");
  Write(root_ / "box" / "cur" / "1:2,S", "Subject: c\n\nx\n");
  Write(root_ / "box" / "new" / "2", "Subject: d\n\nx\n");
  Write(root_ / "box" / "tmp" / "3", "Subject: half-written\n\nx\n");
  Write(root_ / "z.mbox", "From a Mon\nSubject: e\n\nx\n\nFrom b Mon\nSubject: f\n\nx\n");
  std::vector<RawMessage> all = ReadAll({root_.string()});
  std::vector<std::string> subjects;
  for (const RawMessage& m : all) subjects.push_back(m.bytes.substr(9, 1));
  EXPECT_EQ(subjects, (std::vector<std::string>{"a", "c", "d", "b", "e", "f"}));
  EXPECT_EQ(all[4].origin, (root_ / "z.mbox").string() + "#1");
}

TEST_F(MessageSourceTest, MissingAndOversizedInputsAreReportedAndSkipped) {
  Write(root_ / "ok.eml", "Subject: ok\n\nx\n");
  Write(root_ / "big.eml", std::string(2 << 20, 'x'));
  std::vector<std::string> errors;
  std::vector<RawMessage> all = ReadAll(
      {(root_ / "missing.eml").string(), (root_ / "big.eml").string(), (root_ / "ok.eml").string()},
      &errors);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(errors.size(), 2u);
}

}  // namespace
}  // namespace becguard::cli

namespace becguard::cli {
namespace {

TEST(SplitMboxTest, EnvelopeLineWithoutBlankLineStillSeparates) {
  std::vector<std::string> messages = SplitMbox(
      "From a@b Tue Nov  4 09:00:00 2025\nSubject: a\n\nno newline at end\n"
      "From c@d Wed Nov  5 09:00:00 2025\nSubject: b\n\nx\n");
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1], "Subject: b\n\nx\n");
}

}  // namespace
}  // namespace becguard::cli
