// Hard negatives: the protected domains themselves, their subdomains, an organisation's other
// domains and the big providers every mailbox sees daily must never be reported.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "domain/domain_tools.h"

namespace becguard::domain {
namespace {

TEST(LookalikeNegativeTest, CommonProvidersAndSelf) {
  const LookalikeMatcher matcher(
      {"harwelldynamics.com", "minatotech.co.jp", "corvane.com", "yakumo-seiko.jp"});
  for (const char* host : {"google.com",
                           "mail.google.com",
                           "sendgrid.net",
                           "em123.sendgrid.net",
                           "amazonses.com",
                           "us-west-2.amazonses.com",
                           "outlook.com",
                           "mail.protection.outlook.com",
                           "example.com",
                           "gmail.com",
                           "mail.com",
                           "yahoo.co.jp",
                           "docomo.ne.jp",
                           "microsoft.com",
                           "salesforce.com",
                           "mcsv.net",
                           "mailgun.org",
                           "corvane.com",
                           "mx.corvane.com",
                           "CORVANE.COM.",
                           "harwelldynamics.com",
                           "smtp.harwelldynamics.com",
                           "minatotech.co.jp",
                           "www.minatotech.co.jp",
                           "yakumo-seiko.jp",
                           "mail.yakumo-seiko.jp",
                           "localhost",
                           "192.168.0.1",
                           "[10.0.0.1]",
                           "",
                           "jp",
                           "co.jp"}) {
    SCOPED_TRACE(host);
    const auto match = matcher.Match(host);
    EXPECT_FALSE(match.has_value()) << match->imitated << " via " << match->technique;
  }
}

TEST(LookalikeNegativeTest, UnrelatedNamesNearby) {
  const LookalikeMatcher matcher(
      {"harwelldynamics.com", "minatotech.co.jp", "corvane.com", "yakumo-seiko.jp"});
  for (const char* host :
       {"harwell.com", "dynamics.com", "minato.co.jp", "technology.co.jp", "yakumo.jp", "seiko.jp",
        "corvette.com", "caravan.com", "canvas.com", "corvanetics.com", "minatotechnologies.co.jp",
        "corvane.zendesk.com", "harwelldynamics.sharepoint.com"}) {
    SCOPED_TRACE(host);
    const auto match = matcher.Match(host);
    EXPECT_FALSE(match.has_value()) << match->imitated << " via " << match->technique;
  }
}

TEST(LookalikeNegativeTest, WellKnownServices) {
  const LookalikeMatcher matcher({"harwelldynamics.com", "minatotech.co.jp", "corvane.com",
                                  "yakumo-seiko.jp", "hibari-logi.com", "wavecrest.com",
                                  "kestrelmarine.com.sg", "hello.com"});
  for (const char* host :
       {"apple.com",    "amazon.com",    "amazon.co.jp", "facebook.com",  "linkedin.com",
        "twitter.com",  "microsoft.com", "office.com",   "office365.com", "live.com",
        "docusign.net", "dropbox.com",   "box.com",      "zoom.us",       "slack.com",
        "github.com",   "paypal.com",    "stripe.com",   "hubspot.com",   "mailchimp.com",
        "zendesk.com",  "atlassian.net", "adobe.com",    "icloud.com",    "rakuten.co.jp",
        "nifty.com",    "ocn.ne.jp",     "softbank.jp",  "chello.nl",     "shell.com"}) {
    SCOPED_TRACE(host);
    const auto match = matcher.Match(host);
    EXPECT_FALSE(match.has_value()) << match->imitated << " via " << match->technique;
  }
}

// Every shipped freemail and ESP domain is a daily sender; none may look like a customer's
// domain.
TEST(LookalikeNegativeTest, ShippedProviderListsNeverMatch) {
  const LookalikeMatcher matcher(
      {"harwelldynamics.com", "harwelldynamics.co.uk", "minatotech.co.jp", "corvane.com",
       "yakumo-seiko.jp", "brightwater-chemicals.de", "hibari-logi.com", "oakridge-supply.com",
       "pellucidanalytics.com", "kazami-mfg.co.jp", "halberdsec.com", "kestrelmarine.com.sg",
       "mitsumine-kasei.co.jp", "b-company.com.cc", "lotuspacific.com.hk"});
  int checked = 0;
  for (const char* file : {"/freemail_domains.txt", "/esp_domains.txt"}) {
    std::ifstream in(std::string(BECGUARD_TEST_DATA_DIR) + file);
    ASSERT_TRUE(in.good()) << file;
    std::string line;
    while (std::getline(in, line)) {
      const std::string domain = line.substr(0, line.find_first_of(" \t#"));
      if (domain.empty()) continue;
      ++checked;
      const auto match = matcher.Match(domain);
      EXPECT_FALSE(match.has_value())
          << domain << " -> " << match->imitated << " via " << match->technique;
    }
  }
  EXPECT_GT(checked, 300);
}

TEST(LookalikeNegativeTest, OrganisationsOwnDomainsAreNotLookalikesOfEachOther) {
  const LookalikeMatcher matcher({"harwelldynamics.com", "harwelldynamics.co.uk"});
  EXPECT_FALSE(matcher.Match("harwelldynamics.co.uk").has_value());
  EXPECT_FALSE(matcher.Match("mail.harwelldynamics.co.uk").has_value());
  EXPECT_FALSE(matcher.Match("harwelldynamics.com").has_value());
  EXPECT_TRUE(matcher.IsProtected("harwelldynamics.co.uk"));
  EXPECT_TRUE(matcher.IsProtected("MAIL.HarwellDynamics.com."));
  EXPECT_FALSE(matcher.IsProtected("harwelldynamics.net"));
  // Not protected, so a TLD swap again.
  EXPECT_TRUE(matcher.Match("harwelldynamics.net").has_value());
}

TEST(LookalikeNegativeTest, GmailIsNotAMailComLookalikeUnlessMailComIsProtected) {
  const LookalikeMatcher unrelated({"corvane.com"});
  EXPECT_FALSE(unrelated.Match("gmail.com").has_value());
  EXPECT_FALSE(unrelated.Match("mail.com").has_value());
}

TEST(LookalikeNegativeTest, EmptyProtectedList) {
  const LookalikeMatcher matcher({});
  EXPECT_FALSE(matcher.Match("harwelldynarnics.com").has_value());
  EXPECT_FALSE(matcher.IsProtected("harwelldynamics.com"));
}

TEST(LookalikeNegativeTest, ProtectedSubdomainInputIsReducedToItsRegistrableDomain) {
  const LookalikeMatcher matcher({"mail.corvane.com", "", "localhost"});
  EXPECT_TRUE(matcher.IsProtected("corvane.com"));
  EXPECT_TRUE(matcher.IsProtected("localhost"));
  EXPECT_FALSE(matcher.Match("www.corvane.com").has_value());
  EXPECT_TRUE(matcher.Match("corvanne.com").has_value());
  EXPECT_FALSE(matcher.Match("localhost").has_value());
}

}  // namespace
}  // namespace becguard::domain
