#include "context/org_directory.h"

#include <gtest/gtest.h>

namespace becguard::context {
namespace {

Person MakePerson(std::string name, std::vector<std::string> addresses, bool vip = false,
                  std::vector<std::string> aliases = {}) {
  Person p;
  p.name = std::move(name);
  p.addresses = std::move(addresses);
  p.vip = vip;
  p.aliases = std::move(aliases);
  return p;
}

class OrgDirectoryTest : public ::testing::Test {
 protected:
  OrgDirectoryTest() : dir_(MakeOrg(), MakePartners()) {}

  static OrganizationConfig MakeOrg() {
    OrganizationConfig org;
    org.domains = {"Northwind-Test.example", "northwind-test.co.uk."};
    org.people = {
        MakePerson("Harriet Vandermolen", {"Harriet.Vandermolen@northwind-test.example"}, true),
        MakePerson("Ozzie Pratt", {"ozzie.pratt@northwind-test.example"}),
        MakePerson("森川 直人", {"n.morikawa@northwind-test.example"}, true,
                   {"森川社長", "Naoto Morikawa"}),
        MakePerson("人事部", {"jinji@northwind-test.example"}),
        MakePerson("Ed", {"ed@northwind-test.example"}, false, {"王 明"}),
    };
    return org;
  }

  static PartnersConfig MakePartners() {
    PartnersConfig partners;
    partners.domains = {"quillsupply.example"};
    partners.people = {MakePerson("Tamsin Oyelaran", {})};
    return partners;
  }

  static std::vector<std::string> Names(const std::vector<KnownPerson>& found) {
    std::vector<std::string> out;
    for (const KnownPerson& k : found) out.push_back(k.person->name);
    return out;
  }

  OrgDirectory dir_;
};

TEST_F(OrgDirectoryTest, DomainsAreLowerCaseAndProtectedIsOrgPlusPartner) {
  EXPECT_TRUE(dir_.IsOrgDomain("northwind-test.example"));
  EXPECT_TRUE(dir_.IsOrgDomain("northwind-test.co.uk"));
  EXPECT_FALSE(dir_.IsOrgDomain("quillsupply.example"));
  EXPECT_TRUE(dir_.IsPartnerDomain("quillsupply.example"));
  EXPECT_FALSE(dir_.IsPartnerDomain("northwind-test.example"));
  EXPECT_FALSE(dir_.IsOrgDomain(""));
  EXPECT_EQ(dir_.protected_domains(),
            (std::vector<std::string>{"northwind-test.example", "northwind-test.co.uk",
                                      "quillsupply.example"}));
}

TEST_F(OrgDirectoryTest, FullNameMatchesInAnyOrderAndInsideLongerDisplayNames) {
  EXPECT_EQ(Names(dir_.FindByDisplayName("Harriet Vandermolen")),
            std::vector<std::string>{"Harriet Vandermolen"});
  EXPECT_EQ(Names(dir_.FindByDisplayName("Vandermolen, Harriet")),
            std::vector<std::string>{"Harriet Vandermolen"});
  EXPECT_EQ(Names(dir_.FindByDisplayName(
                "HARRIET VANDERMOLEN <harriet@x.example> secured by [mailto:r@y.example]")),
            std::vector<std::string>{"Harriet Vandermolen"});
  EXPECT_EQ(Names(dir_.FindByDisplayName("HarrietVandermolen")),
            std::vector<std::string>{"Harriet Vandermolen"});
}

TEST_F(OrgDirectoryTest, PartialNamesDoNotMatch) {
  EXPECT_TRUE(dir_.FindByDisplayName("Harriet").empty());
  EXPECT_TRUE(dir_.FindByDisplayName("Harriet Smith").empty());
  EXPECT_TRUE(dir_.FindByDisplayName("Ozzie Prattle").empty());
  // Latin names never match by substring of the letters.
  EXPECT_TRUE(dir_.FindByDisplayName("Jozzie Pratten").empty());
  EXPECT_TRUE(dir_.FindByDisplayName("").empty());
}

TEST_F(OrgDirectoryTest, JapaneseNamesMatchWithOrWithoutSpaceAndByAlias) {
  EXPECT_EQ(Names(dir_.FindByDisplayName("森川 直人")), std::vector<std::string>{"森川 直人"});
  EXPECT_EQ(Names(dir_.FindByDisplayName("森川直人")), std::vector<std::string>{"森川 直人"});
  EXPECT_EQ(Names(dir_.FindByDisplayName("株式会社ノースウィンド 森川直人")),
            std::vector<std::string>{"森川 直人"});
  EXPECT_EQ(Names(dir_.FindByDisplayName("森川社長")), std::vector<std::string>{"森川 直人"});
  EXPECT_EQ(Names(dir_.FindByDisplayName("Naoto Morikawa")), std::vector<std::string>{"森川 直人"});
  EXPECT_TRUE(dir_.FindByDisplayName("森川").empty());
}

TEST_F(OrgDirectoryTest, ShortAndGenericNamesNeverMatch) {
  EXPECT_TRUE(dir_.FindByDisplayName("Ed").empty());  // fewer than 3 letters
  EXPECT_TRUE(dir_.FindByDisplayName("Ed Pratt").empty());
  EXPECT_TRUE(dir_.FindByDisplayName("王明").empty());
  EXPECT_TRUE(dir_.FindByDisplayName("人事部").empty());
  EXPECT_TRUE(dir_.FindByDisplayName("株式会社クイル 人事部").empty());
  EXPECT_TRUE(dir_.FindByDisplayName("Accounts Payable").empty());
}

TEST_F(OrgDirectoryTest, PartnerPeopleCarryTheirAffiliation) {
  auto found = dir_.FindByDisplayName("Tamsin Oyelaran");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].affiliation, Affiliation::kPartner);
  found = dir_.FindByDisplayName("Ozzie Pratt");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].affiliation, Affiliation::kOrganization);
  EXPECT_FALSE(found[0].person->vip);
}

TEST_F(OrgDirectoryTest, FindByAddressIsExactAndCaseInsensitive) {
  auto found = dir_.FindByAddress("harriet.vandermolen@northwind-test.example");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].person->vip);
  EXPECT_EQ(dir_.FindByAddress("Harriet.Vandermolen@Northwind-Test.example").size(), 1u);
  EXPECT_TRUE(dir_.FindByAddress("harriet@northwind-test.example").empty());
  EXPECT_TRUE(dir_.FindByAddress("").empty());
  EXPECT_TRUE(
      OrgDirectory::OwnsAddress(*found[0].person, "harriet.vandermolen@northwind-test.example"));
  EXPECT_FALSE(OrgDirectory::OwnsAddress(*found[0].person, "harriet.vandermolen@gmail.example"));
}

TEST(OrgDirectoryEmptyTest, EmptyConfigAnswersNothing) {
  OrgDirectory dir{OrganizationConfig{}, PartnersConfig{}};
  EXPECT_TRUE(dir.protected_domains().empty());
  EXPECT_TRUE(dir.FindByDisplayName("Anyone At All").empty());
  EXPECT_FALSE(dir.IsOrgDomain("example.com"));
}

}  // namespace
}  // namespace becguard::context
