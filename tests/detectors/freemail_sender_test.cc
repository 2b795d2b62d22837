#include "detectors/freemail_sender.h"

#include <gtest/gtest.h>

#include "test_message.h"

namespace becguard::detectors {
namespace {

using patterns::Intent;
using testing::Addr;
using testing::Build;
using testing::Intents;
using testing::MessageFrom;

class FreemailSenderTest : public ::testing::Test {
 protected:
  std::vector<Finding> Run(const ParsedMessage& m, const patterns::IntentHits& hits = {}) const {
    return world_.Run(*detector_, m, hits);
  }
  static ParsedMessage ToStaff(const Address& from) {
    ParsedMessage m = MessageFrom(from);
    m.to.push_back(Addr("Imogen Tull", "imogen.tull@larkspurtech.com"));
    return m;
  }

  testing::World world_;
  std::unique_ptr<Detector> detector_ = Build(CreateFreemailSender(toml::table{}));
};

TEST_F(FreemailSenderTest, VipNameOnFreemailIsStrong) {
  auto f = testing::Only(Run(ToStaff(Addr("Cordelia Ashgrove", "ceo.cordelia@gmail.com"))));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, FindingId::kFreemail);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_EQ(f->evidence.field, "From");
  EXPECT_EQ(f->evidence.observed, "Cordelia Ashgrove <ceo.cordelia@gmail.com>");
  EXPECT_NE(f->evidence.detail.find("the name of VIP Cordelia Ashgrove"), std::string::npos);
}

TEST_F(FreemailSenderTest, StaffNameOnFreemailIsStrong) {
  auto f = testing::Only(Run(ToStaff(Addr("Rufus Penhaligon", "r.penhaligon@outlook.com"))));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_NE(f->evidence.detail.find("known person Rufus Penhaligon"), std::string::npos);
}

TEST_F(FreemailSenderTest, StrongIntentsWithoutANameAreStrong) {
  const ParsedMessage m = ToStaff(Addr("Sam", "sam.k.1988@mail.com"));
  for (Intent intent : {Intent::kGiftCard, Intent::kPayrollChange, Intent::kPaymentChange}) {
    auto f = testing::Only(Run(m, Intents({intent})));
    ASSERT_TRUE(f);
    EXPECT_DOUBLE_EQ(f->strength, 1.0);
    EXPECT_NE(f->evidence.detail.find(patterns::IntentName(intent)), std::string::npos);
  }
}

TEST_F(FreemailSenderTest, MiddleIntentsAreModerate) {
  const ParsedMessage m = ToStaff(Addr("sam.k.1988@mail.com"));
  for (Intent intent : {Intent::kWireTransfer, Intent::kAcquisition, Intent::kPaymentHold}) {
    auto f = testing::Only(Run(m, Intents({intent})));
    ASSERT_TRUE(f);
    EXPECT_DOUBLE_EQ(f->strength, 0.7);
  }
  auto f = testing::Only(Run(m, Intents({Intent::kAvailability, Intent::kExecutiveContext})));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.7);
}

TEST_F(FreemailSenderTest, PrivateMailImpersonatingNobodyIsFine) {
  // "Are you free Saturday?" from a friend: availability without executive context.
  const ParsedMessage m = ToStaff(Addr("Dev Malhotra", "dev.malhotra1979@gmail.com"));
  EXPECT_TRUE(Run(m).empty());
  EXPECT_TRUE(Run(m, Intents({Intent::kAvailability})).empty());
  EXPECT_TRUE(Run(m, Intents({Intent::kUrgency})).empty());
  // A job applicant writing to HR.
  ParsedMessage applicant = MessageFrom(Addr("高田 莉子", "riko.takada@yahoo.co.jp"));
  applicant.to.push_back(Addr("人事部", "jinji@larkspurtech.com"));
  EXPECT_TRUE(Run(applicant).empty());
}

TEST_F(FreemailSenderTest, FreelancerBillingFromGmailIsOnlyWeak) {
  const ParsedMessage m = ToStaff(Addr("Lucía Marquez", "lucia.marquez.design@gmail.com"));
  auto f = testing::Only(Run(m, Intents({Intent::kFinancialContext})));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.3);
  // Financial talk to someone outside the organisation is none of our business.
  ParsedMessage outside = MessageFrom(Addr("lucia.marquez.design@gmail.com"));
  outside.to.push_back(Addr("friend@another-company.com"));
  EXPECT_TRUE(Run(outside, Intents({Intent::kFinancialContext})).empty());
}

TEST_F(FreemailSenderTest, FreemailReplyToBehindARealFromCounts) {
  ParsedMessage m = ToStaff(Addr("Cordelia Ashgrove", "cordelia.ashgrove@larkspurtech.com"));
  m.reply_to.push_back(Addr("cordelia.ashgrove.exec@gmail.com"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence.field, "Reply-To");
  EXPECT_DOUBLE_EQ(f->strength, 1.0);

  auto no_reply_to = Build(CreateFreemailSender(testing::ParseToml("check_reply_to = false")));
  EXPECT_TRUE(world_.Run(*no_reply_to, m).empty());
}

TEST_F(FreemailSenderTest, BusinessDomainsAndListPostsAreFine) {
  EXPECT_TRUE(Run(ToStaff(Addr("Cordelia Ashgrove", "cordelia.ashgrove@larkspurtech.com")),
                  Intents({Intent::kGiftCard}))
                  .empty());
  ParsedMessage list = ToStaff(Addr("Pat Quinlan", "pat.quinlan@gmail.com"));
  testing::AddHeader(list, "List-Id", "<ap-circle.lists.apcircle.org>");
  EXPECT_TRUE(Run(list, Intents({Intent::kGiftCard})).empty());
}

TEST(FreemailSenderConfigTest, ParsesAndRejects) {
  EXPECT_FALSE(ParseFreemailSenderConfig(testing::ParseToml("domains = []")));
  EXPECT_FALSE(ParseFreemailSenderConfig(testing::ParseToml("financial_context_strength = 3")));
  auto config = ParseFreemailSenderConfig(testing::ParseToml("financial_context_strength = 0.2"));
  ASSERT_TRUE(config);
  EXPECT_DOUBLE_EQ(config->financial_context_strength, 0.2);
  EXPECT_TRUE(config->check_reply_to);
}

}  // namespace
}  // namespace becguard::detectors
