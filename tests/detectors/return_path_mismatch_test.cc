#include "detectors/return_path_mismatch.h"

#include <gtest/gtest.h>

#include "test_message.h"

namespace becguard::detectors {
namespace {

using testing::Addr;
using testing::Build;
using testing::MessageFrom;

class ReturnPathMismatchTest : public ::testing::Test {
 protected:
  std::vector<Finding> Run(const ParsedMessage& m) const { return world_.Run(*detector_, m); }

  static ParsedMessage With(const Address& from, const Address& return_path) {
    ParsedMessage m = MessageFrom(from);
    m.return_path = return_path;
    return m;
  }

  testing::World world_;
  std::unique_ptr<Detector> detector_ = Build(CreateReturnPathMismatch(toml::table{}));
};

TEST_F(ReturnPathMismatchTest, VpsEnvelopeUnderAPartnerFromIsFlagged) {
  auto f = testing::Only(Run(With(Addr("Wendell Okoro", "wendell.okoro@quillmarine.com.au"),
                                  Addr("postmaster@vps-8812.cheap-hosting.net"))));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, FindingId::kReturnPathMismatch);
  EXPECT_DOUBLE_EQ(f->strength, 0.8);
  EXPECT_EQ(f->evidence.field, "Return-Path");
  EXPECT_EQ(f->evidence.observed, "postmaster@vps-8812.cheap-hosting.net");
  EXPECT_EQ(f->evidence.expected, "an address at quillmarine.com.au");
  EXPECT_NE(f->evidence.detail.find("partner domain"), std::string::npos);
}

TEST_F(ReturnPathMismatchTest, FreemailOrLookalikeEnvelopeIsStrongest) {
  auto f = testing::Only(
      Run(With(Addr("cordelia.ashgrove@larkspurtech.com"), Addr("c.ashgrove.travel@gmail.com"))));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_NE(f->evidence.detail.find("free-mail"), std::string::npos);

  f = testing::Only(Run(With(Addr("news@some-retailer.com"), Addr("bounce@larkspur-tech.com"))));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_NE(f->evidence.detail.find("lookalike of larkspurtech.com"), std::string::npos);
}

TEST_F(ReturnPathMismatchTest, UnrelatedEnvelopeOfUnknownSenderIsWeak) {
  auto f = testing::Only(Run(With(Addr("hello@small-bakery.com"), Addr("mailer@web-host.org"))));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.3);
  // Free-mail "send mail as" for a small business's own domain.
  f = testing::Only(Run(With(Addr("hello@small-bakery.com"), Addr("smallbakery@gmail.com"))));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.5);
}

TEST_F(ReturnPathMismatchTest, SameDomainSubdomainAndSubsidiaryAreFine) {
  EXPECT_TRUE(Run(With(Addr("imogen.tull@larkspurtech.com"), Addr("imogen.tull@larkspurtech.com")))
                  .empty());
  EXPECT_TRUE(
      Run(With(Addr("news@larkspurtech.com"), Addr("bounces@mail.larkspurtech.com"))).empty());
  EXPECT_TRUE(
      Run(With(Addr("imogen.tull@larkspurtech.com"), Addr("relay@larkspurtech.co.uk"))).empty());
}

TEST_F(ReturnPathMismatchTest, EspBounceDomainsAreFine) {
  EXPECT_TRUE(Run(With(Addr("orders@quillmarine.com.au"),
                       Addr("0101019a-2e6f-000000@us-west-2.amazonses.com")))
                  .empty());
  EXPECT_TRUE(Run(With(Addr("news@assoc.org"), Addr("bounce-mc.us21_1.2-3@mail41.suw13.mcsv.net")))
                  .empty());
}

TEST_F(ReturnPathMismatchTest, BounceVerpAndSrsAddressesAreFine) {
  const Address from = Addr("imogen.tull@larkspurtech.com");
  for (const char* rp :
       {"bounces+4821-7d1e-x=larkspurtech.com@em4821.mailer.io",
        "SRS0=abcd=XY=larkspurtech.com=imogen.tull@forwarder.net",
        "prvs=0123abcd=imogen.tull@relay.example.net", "forum-bounces@lists.forum.org"}) {
    EXPECT_TRUE(Run(With(from, Addr(rp))).empty()) << rp;
  }
}

TEST_F(ReturnPathMismatchTest, MailingListPostsAreFine) {
  ParsedMessage m = With(Addr("poster@members-co.jp"), Addr("keiri-admin@ml.keiri-circle.jp"));
  testing::AddHeader(m, "X-ML-Name", "keiri-circle");
  EXPECT_TRUE(Run(m).empty());
  // A list hosted by a free-mail provider bounces through the provider's VERP host.
  ParsedMessage hosted = With(Addr("member@small-isp.net"),
                              Addr("sentto-224-559-1033=me.example.org@returns.groups.mail.com"));
  EXPECT_TRUE(Run(hosted).empty());
  // ... but a lookalike envelope is never a list's.
  ParsedMessage lookalike = With(Addr("poster@members-co.jp"), Addr("bounces@larkspurtechs.com"));
  testing::AddHeader(lookalike, "X-ML-Name", "keiri-circle");
  EXPECT_EQ(Run(lookalike).size(), 1u);
}

TEST_F(ReturnPathMismatchTest, NullOrMissingReturnPathIsQuiet) {
  ParsedMessage m = MessageFrom(Addr("imogen.tull@larkspurtech.com"));
  EXPECT_TRUE(Run(m).empty());
  m.return_path = Address{};
  EXPECT_TRUE(Run(m).empty());
}

TEST(ReturnPathMismatchConfigTest, ParsesAndRejects) {
  EXPECT_FALSE(ParseReturnPathMismatchConfig(testing::ParseToml("strength = 1")));
  EXPECT_FALSE(ParseReturnPathMismatchConfig(testing::ParseToml("unrelated_strength = -0.1")));
  auto config = ParseReturnPathMismatchConfig(testing::ParseToml("unrelated_strength = 0.2"));
  ASSERT_TRUE(config);
  EXPECT_DOUBLE_EQ(config->unrelated_strength, 0.2);
}

}  // namespace
}  // namespace becguard::detectors
