#include "intel/intel_db.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace becguard::intel {
namespace {

IntelDb FromTextOrDie(std::string_view iocs, std::string_view campaigns = "") {
  auto db = IntelDb::FromText(iocs, campaigns);
  EXPECT_TRUE(db.has_value()) << (db ? "" : db.error().ToString());
  return std::move(*db);
}

TEST(IntelDbTest, FindsAddressesDomainsAndIpsCaseInsensitively) {
  IntelDb db = FromTextOrDie(
      "# comment\n"
      "\n"
      "address\tBad.Actor@Example.NET\treport A\n"
      "domain\tevil-relay.com.\treport B\n"
      "ip\t203.0.113.7\treport C\r\n"
      "ip\t2001:DB8:0:0::1\treport D\n");
  EXPECT_EQ(db.ioc_count(), 4u);
  const Ioc* address = db.FindAddress("bad.actor@example.net");
  ASSERT_NE(address, nullptr);
  EXPECT_EQ(address->type, IocType::kAddress);
  EXPECT_EQ(address->source, "report A");
  EXPECT_NE(db.FindAddress("BAD.ACTOR@EXAMPLE.NET"), nullptr);
  EXPECT_EQ(db.FindAddress("other@example.net"), nullptr);

  ASSERT_NE(db.FindDomain("EVIL-RELAY.COM"), nullptr);
  EXPECT_EQ(db.FindDomain("evil-relay.com")->value, "evil-relay.com");
  EXPECT_EQ(db.FindIp("203.0.113.7")->source, "report C");
  EXPECT_NE(db.FindIp("[203.0.113.7]"), nullptr);
  EXPECT_NE(db.FindIp("2001:db8::1"), nullptr);  // canonical IPv6 form
  EXPECT_NE(db.FindIp("IPv6:2001:db8::0:1"), nullptr);
  EXPECT_EQ(db.FindIp("203.0.113.70"), nullptr);
  EXPECT_EQ(db.FindIp("not an ip"), nullptr);
}

TEST(IntelDbTest, DomainMatchesSubdomainsButNotLookalikeSuffixes) {
  IntelDb db = FromTextOrDie("domain\tevil-relay.com\tsrc\n");
  EXPECT_NE(db.FindDomain("mail.evil-relay.com"), nullptr);
  EXPECT_NE(db.FindDomain("a.b.evil-relay.com"), nullptr);
  EXPECT_EQ(db.FindDomain("notevil-relay.com"), nullptr);
  EXPECT_EQ(db.FindDomain("evil-relay.com.example.org"), nullptr);
  EXPECT_EQ(db.FindDomain("com"), nullptr);
  EXPECT_EQ(db.FindDomain(""), nullptr);
}

TEST(IntelDbTest, IndicatorTypesDoNotCrossMatch) {
  IntelDb db = FromTextOrDie("domain\texample.net\tsrc\n");
  EXPECT_EQ(db.FindAddress("example.net"), nullptr);
  EXPECT_EQ(db.FindIp("example.net"), nullptr);
}

TEST(IntelDbTest, BadLinesFailWithLineNumber) {
  auto unknown = IntelDb::FromText("address\ta@b.c\tok\nurl\thttp://x\tsrc\n", "");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(unknown.error().message().find(":2"), std::string::npos);

  EXPECT_FALSE(IntelDb::FromText("ip\t999.1.1.1\tsrc\n", "").has_value());
  EXPECT_FALSE(IntelDb::FromText("address\tno-at-sign\tsrc\n", "").has_value());
  EXPECT_FALSE(IntelDb::FromText("domain\n", "").has_value());
  EXPECT_FALSE(IntelDb::FromText("", "only_a_name\n").has_value());
  auto bad_regex = IntelDb::FromText("", "broken_campaign\t(unclosed\tdesc\n");
  ASSERT_FALSE(bad_regex.has_value());
  EXPECT_NE(bad_regex.error().message().find("broken_campaign"), std::string::npos);
}

TEST(IntelDbTest, CampaignPatternsAreAnchored) {
  IntelDb db = FromTextOrDie("", "boss\tboss@[a-z]+\\.example\tthe boss campaign\n");
  auto match = db.MatchCampaign("BOSS@evil.example");
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->name, "boss");
  EXPECT_EQ(match->description, "the boss campaign");
  EXPECT_FALSE(db.MatchCampaign("theboss@evil.example").has_value());
  EXPECT_FALSE(db.MatchCampaign("boss@evil.example.org").has_value());
  EXPECT_FALSE(db.MatchCampaign("").has_value());
}

TEST(IntelDbTest, LoadReadsFilesAndReportsMissingOnes) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("becguard_intel_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "a.txt") << "ip\t198.51.100.9\tfeed a\n";
  std::ofstream(dir / "b.txt") << "domain\tbad.example\tfeed b\nbogus line\n";
  std::ofstream(dir / "campaigns.txt") << "c1\trelay@bad\\.example\tdesc\n";

  auto db = IntelDb::Load({(dir / "a.txt").string()}, (dir / "campaigns.txt").string());
  ASSERT_TRUE(db.has_value()) << db.error().ToString();
  EXPECT_NE(db->FindIp("198.51.100.9"), nullptr);
  EXPECT_TRUE(db->MatchCampaign("relay@bad.example").has_value());

  auto bad = IntelDb::Load({(dir / "a.txt").string(), (dir / "b.txt").string()}, "");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message().find("b.txt:2"), std::string::npos) << bad.error().message();

  auto missing = IntelDb::Load({(dir / "nope.txt").string()}, "");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  auto missing_campaigns = IntelDb::Load({}, (dir / "nope.txt").string());
  ASSERT_FALSE(missing_campaigns.has_value());
  EXPECT_EQ(missing_campaigns.error().code(), ErrorCode::kNotFound);
  fs::remove_all(dir);
}

// The shipped data: the published IOCs and the generalised campaign patterns.
class ShippedIntelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string dir = std::string(BECGUARD_TEST_DATA_DIR) + "/intel";
    auto db = IntelDb::Load({dir + "/iocs.txt"}, dir + "/campaign_patterns.txt");
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    db_ = new IntelDb(std::move(*db));
  }
  static void TearDownTestSuite() {
    delete db_;
    db_ = nullptr;
  }
  static IntelDb* db_;
};

IntelDb* ShippedIntelTest::db_ = nullptr;

TEST_F(ShippedIntelTest, PublishedIndicators) {
  ASSERT_NE(db_->FindAddress("ejbjebduffy@optimum.net"), nullptr);
  EXPECT_FALSE(db_->FindAddress("ejbjebduffy@optimum.net")->source.empty());
  EXPECT_NE(db_->FindIp("155.94.251.82"), nullptr);
  for (const char* domain :
       {"secure-mx-provider.cc", "mx-secure-net.com", "encrypted-mail-server.com",
        "intern-081mobile.com", "dmarc-a-365.host", "secure-sec-gov.com", "365-offices.com"}) {
    EXPECT_NE(db_->FindDomain(domain), nullptr) << domain;
  }
  EXPECT_EQ(db_->FindDomain("optimum.net"), nullptr);  // the ISP itself is not an indicator
}

TEST_F(ShippedIntelTest, CampaignPatternsCatchPublishedAndNewSenders) {
  for (const char* address : {
           // published
           "secure-jupiter@secure-mx-provider.cc",
           "tls-venus@mx-secure-net.com",
           "encrypted-sirius@encrypted-mail-server.com",
           "board@intern-081mobile.com",
           "board-1@dmarc-a-365.host",
           "relay@secure-sec-gov.com",
           "relay@365-offices.com",
           // same shapes, new names
           "tls-callisto@mx-secure-relay.com",
           "gateway-europa@gateway-mx-secure.net",
           "smtp-orion@secure-smtp-gateway.co.uk",
           "SSL-Titan2@Relay-Secure.com",
           "board@intern-203mobile.com",
           "board-2@server-365-mail.host",
           "ceo@mobile-intern.net",
       }) {
    EXPECT_TRUE(db_->MatchCampaign(address).has_value()) << address;
  }
}

TEST_F(ShippedIntelTest, CampaignPatternsLeaveOrdinaryAddressesAlone) {
  for (const char* address : {
           "secure@bank.com",
           "mars@mars.com",
           "board@acme.org",
           "relay@mycompany.com",
           "noreply@mx.google.com",
           "venus.smith@gmail.com",
           "mail-saturn@gmail.com",
           "secure-jupiter@jupiter.com",
           "board@office-depot.com",
           "board@secureworks.com",
           "relay@smtp2go.com",
           "office@home-office.com",
           "ceo@kazami-mfg.co.jp",
       }) {
    auto match = db_->MatchCampaign(address);
    EXPECT_FALSE(match.has_value()) << address << " matched " << (match ? match->name : "");
  }
}

}  // namespace
}  // namespace becguard::intel
