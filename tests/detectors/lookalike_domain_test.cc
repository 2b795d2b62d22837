#include "detectors/lookalike_domain.h"

#include <gtest/gtest.h>

#include "test_message.h"

namespace becguard::detectors {
namespace {

using testing::Addr;
using testing::Build;
using testing::MessageFrom;

class LookalikeDomainTest : public ::testing::Test {
 protected:
  std::vector<Finding> Run(const ParsedMessage& m) const { return world_.Run(*detector_, m); }

  static Link MakeLink(std::string host) {
    return Link{"https://" + host + "/pay", "pay now", std::move(host)};
  }

  testing::World world_;
  std::unique_ptr<Detector> detector_ = Build(CreateLookalikeDomain(toml::table{}));
};

TEST_F(LookalikeDomainTest, LookalikeFromIsReportedWithTechnique) {
  ParsedMessage m = MessageFrom(Addr("Cordelia Ashgrove", "cordelia.ashgrove@larkspurtechs.com"));
  m.to.push_back(Addr("imogen.tull@larkspurtech.com"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, FindingId::kLookalikeDomain);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_EQ(f->evidence.field, "From");
  EXPECT_EQ(f->evidence.observed, "larkspurtechs.com");
  EXPECT_EQ(f->evidence.expected, "larkspurtech.com");
  EXPECT_NE(f->evidence.detail.find("distance 1"), std::string::npos);
}

TEST_F(LookalikeDomainTest, EachDomainOnceAtItsMostTellingPlace) {
  ParsedMessage m = MessageFrom(Addr("Wendell Okoro", "wendell.okoro@quillmarine-au.com"));
  m.return_path = Addr("wendell.okoro@quillmarine-au.com");
  m.to.push_back(Addr("imogen.tull@larkspurtech.com"));
  m.cc.push_back(Addr("Rufus Penhaligon", "rufus.penhaligon@larkspurtech-uk.com"));
  m.cc.push_back(Addr("Greta Lindqvist", "greta@quillmarine-au.com"));
  m.links.push_back(MakeLink("portal.quillmarine-au.com"));
  const std::vector<Finding> findings = Run(m);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].evidence.field, "From");
  EXPECT_EQ(findings[0].evidence.expected, "quillmarine.com.au");
  EXPECT_NE(findings[0].evidence.detail.find("suffix folding"), std::string::npos);
  EXPECT_EQ(findings[1].evidence.field, "Cc");
  EXPECT_EQ(findings[1].evidence.expected, "larkspurtech.co.uk");
  EXPECT_DOUBLE_EQ(findings[1].strength, 0.8);
}

TEST_F(LookalikeDomainTest, HeaderFieldsAreNamed) {
  ParsedMessage m = MessageFrom(Addr("greta.lindqvist@oberhaus-chemie.de"));
  m.reply_to.push_back(Addr("greta.lindqvist@oberhaus-chernie.de"));
  m.notification_to.push_back({"Disposition-Notification-To", Addr("x@larkspur-tech.com")});
  m.sender = Addr("relay@larkspurtech.net");
  const std::vector<Finding> findings = Run(m);
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].evidence.field, "Sender");
  EXPECT_EQ(findings[1].evidence.field, "Reply-To");
  EXPECT_NE(findings[1].evidence.detail.find("rn"), std::string::npos);
  EXPECT_EQ(findings[2].evidence.field, "Disposition-Notification-To");
  for (const Finding& f : findings) EXPECT_DOUBLE_EQ(f.strength, 1.0);
}

TEST_F(LookalikeDomainTest, LinksAreWeakerAndWeakestOnListPosts) {
  ParsedMessage m = MessageFrom(Addr("news@industry-weekly.com"));
  m.links.push_back(MakeLink("quillmarine.com.au.pay-desk.com"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence.field, "link");
  EXPECT_EQ(f->evidence.observed, "quillmarine.com.au.pay-desk.com");
  EXPECT_DOUBLE_EQ(f->strength, 0.6);
  testing::AddHeader(m, "List-Id", "<weekly.industry-weekly.com>");
  f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.4);

  auto no_links = Build(CreateLookalikeDomain(testing::ParseToml("check_links = false")));
  EXPECT_TRUE(world_.Run(*no_links, m).empty());
}

TEST_F(LookalikeDomainTest, ProtectedAndUnrelatedDomainsAreFine) {
  ParsedMessage m = MessageFrom(Addr("imogen.tull@larkspurtech.com"));
  m.to.push_back(Addr("greta.lindqvist@oberhaus-chemie.de"));
  m.cc.push_back(Addr("rufus.penhaligon@larkspurtech.co.uk"));
  m.cc.push_back(Addr("friend@gmail.com"));
  m.return_path = Addr("bounce@mail.larkspurtech.com");
  m.links.push_back(MakeLink("www.quillmarine.com.au"));
  m.links.push_back(Link{"mailto:x@y", "x", ""});
  EXPECT_TRUE(Run(m).empty());
}

TEST(LookalikeDomainConfigTest, ParsesAndRejects) {
  EXPECT_FALSE(ParseLookalikeDomainConfig(testing::ParseToml("max_distance = 2")));
  EXPECT_FALSE(ParseLookalikeDomainConfig(testing::ParseToml("link_strength = 1.1")));
  auto config = ParseLookalikeDomainConfig(testing::ParseToml("recipient_strength = 0.9"));
  ASSERT_TRUE(config);
  EXPECT_DOUBLE_EQ(config->recipient_strength, 0.9);
  EXPECT_DOUBLE_EQ(config->link_strength, 0.6);
}

}  // namespace
}  // namespace becguard::detectors
