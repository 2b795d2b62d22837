#include "detectors/address_relation.h"

#include <gtest/gtest.h>

#include "test_message.h"

namespace becguard::detectors {
namespace {

using testing::Addr;

TEST(AddressRelationTest, EmbedsTheFromAddressOrDomainName) {
  const Address from = Addr("alice.eve@company-a.com");
  EXPECT_EQ(EmbedsFromIdentity(Addr("alice.eve.company-a@mail.com"), from), Embeds::kFromAddress);
  EXPECT_EQ(EmbedsFromIdentity(Addr("company.a.payments@mail.com"), from), Embeds::kFromDomain);
  EXPECT_EQ(EmbedsFromIdentity(Addr("bob@mail.com"), from), Embeds::kNothing);
  // Role mailboxes and short local parts embed nothing.
  EXPECT_EQ(EmbedsFromIdentity(Addr("info@other.com"), Addr("info@vendor-x.com")),
            Embeds::kNothing);
  EXPECT_EQ(EmbedsFromIdentity(Addr("jo.smith@other.com"), Addr("jo@abc.com")), Embeds::kNothing);
}

TEST(AddressRelationTest, RelateDescribesAttackerProperties) {
  testing::World world;
  const ParsedMessage m;
  const patterns::IntentHits hits;
  const DetectorContext context = world.Context(m, hits);
  const Address from = Addr("greta.lindqvist@oberhaus-chemie.de");

  AddressRelation r = Relate(context, Addr("greta.lindqvist.oberhaus@gmail.com"), &from);
  EXPECT_FALSE(r.same_registrable);
  EXPECT_TRUE(r.freemail);
  EXPECT_EQ(r.embeds, Embeds::kFromAddress);
  EXPECT_EQ(r.Describe(), "free-mail; embeds the From address");

  r = Relate(context, Addr("greta@oberhaus-chernie.de"), &from);
  ASSERT_TRUE(r.lookalike);
  EXPECT_EQ(r.lookalike->imitated, "oberhaus-chemie.de");

  r = Relate(context, Addr("x@mail.oberhaus-chemie.de"), &from);
  EXPECT_TRUE(r.same_registrable);
  EXPECT_TRUE(r.partner_domain);
  EXPECT_TRUE(r.Describe().empty());

  r = Relate(context, Addr("x@larkspurtech.co.uk"), nullptr);
  EXPECT_TRUE(r.org_domain);
  EXPECT_FALSE(r.lookalike);

  // "gmail" inside a local part says nothing about a gmail sender.
  const Address gmail_from = Addr("someone@gmail.com");
  r = Relate(context, Addr("gmail.fan@outlook.com"), &gmail_from);
  EXPECT_EQ(r.embeds, Embeds::kNothing);
}

TEST(AddressRelationTest, HomeDomainsAndProtectedSides) {
  testing::World world;
  const context::OrgDirectory& org = world.org();
  EXPECT_TRUE(SameProtectedSide(org, "larkspurtech.com", "larkspurtech.co.uk"));
  EXPECT_TRUE(SameProtectedSide(org, "quillmarine.com.au", "oberhaus-chemie.de"));
  EXPECT_FALSE(SameProtectedSide(org, "larkspurtech.com", "quillmarine.com.au"));
  EXPECT_FALSE(SameProtectedSide(org, "larkspurtech.com", "gmail.com"));

  auto staff = org.FindByDisplayName("Imogen Tull");
  ASSERT_EQ(staff.size(), 1u);
  EXPECT_TRUE(OnHomeDomain(org, staff[0], "larkspurtech.com"));
  EXPECT_TRUE(OnHomeDomain(org, staff[0], "larkspurtech.co.uk"));
  EXPECT_FALSE(OnHomeDomain(org, staff[0], "quillmarine.com.au"));

  auto partner = org.FindByDisplayName("Greta Lindqvist");
  ASSERT_EQ(partner.size(), 1u);
  EXPECT_TRUE(OnHomeDomain(org, partner[0], "oberhaus-chemie.de"));
  EXPECT_FALSE(OnHomeDomain(org, partner[0], "quillmarine.com.au"));
  auto unaddressed = org.FindByDisplayName("Wendell Okoro");
  ASSERT_EQ(unaddressed.size(), 1u);
  EXPECT_TRUE(OnHomeDomain(org, unaddressed[0], "quillmarine.com.au"));
  EXPECT_FALSE(OnHomeDomain(org, unaddressed[0], "larkspurtech.com"));
}

TEST(AddressRelationTest, AddressesInTextFindsEachAddressOnceWithoutQuotes) {
  EXPECT_EQ(AddressesInText("\"CEO <CEO@Real.co.jp> secured by [mailto:relay@365-offices.com]\""),
            (std::vector<std::string>{"ceo@real.co.jp", "relay@365-offices.com"}));
  EXPECT_EQ(AddressesInText("'x@y.com' or x@y.com."), std::vector<std::string>{"x@y.com"});
  EXPECT_EQ(AddressesInText("o'brien@pub.ie"), std::vector<std::string>{"o'brien@pub.ie"});
  EXPECT_TRUE(AddressesInText("user@localhost, @handle, a@").empty());
}

TEST(AddressRelationTest, Formatting) {
  EXPECT_EQ(FormatAddress(Addr("Jane Roe", "Jane.Roe@Example.com")),
            "Jane Roe <jane.roe@example.com>");
  EXPECT_EQ(FormatAddress(Addr("jane@example.com")), "jane@example.com");
  EXPECT_EQ(FormatAddress(Addr("Jane <jane@real.com> \"secured\"", "x@evil.net")),
            "\"Jane <jane@real.com> \\\"secured\\\"\" <x@evil.net>");
  EXPECT_EQ(DescribeLookalike(domain::LookalikeMatch{"a.com", "added letter", 1}),
            "lookalike of a.com (added letter, distance 1)");
  EXPECT_EQ(DescribeLookalike(domain::LookalikeMatch{"a.com", "TLD swap", 0}),
            "lookalike of a.com (TLD swap)");
  EXPECT_TRUE(IsSameOrSubdomain("a.b.com", "b.com"));
  EXPECT_FALSE(IsSameOrSubdomain("ab.com", "b.com"));
}

}  // namespace
}  // namespace becguard::detectors
