#include "detectors/reply_to_mismatch.h"

#include <gtest/gtest.h>

#include "test_message.h"

namespace becguard::detectors {
namespace {

using testing::Addr;
using testing::Build;
using testing::MessageFrom;

class ReplyToMismatchTest : public ::testing::Test {
 protected:
  std::vector<Finding> Run(const ParsedMessage& m) const { return world_.Run(*detector_, m); }

  testing::World world_;
  std::unique_ptr<Detector> detector_ = Build(CreateReplyToMismatch(toml::table{}));
};

TEST_F(ReplyToMismatchTest, FreemailReplyToEmbeddingThePartnerAddressIsStrong) {
  ParsedMessage m = MessageFrom(Addr("Wendell Okoro", "wendell.okoro@quillmarine.com.au"));
  m.reply_to.push_back(Addr("Wendell Okoro", "wendell.okoro.quillmarine@mail.com"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, FindingId::kReplyToMismatch);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_EQ(f->evidence.field, "Reply-To");
  EXPECT_EQ(f->evidence.observed, "wendell.okoro.quillmarine@mail.com");
  EXPECT_EQ(f->evidence.expected, "wendell.okoro@quillmarine.com.au");
  EXPECT_NE(f->evidence.detail.find("free-mail"), std::string::npos);
  EXPECT_NE(f->evidence.detail.find("embeds the From address"), std::string::npos);
}

TEST_F(ReplyToMismatchTest, FreemailReplyToEmbeddingTheFromDomainNameIsStrong) {
  ParsedMessage m = MessageFrom(Addr("Greta Lindqvist", "g.lindqvist@oberhaus-chemie.de"));
  m.reply_to.push_back(Addr("oberhaus.chemie.greta@outlook.jp"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_NE(f->evidence.detail.find("embeds the From domain name"), std::string::npos);
}

TEST_F(ReplyToMismatchTest, LookalikeReplyToOnARealFromIsStrong) {
  ParsedMessage m = MessageFrom(Addr("Greta Lindqvist", "greta.lindqvist@oberhaus-chemie.de"));
  m.reply_to.push_back(Addr("greta.lindqvist@oberhaus-chernie.de"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_NE(f->evidence.detail.find("lookalike of oberhaus-chemie.de"), std::string::npos);
}

TEST_F(ReplyToMismatchTest, SpoofedExecutiveWithGmailReplyToIsStrong) {
  ParsedMessage m = MessageFrom(Addr("Cordelia Ashgrove", "cordelia.ashgrove@larkspurtech.com"));
  m.reply_to.push_back(Addr("Cordelia Ashgrove", "c.ashgrove.office@gmail.com"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_EQ(f->evidence.ToString(),
            "Reply-To: c.ashgrove.office@gmail.com (expected cordelia.ashgrove@larkspurtech.com; "
            "free-mail)");
}

TEST_F(ReplyToMismatchTest, OtherForeignReplyToOnAProtectedFromIsWeak) {
  ParsedMessage m = MessageFrom(Addr("Accounts", "accounts@quillmarine.com.au"));
  m.reply_to.push_back(Addr("accounts@remit-helpdesk.net"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.5);
  EXPECT_NE(f->evidence.detail.find("partner domain"), std::string::npos);
}

TEST_F(ReplyToMismatchTest, VipNameOnAnUnknownFromWithForeignReplyToIsWeak) {
  ParsedMessage m = MessageFrom(Addr("Bartholomew Finch", "office@finch-advisory.net"));
  m.reply_to.push_back(Addr("desk@another-desk.org"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.5);
  EXPECT_NE(f->evidence.detail.find("VIP"), std::string::npos);
}

TEST_F(ReplyToMismatchTest, FreemailToFreemailIsOnlyTellingWithAVipName) {
  ParsedMessage m = MessageFrom(Addr("Dev Malhotra", "dev.malhotra1979@outlook.com"));
  m.reply_to.push_back(Addr("weekend-riders@gmail.com"));
  EXPECT_TRUE(Run(m).empty());
  m.from = {Addr("Cordelia Ashgrove", "c.ashgrove.ceo@outlook.com")};
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.5);
  EXPECT_EQ(f->evidence.detail, "free-mail; From carries a VIP's name");
}

TEST_F(ReplyToMismatchTest, UnknownSenderWithBusinessReplyToIsNotFlagged) {
  ParsedMessage m = MessageFrom(Addr("Some Shop", "news@someshop.io"));
  m.reply_to.push_back(Addr("help@someshop-support.com"));
  EXPECT_TRUE(Run(m).empty());
}

TEST_F(ReplyToMismatchTest, SameLocalPartOnAnotherBusinessDomainIsNotEmbedding) {
  // A writer's newsletter sent through a platform, replies to the writer's own domain.
  ParsedMessage m = MessageFrom(Addr("Media Notes", "kowalczyk@medianotes.newsplatform.net"));
  m.reply_to.push_back(Addr("kowalczyk@vineyard-writers.com"));
  EXPECT_TRUE(Run(m).empty());
}

TEST_F(ReplyToMismatchTest, SameRegistrableDomainOrSubsidiaryIsNotFlagged) {
  ParsedMessage m = MessageFrom(Addr("Imogen Tull", "imogen.tull@larkspurtech.com"));
  m.reply_to.push_back(Addr("ap@billing.larkspurtech.com"));
  EXPECT_TRUE(Run(m).empty());
  m.reply_to = {Addr("Rufus Penhaligon", "rufus.penhaligon@larkspurtech.co.uk")};
  EXPECT_TRUE(Run(m).empty());
  m.reply_to = {Addr("imogen.tull@larkspurtech.com")};
  EXPECT_TRUE(Run(m).empty());
}

TEST_F(ReplyToMismatchTest, MailingListReplyToTheListIsNotFlagged) {
  ParsedMessage m = MessageFrom(Addr("Imogen Tull", "imogen.tull@larkspurtech.com"));
  m.to.push_back(Addr("ap-circle@lists.apcircle.org"));
  m.reply_to.push_back(Addr("ap-circle@lists.apcircle.org"));
  testing::AddHeader(m, "List-Id", "AP circle <ap-circle.lists.apcircle.org>");
  testing::AddHeader(m, "List-Post", "<mailto:ap-circle@lists.apcircle.org>");
  EXPECT_TRUE(Run(m).empty());
}

TEST_F(ReplyToMismatchTest, DmarcFromMungingByAListIsNotFlagged) {
  ParsedMessage m = MessageFrom(Addr("Pat Quinlan via AP-Circle", "ap-circle@lists.apcircle.org"));
  m.reply_to.push_back(Addr("Pat Quinlan", "pat.quinlan@gmail.com"));
  testing::AddHeader(m, "List-Id", "<ap-circle.lists.apcircle.org>");
  testing::AddHeader(m, "X-Mailman-Version", "2.1.39");
  EXPECT_TRUE(Run(m).empty());
}

TEST_F(ReplyToMismatchTest, LookalikeReplyToIsFlaggedEvenOnAListPost) {
  ParsedMessage m = MessageFrom(Addr("Pat Quinlan", "pat@apcircle.org"));
  m.reply_to.push_back(Addr("ap@larkspurtechs.com"));
  testing::AddHeader(m, "List-Id", "<ap-circle.lists.apcircle.org>");
  EXPECT_EQ(Run(m).size(), 1u);
}

TEST_F(ReplyToMismatchTest, HostedPlatformSendingForAVendorIsNotFlagged) {
  // From an ESP/platform, Reply-To the vendor's own business domain (here even a partner).
  ParsedMessage m = MessageFrom(Addr("Quill Marine", "invoices@em123.sendgrid.net"));
  m.reply_to.push_back(Addr("Quill Marine", "billing@quillmarine.com.au"));
  EXPECT_TRUE(Run(m).empty());

  auto configured = Build(CreateReplyToMismatch(
      testing::ParseToml("platform_domains = [\"notify.bookkeeper-cloud.com\"]")));
  ParsedMessage p = MessageFrom(Addr("Quill Marine", "invoices@notify.bookkeeper-cloud.com"));
  p.reply_to.push_back(Addr("billing@quillmarine.com.au"));
  EXPECT_TRUE(world_.Run(*configured, p).empty());
  // ... but a free-mail Reply-To behind a platform is still an attacker's shape.
  p.reply_to = {Addr("quillmarine.billing@gmail.com")};
  EXPECT_EQ(world_.Run(*configured, p).size(), 1u);
}

TEST_F(ReplyToMismatchTest, NoReplyToOrNoFromIsQuiet) {
  ParsedMessage m = MessageFrom(Addr("Imogen Tull", "imogen.tull@larkspurtech.com"));
  EXPECT_TRUE(Run(m).empty());
  ParsedMessage empty;
  empty.reply_to.push_back(Addr("x@gmail.com"));
  EXPECT_TRUE(Run(empty).empty());
}

TEST(ReplyToMismatchConfigTest, UnknownKeysAndBadStrengthsFail) {
  EXPECT_FALSE(ParseReplyToMismatchConfig(testing::ParseToml("colour = 1")));
  EXPECT_FALSE(ParseReplyToMismatchConfig(testing::ParseToml("weak_strength = 1.5")));
  EXPECT_FALSE(ParseReplyToMismatchConfig(testing::ParseToml("platform_domains = \"x\"")));
  auto config = ParseReplyToMismatchConfig(testing::ParseToml(
      "enabled = true\nweak_strength = 0.25\nplatform_domains = [\"A.Example\"]"));
  ASSERT_TRUE(config);
  EXPECT_DOUBLE_EQ(config->weak_strength, 0.25);
  EXPECT_EQ(config->platform_domains, std::vector<std::string>{"a.example"});
}

}  // namespace
}  // namespace becguard::detectors
