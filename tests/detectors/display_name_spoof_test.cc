#include "detectors/display_name_spoof.h"

#include <gtest/gtest.h>

#include "test_message.h"

namespace becguard::detectors {
namespace {

using testing::Addr;
using testing::Build;
using testing::MessageFrom;

class DisplayNameSpoofTest : public ::testing::Test {
 protected:
  std::vector<Finding> Run(const ParsedMessage& m) const { return world_.Run(*detector_, m); }
  std::vector<Finding> RunFrom(std::string_view name, std::string_view address) const {
    return Run(MessageFrom(Addr(name, address)));
  }

  testing::World world_;
  std::unique_ptr<Detector> detector_ = Build(CreateDisplayNameSpoof(toml::table{}));
};

bool Mentions(const Finding& f, std::string_view text) {
  return f.evidence.detail.find(text) != std::string::npos;
}

TEST_F(DisplayNameSpoofTest, SecuredByKitWithTheCeosAddressInTheName) {
  auto f =
      testing::Only(RunFrom("Cordelia Ashgrove <cordelia.ashgrove@larkspurtech.com> secured by "
                            "[mailto:relay@office-365-secure.net]",
                            "relay@office-365-secure.net"));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, FindingId::kDisplayNameSpoof);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_EQ(f->evidence.field, "From display name");
  EXPECT_EQ(f->evidence.expected, "cordelia.ashgrove@larkspurtech.com");
  EXPECT_TRUE(Mentions(*f, "shows another address cordelia.ashgrove@larkspurtech.com"));
  EXPECT_TRUE(Mentions(*f, "secured by"));
  EXPECT_TRUE(Mentions(*f, "VIP Cordelia Ashgrove (CEO)"));
  // relay@... in the name equals the From address and is not "another" address.
  EXPECT_FALSE(Mentions(*f, "another address relay@"));
}

TEST_F(DisplayNameSpoofTest, StaffNameWithAddressOnFreemail) {
  auto f =
      testing::Only(RunFrom("Imogen Tull <imogen.tull@larkspurtech.com>", "itull.lt@outlook.com"));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_TRUE(Mentions(*f, "known person Imogen Tull on a free-mail address"));
}

TEST_F(DisplayNameSpoofTest, AddressOnTheSameDomainInTheNameIsWeak) {
  auto f = testing::Only(RunFrom("helpdesk@someco-widgets.com", "it-desk@someco-widgets.com"));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.5);
}

TEST_F(DisplayNameSpoofTest, VipNameOffTheirAddressIsGradedByDomain) {
  auto f = testing::Only(RunFrom("Cordelia Ashgrove", "cordelia.ashgrove@larkspurtechs.com"));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_EQ(f->evidence.expected, "cordelia.ashgrove@larkspurtech.com");
  EXPECT_TRUE(Mentions(*f, "on an address that is not theirs"));

  f = testing::Only(RunFrom("Bartholomew Finch", "b.finch.private@gmail.com"));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);

  f = testing::Only(RunFrom("村瀬社長", "murase.office@gmail.com"));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);

  f = testing::Only(RunFrom("Cordelia Ashgrove", "ceo-office@larkspurtech.co.uk"));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.5);
  EXPECT_TRUE(Mentions(*f, "on another organisation address"));
}

TEST_F(DisplayNameSpoofTest, StaffOrPartnerNameOnFreemailOrLookalike) {
  auto f = testing::Only(RunFrom("Rufus Penhaligon", "rufus.penhaligon@yahoo.co.jp"));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.7);
  f = testing::Only(RunFrom("Wendell Okoro", "wendell.okoro@quillmarine-au.com"));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.7);
  EXPECT_TRUE(Mentions(*f, "lookalike of quillmarine.com.au"));
}

TEST_F(DisplayNameSpoofTest, RealSendersFirstNamesAndNamesakesAreFine) {
  EXPECT_TRUE(RunFrom("Cordelia Ashgrove", "cordelia.ashgrove@larkspurtech.com").empty());
  EXPECT_TRUE(RunFrom("村瀬 俊介", "s.murase@larkspurtech.com").empty());
  EXPECT_TRUE(RunFrom("Cordelia", "cordelia.m@gmail.com").empty());
  EXPECT_TRUE(RunFrom("Cordelia Banks", "cordelia.banks@gmail.com").empty());
  // A staff namesake at an unrelated business.
  EXPECT_TRUE(RunFrom("Imogen Tull", "imogen@tull-design-studio.com").empty());
  EXPECT_TRUE(RunFrom("Wendell Okoro", "w.okoro@quillmarine.com.au").empty());
  EXPECT_TRUE(RunFrom("", "anyone@gmail.com").empty());
  EXPECT_TRUE(
      RunFrom("cordelia.ashgrove@larkspurtech.com", "cordelia.ashgrove@larkspurtech.com").empty());
}

TEST_F(DisplayNameSpoofTest, ListFromMungingIsFine) {
  ParsedMessage m = MessageFrom(Addr("Cordelia Ashgrove via AP-Circle", "ap-circle@apcircle.org"));
  testing::AddHeader(m, "List-Id", "<ap-circle.apcircle.org>");
  EXPECT_TRUE(Run(m).empty());
}

TEST_F(DisplayNameSpoofTest, InvisibleAndBidiCharactersInTheName) {
  auto f = testing::Only(RunFrom("Payments\u200b Desk", "pay@desk-company.com"));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.8);
  EXPECT_TRUE(Mentions(*f, "invisible or bidi"));
  // Joiners inside emoji sequences are ordinary text.
  EXPECT_TRUE(RunFrom("Spring Sale \U0001F938\u200D\u2640\uFE0F", "news@shop-co.com").empty());
  f = testing::Only(RunFrom("Invoice \u202Efdp.exe", "pay@desk-company.com"));
  ASSERT_TRUE(f);
  EXPECT_TRUE(Mentions(*f, "invisible or bidi"));
}

TEST(DisplayNameSpoofConfigTest, ParsesAndRejects) {
  EXPECT_FALSE(ParseDisplayNameSpoofConfig(testing::ParseToml("vip_strength = 1")));
  EXPECT_FALSE(ParseDisplayNameSpoofConfig(testing::ParseToml("invisible_strength = 9")));
  auto config = ParseDisplayNameSpoofConfig(testing::ParseToml("known_person_strength = 0.6"));
  ASSERT_TRUE(config);
  EXPECT_DOUBLE_EQ(config->known_person_strength, 0.6);
  EXPECT_DOUBLE_EQ(config->invisible_strength, 0.8);
}

}  // namespace
}  // namespace becguard::detectors
