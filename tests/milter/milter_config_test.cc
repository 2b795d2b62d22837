#include "frontends/milter/milter_config.h"

#include <gtest/gtest.h>

namespace becguard::milter {
namespace {

TEST(MilterConfigTest, MissingTableGivesSafeDefaults) {
  auto config = ParseMilterConfig("[limits]\nmax_parts = 10\n");
  ASSERT_TRUE(config.has_value()) << config.error().ToString();
  EXPECT_EQ(config->default_action, FallbackAction::kTempfail);
  EXPECT_EQ(config->oversize_action, FallbackAction::kTempfail);
  EXPECT_EQ(config->quarantine_mode, QuarantineMode::kHold);
  EXPECT_EQ(config->ActionsFor(Verdict::kClean), std::vector<Action>{Action::kHeaders});
  EXPECT_EQ(config->ActionsFor(Verdict::kBec).back(), Action::kQuarantine);
}

TEST(MilterConfigTest, ReadsEveryKey) {
  auto config = ParseMilterConfig(R"(
[milter]
socket = "inet:11332@127.0.0.1"
workers = 3
queue_limit = 10
scan_timeout_ms = 250
session_timeout_s = 30
shutdown_grace_ms = 500
max_message_bytes = 2048
default_action = "accept"
reject_reply = "No thanks"
log_level = "warn"
[milter.actions]
clean = []
suspicious = ["headers", "subject_tag"]
bec = ["reject"]
[milter.subject_tag]
suspicious = "[要注意]"
[milter.banner]
language = "ja"
text_ja = "注意 {score}"
[milter.quarantine]
mode = "directory"
dir = "/tmp/q"
)");
  ASSERT_TRUE(config.has_value()) << config.error().ToString();
  EXPECT_EQ(config->socket, "inet:11332@127.0.0.1");
  EXPECT_EQ(config->workers, 3);
  EXPECT_EQ(config->scan_timeout_ms, 250);
  EXPECT_EQ(config->max_message_bytes, 2048u);
  EXPECT_EQ(config->default_action, FallbackAction::kAccept);
  // oversize_action follows default_action unless set.
  EXPECT_EQ(config->oversize_action, FallbackAction::kAccept);
  EXPECT_TRUE(config->clean_actions.empty());
  EXPECT_EQ(config->bec_actions, std::vector<Action>{Action::kReject});
  EXPECT_EQ(config->SubjectTagFor(Verdict::kSuspicious), "[要注意]");
  EXPECT_EQ(config->SubjectTagFor(Verdict::kBec), "[BEC WARNING]");
  EXPECT_EQ(config->banner_language, BannerLanguage::kJapanese);
  EXPECT_EQ(config->quarantine_mode, QuarantineMode::kDirectory);
  EXPECT_EQ(config->quarantine_dir, "/tmp/q");
}

void ExpectError(std::string_view toml, std::string_view fragment) {
  auto config = ParseMilterConfig(toml);
  ASSERT_FALSE(config.has_value()) << toml;
  EXPECT_NE(config.error().message().find(fragment), std::string::npos) << config.error().message();
}

TEST(MilterConfigTest, RejectsBadValuesWithClearMessages) {
  ExpectError("[milter]\nsoket = \"x\"\n", "unknown key 'soket' in [milter]");
  ExpectError("[milter.actions]\nbec = [\"shred\"]\n", "unknown action \"shred\"");
  ExpectError("[milter.actions]\nbec = [\"headers\", \"reject\"]\n", "cannot be combined");
  ExpectError("[milter.actions]\nbec = [\"banner\", \"banner\"]\n", "listed twice");
  ExpectError("[milter.actions]\nphish = []\n", "unknown key 'phish'");
  ExpectError("[milter]\ndefault_action = \"drop\"\n", "default_action must be");
  ExpectError("[milter]\nsocket = \"/run/x.sock\"\n", "socket must be");
  ExpectError("[milter]\nscan_timeout_ms = 0\n", "scan_timeout_ms must be an integer");
  ExpectError("[milter]\nworkers = \"4\"\n", "workers must be an integer");
  ExpectError("[milter]\nreject_reply = \"line\\nX-Injected: 1\"\n",
              "reject_reply must be one line");
  ExpectError("[milter]\nreject_reply = \"100% sure\"\n", "without '%'");
  ExpectError("[milter.subject_tag]\nbec = \"\"\n", "must not be empty");
  ExpectError("[milter.banner]\nlanguage = \"fr\"\n", "banner.language");
  ExpectError("[milter.quarantine]\nmode = \"directory\"\ndir = \"\"\n", "quarantine.dir");
  ExpectError("[milter]\nlog_level = \"loud\"\n", "log_level");
  ExpectError("[milter\n", "TOML syntax");
}

}  // namespace
}  // namespace becguard::milter
