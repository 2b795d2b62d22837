#include <gtest/gtest.h>

#include "domain/domain_tools.h"

namespace becguard::domain {
namespace {

TEST(RegistrableDomainTest, PlainAndMultiLabelSuffixes) {
  EXPECT_EQ(RegistrableDomain("example.com"), "example.com");
  EXPECT_EQ(RegistrableDomain("mail.example.com"), "example.com");
  EXPECT_EQ(RegistrableDomain("a.b.c.minatotech.co.jp"), "minatotech.co.jp");
  EXPECT_EQ(RegistrableDomain("smtp.kestrelmarine.com.sg"), "kestrelmarine.com.sg");
  EXPECT_EQ(RegistrableDomain("www.harwelldynamics.co.uk"), "harwelldynamics.co.uk");
  EXPECT_EQ(RegistrableDomain("kestrelmarine.com.sg.remit-desk.com"), "remit-desk.com");
}

TEST(RegistrableDomainTest, LowerCasesAndStripsTrailingDot) {
  EXPECT_EQ(RegistrableDomain("MAIL.Example.COM"), "example.com");
  EXPECT_EQ(RegistrableDomain("mail.example.com."), "example.com");
  EXPECT_EQ(RegistrableDomain("Example.CO.JP."), "example.co.jp");
}

TEST(RegistrableDomainTest, IdnBecomesPunycode) {
  EXPECT_EQ(RegistrableDomain("www.bücher.de"), "xn--bcher-kva.de");
  EXPECT_EQ(RegistrableDomain("WWW.BÜCHER.DE"), "xn--bcher-kva.de");
  // Cyrillic о in place of Latin o.
  EXPECT_EQ(RegistrableDomain("mail.\xD0\xBE"
                              "akridge-supply.com"),
            "xn--akridge-supply-uzl.com");
  // Already punycode input is kept as is.
  EXPECT_EQ(RegistrableDomain("mail.xn--akridge-supply-uzl.com"), "xn--akridge-supply-uzl.com");
  // Japanese IDN under a Japanese IDN TLD, with an ideographic full stop.
  EXPECT_EQ(RegistrableDomain("例え。テスト"), "xn--r8jz45g.xn--zckzah");
}

TEST(RegistrableDomainTest, NoAnswerReturnsHost) {
  EXPECT_EQ(RegistrableDomain("localhost"), "localhost");
  EXPECT_EQ(RegistrableDomain("LocalHost."), "localhost");
  EXPECT_EQ(RegistrableDomain("co.jp"), "co.jp");  // a public suffix has no registrable part
  EXPECT_EQ(RegistrableDomain("192.168.1.10"), "192.168.1.10");
  EXPECT_EQ(RegistrableDomain("[10.0.0.1]"), "[10.0.0.1]");
  EXPECT_EQ(RegistrableDomain("2001:db8::1"), "2001:db8::1");
}

TEST(RegistrableDomainTest, EmptyInput) {
  EXPECT_EQ(RegistrableDomain(""), "");
  EXPECT_EQ(RegistrableDomain("."), "");
}

TEST(RegistrableDomainTest, PrivateSuffixesSeparateOwners) {
  // Each blogspot/github.io site belongs to someone else, so it is its own registrable domain.
  EXPECT_EQ(RegistrableDomain("a.harwell.github.io"), "harwell.github.io");
}

TEST(RegistrableDomainTest, LongHostBeyondInlineBuffer) {
  std::string host;
  for (int i = 0; i < 40; ++i) host += "label" + std::to_string(i) + ".";
  host += "example.co.uk";
  ASSERT_GT(host.size(), 256u);
  EXPECT_EQ(RegistrableDomain(host), "example.co.uk");
}

}  // namespace
}  // namespace becguard::domain
