#include "engine/config_loader.h"

#include <gtest/gtest.h>

namespace becguard::engine {
namespace {

TEST(ConfigLoaderTest, EmptyConfigGivesDefaults) {
  auto loaded = ParseConfig("", "/tmp");
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  EXPECT_TRUE(loaded->config.organization.domains.empty());
  EXPECT_EQ(loaded->config.limits.max_mime_depth, Limits{}.max_mime_depth);
  EXPECT_FALSE(loaded->config.data_dir.empty());
  EXPECT_EQ(loaded->config.ioc_files.size(), 1u);
}

TEST(ConfigLoaderTest, ReadsOrganisationPartnersAndLimits) {
  auto loaded = ParseConfig(R"(
data_dir = "share"
[organization]
domains = ["Example.COM"]
[[organization.vips]]
name = "佐藤 健一"
aliases = ["佐藤社長"]
addresses = ["K.Sato@example.com"]
[[organization.people]]
name = "Ann Lee"
[partners]
domains = ["vendor.co.jp"]
[limits]
max_parts = 12
[detectors.tracking_beacon]
enabled = false
[scoring.thresholds]
bec = 70
)",
                            "/etc/becguard");
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  const Config& c = loaded->config;
  EXPECT_EQ(c.data_dir, "/etc/becguard/share");
  EXPECT_EQ(c.organization.domains, std::vector<std::string>{"example.com"});
  ASSERT_EQ(c.organization.people.size(), 2u);
  EXPECT_TRUE(c.organization.people[0].vip);
  EXPECT_EQ(c.organization.people[0].addresses[0], "k.sato@example.com");
  EXPECT_FALSE(c.organization.people[1].vip);
  EXPECT_EQ(c.partners.domains[0], "vendor.co.jp");
  EXPECT_EQ(c.limits.max_parts, 12);
  EXPECT_TRUE(loaded->detectors.contains("tracking_beacon"));
  EXPECT_TRUE(loaded->scoring.contains("thresholds"));
}

TEST(ConfigLoaderTest, UnknownKeysAndBadValuesFailWithTheirName) {
  auto typo = ParseConfig("[organisation]\ndomains = []\n", "/");
  ASSERT_FALSE(typo);
  EXPECT_NE(typo.error().message().find("organisation"), std::string::npos);
  auto bad_limit = ParseConfig("[limits]\nmax_parts = -1\n", "/");
  ASSERT_FALSE(bad_limit);
  EXPECT_NE(bad_limit.error().message().find("max_parts"), std::string::npos);
  auto person_typo = ParseConfig("[[organization.vips]]\nname = \"A B\"\nadress = []\n", "/");
  EXPECT_FALSE(person_typo);
  auto syntax = ParseConfig("[organization\n", "/");
  ASSERT_FALSE(syntax);
  EXPECT_NE(syntax.error().message().find("line 1"), std::string::npos);
}

TEST(ConfigLoaderTest, ReadsStoreTrustAndRejectsBadValues) {
  auto loaded = ParseConfig("[store.trust]\nmin_sightings = 9\nmin_sighting_days = 60\n", "/");
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  EXPECT_EQ(loaded->config.store.trust_min_sightings, 9);
  EXPECT_EQ(loaded->config.store.trust_min_sighting_days, 60);
  for (const char* bad :
       {"[store.trust]\nmin_sightings = -1\n", "[store.trust]\nmin_sighting_days = \"30\"\n",
        "[store.trust]\nmin_sighting = 3\n", "[store]\ntrust = 5\n"}) {
    auto rejected = ParseConfig(bad, "/");
    ASSERT_FALSE(rejected) << bad;
    EXPECT_NE(rejected.error().message().find("trust"), std::string::npos)
        << rejected.error().message();
  }
}

TEST(ConfigLoaderTest, ReadsAuth) {
  auto defaults = ParseConfig("", "/");
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->config.auth.mode, AuthMode::kTrust);
  EXPECT_TRUE(defaults->config.auth.trusted_authserv_ids.empty());
  EXPECT_EQ(defaults->config.auth.authserv_id, "becguard");

  auto loaded = ParseConfig(R"(
[auth]
authserv_id = "mx1.norbridge.example"
mode = "verify"
trusted_authserv_ids = ["MX1.Norbridge.Example"]
trust_exchange_online = true
trusted_received_by = ["*.Mail.Protection.Outlook.com"]
resolver = "127.0.0.1:5353"
dns_timeout_ms = 500
dns_budget_ms = 1500
cache_entries = 0
cache_max_ttl_s = 60
)",
                            "/");
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  const AuthConfig& auth = loaded->config.auth;
  EXPECT_EQ(auth.mode, AuthMode::kVerify);
  EXPECT_EQ(auth.authserv_id, "mx1.norbridge.example");
  EXPECT_EQ(auth.trusted_authserv_ids, std::vector<std::string>{"mx1.norbridge.example"});
  EXPECT_EQ(auth.trusted_received_by, std::vector<std::string>{"*.mail.protection.outlook.com"});
  EXPECT_TRUE(auth.trust_exchange_online);
  EXPECT_EQ(auth.resolver, "127.0.0.1:5353");
  EXPECT_EQ(auth.dns_timeout_ms, 500);
  EXPECT_EQ(auth.dns_budget_ms, 1500);
  EXPECT_EQ(auth.cache_entries, 0u);
  EXPECT_EQ(auth.cache_max_ttl_s, 60);
}

TEST(ConfigLoaderTest, AuthErrorsNameTheKey) {
  for (const char* bad :
       {"[auth]\nmode = \"strict\"\n", "[auth]\nresolvr = \"x\"\n", "[auth]\ndns_timeout_ms = 0\n",
        "[auth]\ncache_entries = -1\n", "[auth]\ntrusted_authserv_ids = \"mx\"\n",
        "[auth]\nauthserv_id = \"two words\"\n", "[auth]\ntrust_exchange_online = \"yes\"\n",
        "auth = 1\n"}) {
    auto loaded = ParseConfig(bad, "/");
    ASSERT_FALSE(loaded) << bad;
    EXPECT_NE(loaded.error().message().find("auth"), std::string::npos) << bad;
  }
  // Exchange Online results carry no id: only the trust boundary can vouch for them.
  auto exo = ParseConfig("[auth]\ntrust_exchange_online = true\n", "/");
  ASSERT_FALSE(exo);
  EXPECT_NE(exo.error().message().find("trusted_received_by"), std::string::npos);
}

}  // namespace
}  // namespace becguard::engine
