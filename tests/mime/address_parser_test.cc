#include "mime/address_parser.h"

#include <gtest/gtest.h>

namespace becguard::mime {
namespace {

TEST(AddressParserTest, NameAndAngleAddress) {
  const AddressList l = ParseAddressList("Margaret Okafor <M.Okafor@Example.COM>");
  ASSERT_EQ(l.addresses.size(), 1u);
  const Address& a = l.addresses[0];
  EXPECT_EQ(a.display_name, "Margaret Okafor");
  EXPECT_EQ(a.local_part, "M.Okafor");
  EXPECT_EQ(a.domain, "example.com");
  EXPECT_EQ(a.address, "m.okafor@example.com");
  EXPECT_EQ(a.registrable_domain, "example.com");
  EXPECT_EQ(a.normalized_display_name, "margaret okafor");
  EXPECT_EQ(l.bad_entries, 0);
}

TEST(AddressParserTest, BareAddressAndCommentName) {
  const AddressList l = ParseAddressList("ceo@sub.example.co.uk (The CEO), other@example.org");
  ASSERT_EQ(l.addresses.size(), 2u);
  EXPECT_EQ(l.addresses[0].display_name, "The CEO");
  EXPECT_EQ(l.addresses[0].registrable_domain, "example.co.uk");
  EXPECT_EQ(l.addresses[1].address, "other@example.org");
  EXPECT_TRUE(l.addresses[1].display_name.empty());
}

TEST(AddressParserTest, QuotedCommaAndEscapes) {
  const AddressList l =
      ParseAddressList("\"Okafor, Margaret \\\"Maggie\\\"\" <m@example.com>, b@example.com");
  ASSERT_EQ(l.addresses.size(), 2u);
  EXPECT_EQ(l.addresses[0].display_name, "Okafor, Margaret \"Maggie\"");
}

TEST(AddressParserTest, AddressInsideDisplayNameStaysInName) {
  const AddressList quoted = ParseAddressList("\"Jane <jane@real.com>\" <x@evil.com>");
  ASSERT_EQ(quoted.addresses.size(), 1u);
  EXPECT_EQ(quoted.addresses[0].display_name, "Jane <jane@real.com>");
  EXPECT_EQ(quoted.addresses[0].address, "x@evil.com");
  // Unquoted variant: the last <...> is the address.
  const AddressList bare = ParseAddressList("Jane <jane@real.com> <x@evil.com>");
  ASSERT_EQ(bare.addresses.size(), 1u);
  EXPECT_EQ(bare.addresses[0].display_name, "Jane <jane@real.com>");
  EXPECT_EQ(bare.addresses[0].address, "x@evil.com");
}

TEST(AddressParserTest, GroupsAndUndisclosedRecipients) {
  EXPECT_TRUE(ParseAddressList("undisclosed-recipients:;").addresses.empty());
  EXPECT_EQ(ParseAddressList("undisclosed-recipients:;").bad_entries, 0);
  const AddressList l = ParseAddressList("Team: a@example.com, B <b@example.com>;, c@example.com");
  ASSERT_EQ(l.addresses.size(), 3u);
  EXPECT_EQ(l.addresses[1].display_name, "B");
  EXPECT_EQ(l.addresses[2].address, "c@example.com");
}

TEST(AddressParserTest, EncodedDisplayNamesAndQuotesRemoved) {
  const AddressList l = ParseAddressList(
      "=?UTF-8?B?IuS9kOiXpCDlgaXkuIAi?= <sato@example.jp>, 'Bob Smith' <bob@example.com>");
  ASSERT_EQ(l.addresses.size(), 2u);
  EXPECT_EQ(l.addresses[0].display_name, "佐藤 健一");
  EXPECT_EQ(l.addresses[1].display_name, "Bob Smith");
}

TEST(AddressParserTest, CrLfAndTabsRemovedFromName) {
  const AddressList l = ParseAddressList("\"Yamada\r\n\tTaro\" <t@example.jp>");
  ASSERT_EQ(l.addresses.size(), 1u);
  EXPECT_EQ(l.addresses[0].display_name, "Yamada Taro");
}

TEST(AddressParserTest, MailtoAndSourceRouteAndNullPath) {
  EXPECT_EQ(ParseAddressList("<mailto:A@Example.com>").addresses[0].address, "a@example.com");
  EXPECT_EQ(ParseAddressList("<@relay.example:u@example.com>").addresses[0].address,
            "u@example.com");
  const AddressList null_path = ParseAddressList("<>");
  EXPECT_TRUE(null_path.addresses.empty());
  EXPECT_EQ(null_path.bad_entries, 0);
}

TEST(AddressParserTest, NameThenBareAddressWithoutBrackets) {
  const AddressList l = ParseAddressList("John Smith john@example.com");
  ASSERT_EQ(l.addresses.size(), 1u);
  EXPECT_EQ(l.addresses[0].address, "john@example.com");
  EXPECT_EQ(l.addresses[0].display_name, "John Smith");
}

TEST(AddressParserTest, UnparsableEntriesAreCountedAndKeptEmpty) {
  const AddressList l = ParseAddressList("Mailer Daemon, @, x@, <no-at-sign>");
  EXPECT_EQ(l.bad_entries, 4);
  ASSERT_EQ(l.addresses.size(), 4u);
  EXPECT_EQ(l.addresses[0].display_name, "Mailer Daemon");
  for (const Address& a : l.addresses) EXPECT_TRUE(a.address.empty());
}

TEST(AddressParserTest, EmptyAndWhitespace) {
  EXPECT_TRUE(ParseAddressList("").addresses.empty());
  EXPECT_TRUE(ParseAddressList(" , ,").addresses.empty());
  EXPECT_EQ(ParseAddressList(" , ,").bad_entries, 0);
}

}  // namespace
}  // namespace becguard::mime
