#include "frontends/milter/quarantine_dir.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace becguard::milter {
namespace {

namespace fs = std::filesystem;

class QuarantineDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("becguard-q-" + std::to_string(getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  int Files() const {
    int files = 0;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      EXPECT_EQ(entry.path().extension(), ".eml");  // no temporary file left behind
      ++files;
    }
    return files;
  }

  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
  }

  fs::path dir_;
  SmtpEnvelope envelope_{"192.0.2.7", "", "mx.example", "ceo@example.com", {"ap@corp.test"}};
};

TEST_F(QuarantineDirTest, WritesOneCompleteFileWithTheEnvelopeAndOurHeaders) {
  auto path = StoreInQuarantine((dir_ / "sub").string(), "ABC/../12", envelope_,
                                {{"X-BEC-Verdict", "bec"}, {"X-BEC-Findings", "a,\n\tb"}},
                                "Subject: x\r\n\r\nbody\r\n");
  ASSERT_TRUE(path.has_value()) << path.error().ToString();
  EXPECT_EQ(fs::path(*path).parent_path(), dir_ / "sub");
  EXPECT_EQ(Read(*path),
            "X-BEC-Envelope-From: <ceo@example.com>\r\nX-BEC-Envelope-To: <ap@corp.test>\r\n"
            "X-BEC-Client: 192.0.2.7 helo=mx.example\r\nX-BEC-Queue-ID: ABC____12\r\n"
            "X-BEC-Verdict: bec\r\nX-BEC-Findings: a,\r\n\tb\r\nSubject: x\r\n\r\nbody\r\n");
}

TEST_F(QuarantineDirTest, TheSameMessageOfferedAgainIsStoredOnce) {
  // A retry after a lost connection: new queue id, new Received line, same message.
  auto first = StoreInQuarantine(dir_.string(), "Q1", envelope_, {},
                                 "Received: by mx; queue Q1\r\nMessage-ID: <m1@example.com>\r\n"
                                 "\r\nplease pay\r\n");
  auto again = StoreInQuarantine(dir_.string(), "Q2", envelope_, {},
                                 "Received: by mx; queue Q2\r\nMessage-ID: <m1@example.com>\r\n"
                                 "\r\nplease pay\r\n");
  ASSERT_TRUE(first.has_value() && again.has_value());
  EXPECT_EQ(*first, *again);
  EXPECT_EQ(Files(), 1);
  EXPECT_NE(Read(*first).find("X-BEC-Queue-ID: Q1"), std::string::npos);  // the first is kept
}

TEST_F(QuarantineDirTest, OtherRecipientsOrAnotherMessageAreAnotherFile) {
  const std::string raw = "Message-ID: <m1@example.com>\r\n\r\nplease pay\r\n";
  SmtpEnvelope other = envelope_;
  other.rcpt_to = {"cfo@corp.test"};
  ASSERT_TRUE(StoreInQuarantine(dir_.string(), "Q1", envelope_, {}, raw).has_value());
  ASSERT_TRUE(StoreInQuarantine(dir_.string(), "Q2", other, {}, raw).has_value());
  ASSERT_TRUE(StoreInQuarantine(dir_.string(), "Q3", envelope_, {},
                                "Message-ID: <m2@example.com>\r\n\r\nplease pay\r\n")
                  .has_value());
  ASSERT_TRUE(StoreInQuarantine(dir_.string(), "Q4", envelope_, {},
                                "Message-ID: <m1@example.com>\r\n\r\nplease pay today\r\n")
                  .has_value());
  EXPECT_EQ(Files(), 4);
}

TEST_F(QuarantineDirTest, EnvelopeValuesCannotInjectHeaders) {
  SmtpEnvelope hostile = envelope_;
  hostile.helo = "x\r\nX-BEC-Verdict: clean";
  auto path = StoreInQuarantine(dir_.string(), "Q", hostile, {}, "\r\nbody\r\n");
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(Read(*path).find("\r\nX-BEC-Verdict: clean"), std::string::npos);
}

TEST_F(QuarantineDirTest, ReportsAnUnwritableDirectory) {
  auto path = StoreInQuarantine("/proc/becguard-cannot-exist", "Q", envelope_, {}, "x");
  EXPECT_FALSE(path.has_value());
}

}  // namespace
}  // namespace becguard::milter
