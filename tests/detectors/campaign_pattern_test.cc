#include "detectors/campaign_pattern.h"

#include <gtest/gtest.h>

#include <string>

#include "test_message.h"

namespace becguard::detectors {
namespace {

using testing::Addr;
using testing::Build;
using testing::MessageFrom;

class CampaignPatternTest : public ::testing::Test {
 protected:
  // The shipped campaign patterns, loaded once: they are what the detector meets in production.
  static void SetUpTestSuite() {
    const std::string dir = std::string(BECGUARD_TEST_DATA_DIR) + "/intel";
    auto db = intel::IntelDb::Load({}, dir + "/campaign_patterns.txt");
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    intel_ = new intel::IntelDb(std::move(*db));
  }
  static void TearDownTestSuite() {
    delete intel_;
    intel_ = nullptr;
  }

  std::vector<Finding> Run(const ParsedMessage& m, const Detector& detector) const {
    FindingSink sink;
    patterns::IntentHits hits;
    detector.Inspect(DetectorContext{m, hits, world_.org(), world_.lookalikes(), freemail_, esp_,
                                     *intel_, testing::NoFeatures()},
                     sink);
    return sink.Take();
  }
  std::vector<Finding> Run(const ParsedMessage& m) const { return Run(m, *detector_); }

  static intel::IntelDb* intel_;
  testing::World world_;
  domain::DomainList freemail_ = domain::DomainList::FromDomains({});
  domain::DomainList esp_ = domain::DomainList::FromDomains({});
  std::unique_ptr<Detector> detector_ = Build(CreateCampaignPattern(toml::table{}));
};

intel::IntelDb* CampaignPatternTest::intel_ = nullptr;

TEST_F(CampaignPatternTest, CampaignSenderInFrom) {
  auto f = testing::Only(
      Run(MessageFrom(Addr("Cordelia Ashgrove", "tls-callisto@mx-secure-relay.com"))));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, FindingId::kCampaignPattern);
  EXPECT_EQ(f->evidence.field, "From");
  EXPECT_EQ(f->evidence.observed, "tls-callisto@mx-secure-relay.com");
  EXPECT_NE(f->evidence.detail.find("infra_word_celestial"), std::string::npos);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
}

TEST_F(CampaignPatternTest, RoleMailboxPattern) {
  auto f = testing::Only(Run(MessageFrom(Addr("村瀬 俊介", "board@intern-203mobile.com"))));
  ASSERT_TRUE(f);
  EXPECT_NE(f->evidence.detail.find("role_at_infra"), std::string::npos);
}

TEST_F(CampaignPatternTest, AddressInsideTheDisplayName) {
  ParsedMessage m =
      MessageFrom(Addr("Cordelia Ashgrove <cordelia.ashgrove@larkspurtech.com> secured by "
                       "[mailto:relay@365-offices-secure.com]",
                       "notify@bulk-sender.example"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence.field, "From display name");
  EXPECT_EQ(f->evidence.observed, "relay@365-offices-secure.com");

  auto no_display = Build(CreateCampaignPattern(testing::ParseToml("check_display_name = false")));
  EXPECT_TRUE(Run(m, *no_display).empty());
}

TEST_F(CampaignPatternTest, OtherAddressHeaders) {
  ParsedMessage m = MessageFrom(Addr("Cordelia Ashgrove", "cordelia.ashgrove@larkspurtech.com"));
  m.reply_to.push_back(Addr("gateway-europa@gateway-mx-secure.net"));
  m.sender = Addr("relay@secure-sec-gov.com");
  m.return_path = Addr("relay@secure-sec-gov.com");  // same address: reported once
  auto findings = Run(m);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].evidence.field, "Reply-To");
  EXPECT_EQ(findings[1].evidence.field, "Sender");
}

TEST_F(CampaignPatternTest, OrdinarySendersStayQuiet) {
  for (const char* address : {"board@acme.org", "secure@bank.com", "mars@mars.com",
                              "noreply@mx.google.com", "relay@mycompany.com"}) {
    ParsedMessage m = MessageFrom(Addr("Board of Directors <board@acme.org>", address));
    EXPECT_TRUE(Run(m).empty()) << address;
  }
}

TEST_F(CampaignPatternTest, ConfigRejectsUnknownKeys) {
  EXPECT_FALSE(CreateCampaignPattern(testing::ParseToml("check_reply_to = true")).has_value());
}

}  // namespace
}  // namespace becguard::detectors
