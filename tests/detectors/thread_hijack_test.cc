#include "detectors/thread_hijack.h"

#include <gtest/gtest.h>

#include "learned_test_util.h"
#include "test_message.h"
#include "text/normalize.h"

namespace becguard::detectors {
namespace {

using testing::AddCorrespondent;
using testing::Addr;
using testing::Build;
using testing::MessageFrom;

class ThreadHijackTest : public ::testing::Test {
 protected:
  ThreadHijackTest() {
    AddCorrespondent(learned_, "harriet.colwell@brackenridge-eng.co.uk", "Harriet Colwell");
    AddCorrespondent(learned_, "imogen.tull@larkspurtech.com", "Imogen Tull", 40, 60);
    AddCorrespondent(learned_, "auditor@ledgerwise.example", "Ledgerwise Audit");
    in_thread_ = learned_;
    in_thread_.thread =
        testing::Thread("invoice inv-20931 quarterly maintenance",
                        {"harriet.colwell@brackenridge-eng.co.uk", "imogen.tull@larkspurtech.com"},
                        {"Harriet Colwell", "Imogen Tull"});
  }

  static ParsedMessage Reply(const Address& from) {
    ParsedMessage m = MessageFrom(from);
    m.subject = "RE: Invoice INV-20931 quarterly maintenance";
    m.normalized_subject = text::Normalize(m.subject);
    m.in_reply_to = "abc@brackenridge-eng.co.uk";
    m.references = {"abc@brackenridge-eng.co.uk"};
    m.quoted_text = "> Please find the invoice attached.";
    return m;
  }

  std::vector<Finding> RunThread(const ParsedMessage& m) const {
    return world_.RunLearned(*detector_, m, &in_thread_);
  }
  std::vector<Finding> RunNoThread(const ParsedMessage& m) const {
    return world_.RunLearned(*detector_, m, &learned_);
  }

  testing::World world_;
  context::LearnedContext learned_ = testing::Learned();
  context::LearnedContext in_thread_;
  std::unique_ptr<Detector> detector_ = Build(CreateThreadHijack(toml::table{}));
};

TEST_F(ThreadHijackTest, ParticipantsContinuingTheirThreadAreSilent) {
  EXPECT_TRUE(
      RunThread(Reply(Addr("Harriet Colwell", "Harriet.Colwell@brackenridge-eng.co.uk"))).empty());
  EXPECT_TRUE(RunThread(Reply(Addr("Imogen Tull", "imogen.tull@larkspurtech.com"))).empty());
}

TEST_F(ThreadHijackTest, NoStoreIsSilent) {
  EXPECT_TRUE(world_.RunLearned(*detector_, Reply(Addr("x@evil.example")), nullptr).empty());
}

TEST_F(ThreadHijackTest, LookalikeDomainWithAParticipantsNameIsStrong) {
  auto f = testing::Only(
      RunThread(Reply(Addr("Harriet Colwell", "harriet.colwell@brackenrigde-eng.co.uk"))));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, FindingId::kThreadHijack);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_EQ(f->evidence.field, "From");
  EXPECT_NE(f->evidence.observed.find("harriet.colwell@brackenrigde-eng.co.uk"), std::string::npos);
  EXPECT_EQ(f->evidence.expected,
            "harriet.colwell@brackenridge-eng.co.uk, imogen.tull@larkspurtech.com");
  EXPECT_NE(f->evidence.detail.find("invoice inv-20931 quarterly maintenance"), std::string::npos);
  EXPECT_NE(f->evidence.detail.find("display name of a thread participant"), std::string::npos);
  EXPECT_NE(f->evidence.detail.find("lookalike of brackenridge-eng.co.uk"), std::string::npos);
}

TEST_F(ThreadHijackTest, ParticipantsNameOnFreemailIsStrong) {
  auto f = testing::Only(RunThread(Reply(Addr("Harriet Colwell", "h.colwell.accounts@gmail.com"))));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
}

TEST_F(ThreadHijackTest, LookalikeOfAPartnerParticipantViaTheOrganisationMatcher) {
  in_thread_.thread =
      testing::Thread("shipment 88", {"wendell.okoro@quillmarine.com.au"}, {"Wendell Okoro"});
  auto f = testing::Only(RunThread(Reply(Addr("Accounts", "accounts@quil1marine.com.au"))));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_NE(f->evidence.detail.find("lookalike of quillmarine.com.au"), std::string::npos);
}

TEST_F(ThreadHijackTest, ReplyToElsewhereIsStrong) {
  ParsedMessage m = Reply(Addr("Collections", "collections@debt-desk.example"));
  m.reply_to.push_back(Addr("payments@other-desk.example"));
  auto f = testing::Only(RunThread(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_NE(f->evidence.detail.find("Reply-To goes to payments@other-desk.example"),
            std::string::npos);
}

TEST_F(ThreadHijackTest, UnrelatedStrangerIsMedium) {
  auto f = testing::Only(RunThread(Reply(Addr("Dana Whit", "dana@unrelated.example"))));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.6);
}

TEST_F(ThreadHijackTest, NewColleagueFromAParticipantsDomainIsWeak) {
  auto f = testing::Only(RunThread(Reply(Addr("Tom Reyes", "tom.reyes@brackenridge-eng.co.uk"))));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.3);
  EXPECT_NE(f->evidence.detail.find("same domain as a participant"), std::string::npos);
  // A correspondent we already know, joining from their own domain, is weak too.
  auto known = testing::Only(RunThread(Reply(Addr("auditor@ledgerwise.example"))));
  ASSERT_TRUE(known);
  EXPECT_DOUBLE_EQ(known->strength, 0.3);
}

TEST_F(ThreadHijackTest, OurOwnPeopleJoiningAThreadAreSilent) {
  EXPECT_TRUE(RunThread(Reply(Addr("Bartholomew Finch", "bart.finch@larkspurtech.com"))).empty());
}

TEST_F(ThreadHijackTest, FakeReplyFromAFirstContactIsFlagged) {
  ParsedMessage m = MessageFrom(Addr("Harriet Colwell", "harriet@brackenridge-billing.example"));
  m.subject = "返信: 請求書の件";
  m.normalized_subject = text::Normalize(m.subject);
  auto f = testing::Only(RunNoThread(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.7);
  EXPECT_EQ(f->evidence.field, "Subject");
  EXPECT_EQ(f->evidence.observed, "返信: 請求書の件");
  EXPECT_NE(f->evidence.detail.find("without In-Reply-To/References"), std::string::npos);
  EXPECT_NE(f->evidence.detail.find("harriet@brackenridge-billing.example"), std::string::npos);

  // References the store never saw, and quoted history instead of a prefix.
  ParsedMessage q = MessageFrom(Addr("ops@cargo-release.example"));
  q.subject = "Outstanding balance";
  q.normalized_subject = text::Normalize(q.subject);
  q.references = {"never-seen@cargo-release.example"};
  q.quoted_text = "> On Monday you wrote: ...";
  auto g = testing::Only(RunNoThread(q));
  ASSERT_TRUE(g);
  EXPECT_NE(g->evidence.detail.find("quoted history referring to messages never seen"),
            std::string::npos);
}

TEST_F(ThreadHijackTest, ReplyLikeMailFromKnownSendersOrYoungStoresIsSilent) {
  ParsedMessage known = Reply(Addr("Harriet Colwell", "harriet.colwell@brackenridge-eng.co.uk"));
  EXPECT_TRUE(RunNoThread(known).empty());  // thread predates the store

  ParsedMessage stranger = Reply(Addr("x@new-sender.example"));
  const context::LearnedContext young = testing::Learned(3);
  EXPECT_TRUE(world_.RunLearned(*detector_, stranger, &young).empty());

  ParsedMessage fresh = MessageFrom(Addr("x@new-sender.example"));
  fresh.subject = "Remittance advice";
  fresh.normalized_subject = text::Normalize(fresh.subject);
  EXPECT_TRUE(RunNoThread(fresh).empty());
}

TEST(ThreadHijackConfigTest, ParsesAndRejects) {
  EXPECT_FALSE(ParseThreadHijackConfig(testing::ParseToml("colour = 1")));
  EXPECT_FALSE(ParseThreadHijackConfig(testing::ParseToml("fake_reply_strength = -0.1")));
  EXPECT_FALSE(ParseThreadHijackConfig(testing::ParseToml("min_history = \"20\"")));
  auto config = ParseThreadHijackConfig(
      testing::ParseToml("min_history = 0\ncolleague_strength = 0.2\nmax_participants_shown = 5"));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->min_history, 0);
  EXPECT_DOUBLE_EQ(config->colleague_strength, 0.2);
  EXPECT_EQ(config->max_participants_shown, 5);
}

}  // namespace
}  // namespace becguard::detectors
