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

}  // namespace
}  // namespace becguard::engine
