#include "becguard/engine.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include <gtest/gtest.h>

namespace becguard {
namespace {

namespace fs = std::filesystem;

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(BECGUARD_TEST_FIXTURES) + "/e2e/" + name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::unique_ptr<Engine> FixtureEngine() {
  auto engine = Engine::CreateFromFile(std::string(BECGUARD_TEST_FIXTURES) + "/e2e/becguard.toml");
  EXPECT_TRUE(engine) << engine.error().ToString();
  return engine ? std::move(*engine) : nullptr;
}

TEST(EngineTest, DefaultConfigLoadsShippedData) {
  auto engine = Engine::Create("", "/");
  ASSERT_TRUE(engine) << engine.error().ToString();
  EXPECT_GT((*engine)->bec_threshold(), (*engine)->suspicious_threshold());
}

TEST(EngineTest, MissingDataDirectoryIsAClearError) {
  auto engine = Engine::Create("data_dir = \"/nonexistent/becguard\"\n", "/");
  ASSERT_FALSE(engine);
  EXPECT_EQ(engine.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(engine.error().message().find("/nonexistent/becguard"), std::string::npos);
}

TEST(EngineTest, UnknownDetectorSectionFailsStartUp) {
  auto engine = Engine::Create("[detectors.no_such_detector]\nenabled = true\n", "/");
  ASSERT_FALSE(engine);
  EXPECT_NE(engine.error().message().find("no_such_detector"), std::string::npos);
}

TEST(EngineTest, DisabledDetectorProducesNoFindings) {
  auto engine = Engine::Create(
      "[organization]\ndomains = [\"quillonmarine.com\"]\n"
      "[detectors.campaign_pattern]\nenabled = false\n",
      "/");
  ASSERT_TRUE(engine) << engine.error().ToString();
  auto report = (*engine)->Scan(ScanInput{ReadFixture("g07-campaign-pattern.eml"), "t", {}});
  ASSERT_TRUE(report);
  for (const ScoredFinding& f : report->findings) {
    EXPECT_NE(f.finding.id, FindingId::kCampaignPattern);
  }
}

// The authentication stage runs before detectors and its results reach the report.
TEST(EngineTest, TrustedAuthenticationResultsReachDetectorsAndReport) {
  auto engine = Engine::Create(
      "[organization]\ndomains = [\"norbridge.test\"]\n"
      "[auth]\ntrusted_authserv_ids = [\"mx1.norbridge.test\"]\n",
      "/");
  ASSERT_TRUE(engine) << engine.error().ToString();
  const std::string message =
      "From: Margaret <ceo@norbridge.test>\nTo: ap@norbridge.test\nSubject: x\n\nhello\n";
  const std::string trusted =
      "Authentication-Results: mx1.norbridge.test; spf=fail smtp.mailfrom=norbridge.test; "
      "dmarc=fail (p=reject) header.from=norbridge.test\n";
  auto report = (*engine)->Scan(ScanInput{trusted + message, "t", {}});
  ASSERT_TRUE(report);
  bool dmarc_fail = false;
  for (const ScoredFinding& f : report->findings) {
    dmarc_fail = dmarc_fail || f.finding.id == FindingId::kAuthDmarcFail;
  }
  EXPECT_TRUE(dmarc_fail);
  ASSERT_EQ(report->auth.size(), 2u);
  EXPECT_EQ(report->auth[1].method, "dmarc");
  EXPECT_EQ(report->auth[1].result, "fail");
  EXPECT_EQ(report->auth[1].properties, "header.from=norbridge.test");

  // The same header from an id nobody configured changes nothing.
  const std::string forged =
      "Authentication-Results: mx.attacker.test; dmarc=fail "
      "header.from=norbridge.test\n";
  report = (*engine)->Scan(ScanInput{forged + message, "t", {}});
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->auth.empty());
  for (const ScoredFinding& f : report->findings) {
    EXPECT_NE(GetFindingInfo(f.finding.id).group, FindingGroup::kAuth);
  }
}

TEST(EngineTest, VerifyModeWithABadResolverFailsStartUp) {
  auto engine = Engine::Create("[auth]\nmode = \"verify\"\nresolver = \"ns.example\"\n", "/");
  ASSERT_FALSE(engine);
  EXPECT_NE(engine.error().message().find("auth.resolver"), std::string::npos);
  EngineOptions options;
  options.verify_auth = true;  // --verify-auth
  engine = Engine::Create("[auth]\nresolver = \"ns.example\"\n", "/", options);
  EXPECT_FALSE(engine);
}

TEST(EngineTest, EmptyAndGarbageInputStillGetAVerdict) {
  auto engine = FixtureEngine();
  ASSERT_NE(engine, nullptr);
  for (std::string raw : {std::string(), std::string("\0\0\xff\xfe garbage", 14),
                          std::string(100000, '\n'), std::string("From: <\n\n")}) {
    auto report = engine->Scan(ScanInput{raw, "t", {}});
    ASSERT_TRUE(report);
    EXPECT_GE(report->score, 0);
    EXPECT_LE(report->score, 100);
  }
}

TEST(EngineTest, ScanReportCarriesIdentityAndSortedFindings) {
  auto engine = FixtureEngine();
  ASSERT_NE(engine, nullptr);
  auto report = engine->Scan(ScanInput{ReadFixture("g01-reply-to-embeds-from.eml"), "t", {}});
  ASSERT_TRUE(report);
  EXPECT_EQ(report->verdict, Verdict::kBec);
  EXPECT_EQ(report->from, "rosa.delgado@delmarfreight.com.au");
  EXPECT_EQ(report->subject, "RE: Statement September");
  ASSERT_FALSE(report->findings.empty());
  for (std::size_t i = 1; i < report->findings.size(); ++i) {
    EXPECT_GE(report->findings[i - 1].weight, report->findings[i].weight);
  }
}

// One engine serves many threads: results must not depend on who scans what when.
TEST(EngineTest, ConcurrentScansGiveTheSameResults) {
  auto engine = FixtureEngine();
  ASSERT_NE(engine, nullptr);
  std::vector<std::string> messages;
  for (const auto& entry : fs::directory_iterator(std::string(BECGUARD_TEST_FIXTURES) + "/e2e")) {
    if (entry.path().extension() == ".eml")
      messages.push_back(ReadFixture(entry.path().filename()));
  }
  std::vector<int> expected;
  for (const std::string& m : messages)
    expected.push_back(engine->Scan(ScanInput{m, "t", {}})->score);
  std::vector<std::vector<int>> seen(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        for (const std::string& m : messages)
          seen[t].push_back(engine->Scan(ScanInput{m, "t", {}})->score);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& scores : seen) {
    for (std::size_t i = 0; i < scores.size(); ++i)
      EXPECT_EQ(scores[i], expected[i % messages.size()]);
  }
}

}  // namespace
}  // namespace becguard
