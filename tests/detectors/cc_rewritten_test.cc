#include "detectors/cc_rewritten.h"

#include <gtest/gtest.h>

#include "test_message.h"

namespace becguard::detectors {
namespace {

using testing::Addr;
using testing::Build;
using testing::MessageFrom;

class CcRewrittenTest : public ::testing::Test {
 protected:
  std::vector<Finding> Run(const ParsedMessage& m) const { return world_.Run(*detector_, m); }

  static ParsedMessage Thread() {
    ParsedMessage m = MessageFrom(Addr("Wendell Okoro", "wendell.okoro@quillmarine.com.au"));
    m.to.push_back(Addr("Imogen Tull", "imogen.tull@larkspurtech.com"));
    return m;
  }

  testing::World world_;
  std::unique_ptr<Detector> detector_ = Build(CreateCcRewritten(toml::table{}));
};

TEST_F(CcRewrittenTest, KnownNamesOnLookalikeDomainsAreListedInOneFinding) {
  ParsedMessage m = Thread();
  m.cc.push_back(Addr("Greta Lindqvist", "greta.lindqvist@oberhaus-chernie.de"));
  m.cc.push_back(Addr("Rufus Penhaligon", "rufus.penhaligon@larkspurtech-uk.com"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, FindingId::kCcRewritten);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_EQ(f->evidence.field, "Cc");
  EXPECT_EQ(f->evidence.observed,
            "Greta Lindqvist <greta.lindqvist@oberhaus-chernie.de>; "
            "Rufus Penhaligon <rufus.penhaligon@larkspurtech-uk.com>");
  EXPECT_EQ(f->evidence.expected,
            "greta.lindqvist@oberhaus-chemie.de; rufus.penhaligon@larkspurtech.co.uk");
  EXPECT_NE(f->evidence.detail.find("lookalike of oberhaus-chemie.de"), std::string::npos);
  EXPECT_NE(f->evidence.detail.find("lookalike of larkspurtech.co.uk"), std::string::npos);
}

TEST_F(CcRewrittenTest, PartnerPersonWithoutConfiguredAddressOnLookalike) {
  ParsedMessage m = MessageFrom(Addr("Greta Lindqvist", "greta.lindqvist@oberhaus-chemie.de"));
  m.to.push_back(Addr("Wendell Okoro", "w.okoro@quillmarine-au.com"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_EQ(f->evidence.field, "To");
  EXPECT_EQ(f->evidence.expected, "quillmarine.com.au");
}

TEST_F(CcRewrittenTest, FreemailAndUnrelatedDomainsAreWeaker) {
  ParsedMessage m = Thread();
  m.to.push_back(Addr("Bartholomew Finch", "bart.finch.home@gmail.com"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.5);
  EXPECT_NE(f->evidence.detail.find("free-mail"), std::string::npos);

  m = Thread();
  m.cc.push_back(Addr("Imogen Tull", "imogen.tull@accounts-desk.biz"));
  m.to.clear();
  m.to.push_back(Addr("Cordelia Ashgrove", "cordelia.ashgrove@larkspurtech.com"));
  f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.7);
  EXPECT_NE(f->evidence.detail.find("unrelated domain accounts-desk.biz"), std::string::npos);
}

TEST_F(CcRewrittenTest, RealAddressesAndOwnOrganisationDomainsAreFine) {
  ParsedMessage m = Thread();
  m.cc.push_back(Addr("Imogen Tull", "ap@larkspurtech.com"));
  m.cc.push_back(Addr("Rufus Penhaligon", "rufus.penhaligon@larkspurtech.co.uk"));
  m.cc.push_back(Addr("Cordelia Ashgrove", "c.ashgrove@larkspurtech.co.uk"));  // guessed, own org
  m.cc.push_back(Addr("Wendell Okoro", "wokoro@quillmarine.com.au"));
  m.cc.push_back(Addr("Greta Lindqvist", "greta.lindqvist@oberhaus-chemie.de"));
  EXPECT_TRUE(Run(m).empty());
}

TEST_F(CcRewrittenTest, UnknownNamesAndNamesakesElsewhereInTheProtectedSetAreFine) {
  ParsedMessage m = Thread();
  m.cc.push_back(Addr("Jordan Mbeki", "jordan.mbeki@gmail.com"));
  m.cc.push_back(Addr("Greta Lindqvist", "greta.lindqvist@larkspurtech.com"));  // a namesake
  m.cc.push_back(Addr("Imogen", "imogen@gmail.com"));                           // first name only
  EXPECT_TRUE(Run(m).empty());
}

TEST_F(CcRewrittenTest, TheSendersOwnNameOnFreemailOrLookalike) {
  ParsedMessage m = MessageFrom(Addr("Accounts Team", "accounts@quillmarine.com.au"));
  m.to.push_back(Addr("imogen.tull@larkspurtech.com"));
  m.cc.push_back(Addr("Accounts Team", "accounts@quillmarine-au.com"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_EQ(f->evidence.expected, "accounts@quillmarine.com.au");
  EXPECT_NE(f->evidence.detail.find("the sender's own name"), std::string::npos);

  ParsedMessage p = MessageFrom(Addr("Harold Banes", "harold@acme-parts.com"));
  p.cc.push_back(Addr("Harold Banes", "harold.banes@gmail.com"));
  f = testing::Only(Run(p));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.5);
  // A second business mailbox of the sender is not telling.
  p.cc = {Addr("Harold Banes", "harold@acme-parts-group.net")};
  EXPECT_TRUE(Run(p).empty());
}

TEST_F(CcRewrittenTest, EntriesInBothToAndCcNameBothFields) {
  ParsedMessage m = Thread();
  m.to.push_back(Addr("Greta Lindqvist", "greta.lindqvist@oberhaus-chernie.de"));
  m.cc.push_back(Addr("Rufus Penhaligon", "rufus.penhaligon@larkspurtech-uk.com"));
  m.cc.push_back(Addr("Greta Lindqvist", "greta.lindqvist@oberhaus-chernie.de"));  // duplicate
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence.field, "To, Cc");
  EXPECT_EQ(f->evidence.observed.find("oberhaus-chernie"),
            f->evidence.observed.rfind("oberhaus-chernie"));
}

TEST(CcRewrittenConfigTest, ParsesAndRejects) {
  EXPECT_FALSE(ParseCcRewrittenConfig(testing::ParseToml("freemail_strength = 2")));
  EXPECT_FALSE(ParseCcRewrittenConfig(testing::ParseToml("lookalike_strength = 1")));
  auto config = ParseCcRewrittenConfig(testing::ParseToml("freemail_strength = 0.3"));
  ASSERT_TRUE(config);
  EXPECT_DOUBLE_EQ(config->freemail_strength, 0.3);
}

}  // namespace
}  // namespace becguard::detectors
