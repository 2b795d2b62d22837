#include "frontends/milter/milter_response.h"

#include <gtest/gtest.h>

#include "mime/parser.h"

namespace becguard::milter {
namespace {

MessageAssembler Message() {
  MessageAssembler message(1 << 20);
  message.AddHeader("From", "ceo@example.com", false);
  message.AddHeader("Subject", "Urgent wire", false);
  message.AddHeader("X-BEC-Verdict", "clean", false);  // planted by the sender
  message.AddHeader("Authentication-Results", "mx.example.com; spf=pass", false);
  message.AddHeader("Authentication-Results", "other.example; spf=fail", false);
  message.AddHeader("x-bec-verdict", "clean", false);
  message.AddHeader("MIME-Version", "1.0", false);
  message.AddHeader("Content-Type", "text/plain; charset=us-ascii", false);
  message.EndOfHeaders();
  message.AppendBody("Please wire 48,000 EUR today.\r\n");
  return message;
}

ScanReport Report(Verdict verdict) {
  ScanReport report;
  report.verdict = verdict;
  report.score = verdict == Verdict::kBec ? 90 : verdict == Verdict::kSuspicious ? 50 : 3;
  return report;
}

MilterResponse DecideFor(const MilterConfig& config, Verdict verdict) {
  const MessageAssembler message = Message();
  const ParsedMessage parsed = mime::Parse(message.raw(), Limits());
  return Decide(config, "mx.example.com", Limits(), message, parsed, Report(verdict));
}

TEST(MilterResponseTest, CleanGetsHeadersOnlyAndPlantedHeadersAreRemoved) {
  const MilterResponse r = DecideFor(MilterConfig(), Verdict::kClean);
  EXPECT_EQ(r.status, MilterStatus::kAccept);
  EXPECT_EQ(r.actions, "headers");
  EXPECT_FALSE(r.new_body.has_value());
  EXPECT_FALSE(r.hold_reason.has_value());
  ASSERT_EQ(r.insert_top.size(), 3u);
  EXPECT_EQ(r.insert_top[1].value, "clean");
  // Both planted X-BEC-Verdict copies and our own authserv-id's result go; the other
  // authserv-id's result stays. Highest index first per name.
  ASSERT_EQ(r.changes.size(), 3u);
  EXPECT_EQ(r.changes[0].name, "x-bec-verdict");
  EXPECT_EQ(r.changes[0].index, 2);
  EXPECT_EQ(r.changes[1].name, "Authentication-Results");
  EXPECT_EQ(r.changes[1].index, 1);
  EXPECT_EQ(r.changes[2].name, "X-BEC-Verdict");
  EXPECT_EQ(r.changes[2].index, 1);
  for (const HeaderChange& c : r.changes) EXPECT_FALSE(c.value.has_value());
}

TEST(MilterResponseTest, SuspiciousGetsBannerAndSubjectTag) {
  const MilterResponse r = DecideFor(MilterConfig(), Verdict::kSuspicious);
  EXPECT_EQ(r.status, MilterStatus::kAccept);
  EXPECT_EQ(r.actions, "headers,banner(en),subject_tag");
  ASSERT_TRUE(r.new_body.has_value());
  EXPECT_NE(r.new_body->find("business e-mail compromise"), std::string::npos);
  EXPECT_NE(r.new_body->find("Please wire 48,000 EUR today."), std::string::npos);
  const HeaderChange& subject = r.changes.back();
  EXPECT_EQ(subject.name, "Subject");
  EXPECT_EQ(subject.value, "[SUSPICIOUS] Urgent wire");
}

TEST(MilterResponseTest, BecIsHeldOrStoredOrRejectedAsConfigured) {
  MilterConfig config;
  MilterResponse r = DecideFor(config, Verdict::kBec);
  EXPECT_EQ(r.status, MilterStatus::kAccept);
  ASSERT_TRUE(r.hold_reason.has_value());
  EXPECT_NE(r.hold_reason->find("bec"), std::string::npos);
  EXPECT_EQ(r.changes.back().value, "[BEC WARNING] Urgent wire");

  config.quarantine_mode = QuarantineMode::kDirectory;
  r = DecideFor(config, Verdict::kBec);
  EXPECT_EQ(r.status, MilterStatus::kDiscard);
  EXPECT_TRUE(r.store_in_quarantine_dir);
  EXPECT_FALSE(r.hold_reason.has_value());

  config.bec_actions = {Action::kReject};
  r = DecideFor(config, Verdict::kBec);
  EXPECT_EQ(r.status, MilterStatus::kReject);
  EXPECT_EQ(r.rcode, "550");
  EXPECT_EQ(r.xcode, "5.7.1");
  EXPECT_EQ(r.reply, config.reject_reply);
  EXPECT_TRUE(r.changes.empty());
  EXPECT_TRUE(r.insert_top.empty());
}

TEST(MilterResponseTest, NoActionsMeansUntouched) {
  MilterConfig config;
  config.clean_actions.clear();
  const MilterResponse r = DecideFor(config, Verdict::kClean);
  EXPECT_EQ(r.status, MilterStatus::kAccept);
  EXPECT_EQ(r.actions, "accept");
  EXPECT_TRUE(r.changes.empty());
  EXPECT_TRUE(r.insert_top.empty());
}

TEST(MilterResponseTest, OverLimitMessageKeepsItsBody) {
  MessageAssembler message(64);
  message.AddHeader("Subject", "x", false);
  message.AppendBody(std::string(200, 'a'));
  ASSERT_TRUE(message.over_limit());
  const MilterResponse r = Decide(MilterConfig(), "id", Limits(), message,
                                  mime::Parse(message.raw(), Limits()), Report(Verdict::kBec));
  EXPECT_FALSE(r.new_body.has_value());
}

TEST(MilterResponseTest, FallbackAnswers) {
  MilterConfig config;
  MilterResponse r = Fallback(config, FallbackAction::kTempfail, "scan timed out");
  EXPECT_EQ(r.status, MilterStatus::kTempfail);
  EXPECT_EQ(r.rcode, "451");
  EXPECT_EQ(r.xcode, "4.7.1");
  EXPECT_EQ(r.reply, config.tempfail_reply);
  EXPECT_EQ(r.note, "scan timed out");
  EXPECT_EQ(Fallback(config, FallbackAction::kReject, "").rcode, "550");
  r = Fallback(config, FallbackAction::kAccept, "");
  EXPECT_EQ(r.status, MilterStatus::kAccept);
  EXPECT_TRUE(r.insert_top.empty());
}

}  // namespace
}  // namespace becguard::milter
