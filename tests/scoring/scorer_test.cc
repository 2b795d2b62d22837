#include "scoring/scorer.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace becguard::scoring {
namespace {

toml::table Parse(std::string_view text) { return toml::parse(text); }

// A complete base so FromToml's "every finding has a weight" check passes.
toml::table BaseScores() {
  std::ifstream in(std::string(BECGUARD_TEST_DATA_DIR) + "/scores.toml");
  std::stringstream s;
  s << in.rdbuf();
  return toml::parse(s.str());
}

Finding F(FindingId id, double strength = 1.0) { return Finding{id, Evidence{}, strength, {}}; }

TEST(ScorerTest, ShippedScoresLoad) {
  auto scorer = Scorer::FromToml(BaseScores(), {});
  ASSERT_TRUE(scorer) << scorer.error().ToString();
  EXPECT_LT(scorer->suspicious_threshold(), scorer->bec_threshold());
}

TEST(ScorerTest, NoFindingsIsClean) {
  auto scorer = Scorer::FromToml(BaseScores(), {});
  ASSERT_TRUE(scorer);
  ScoringOutcome outcome = scorer->Score({});
  EXPECT_EQ(outcome.score, 0);
  EXPECT_EQ(outcome.verdict, Verdict::kClean);
}

TEST(ScorerTest, WeightTimesStrengthAndOneShotPerId) {
  auto scorer = Scorer::FromToml(
      BaseScores(), Parse("[weights]\n\"sender.freemail\" = 20\n\"domain.lookalike\" = 40\n"));
  ASSERT_TRUE(scorer);
  ScoringOutcome outcome = scorer->Score(
      {F(FindingId::kFreemail, 0.5), F(FindingId::kFreemail, 1.0), F(FindingId::kLookalikeDomain)});
  EXPECT_EQ(outcome.score, 60);  // 20 (strongest freemail only) + 40
  EXPECT_EQ(outcome.verdict, Verdict::kBec);
  ASSERT_EQ(outcome.findings.size(), 3u);
  EXPECT_EQ(outcome.findings.front().finding.id, FindingId::kLookalikeDomain);
  EXPECT_DOUBLE_EQ(outcome.findings.back().weight, 0);  // the weaker duplicate
}

TEST(ScorerTest, GroupCapLimitsContentPoints) {
  auto scorer = Scorer::FromToml(BaseScores(), Parse(R"(
[weights]
"content.urgency" = 20
"content.secrecy" = 20
"content.gift_card" = 20
[groups.content]
max = 30
)"));
  ASSERT_TRUE(scorer);
  ScoringOutcome outcome =
      scorer->Score({F(FindingId::kUrgency), F(FindingId::kSecrecy), F(FindingId::kGiftCard)});
  EXPECT_EQ(outcome.score, 30);
}

TEST(ScorerTest, CompositeNeedsAllTermsAndRespectsNone) {
  auto scorer = Scorer::FromToml(BaseScores(), Parse(R"(
[weights]
"header.reply_to_mismatch" = 10
"content.payment_change" = 10
"html.tracking_beacon" = 0
[[composites]]
name = "test_combo"
description = "reply-to plus payment change"
all = ["header.reply_to_mismatch|sender.freemail", "group:content"]
none = ["html.tracking_beacon"]
weight = 33
)"));
  ASSERT_TRUE(scorer) << scorer.error().ToString();
  auto find_combo = [](const ScoringOutcome& o) {
    for (const ScoredFinding& f : o.findings) {
      if (f.Name() == "combo.test_combo") return true;
    }
    return false;
  };
  ScoringOutcome one = scorer->Score({F(FindingId::kReplyToMismatch)});
  EXPECT_FALSE(find_combo(one));
  ScoringOutcome both =
      scorer->Score({F(FindingId::kReplyToMismatch), F(FindingId::kPaymentChange)});
  EXPECT_TRUE(find_combo(both));
  EXPECT_GE(both.score, 53);  // 10 + 10 + 33 (+ shipped composites)
  ScoringOutcome vetoed =
      scorer->Score({F(FindingId::kReplyToMismatch), F(FindingId::kPaymentChange),
                     F(FindingId::kTrackingBeacon)});
  EXPECT_FALSE(find_combo(vetoed));
}

TEST(ScorerTest, ScoreIsClampedTo100) {
  auto scorer = Scorer::FromToml(BaseScores(), {});
  ASSERT_TRUE(scorer);
  ScoringOutcome outcome = scorer->Score(
      {F(FindingId::kIocMatch), F(FindingId::kCampaignPattern), F(FindingId::kLookalikeDomain)});
  EXPECT_EQ(outcome.score, 100);
}

TEST(ScorerTest, RejectsUnknownNamesAndBadThresholds) {
  EXPECT_FALSE(Scorer::FromToml(BaseScores(), Parse("[weights]\n\"header.typo\" = 3\n")));
  EXPECT_FALSE(Scorer::FromToml(BaseScores(), Parse("[thresholds]\nsuspicious = 70\nbec = 60\n")));
  EXPECT_FALSE(Scorer::FromToml(BaseScores(), Parse("[colour]\nx = 1\n")));
  EXPECT_FALSE(Scorer::FromToml(
      BaseScores(), Parse("[[composites]]\nname=\"x\"\nall=[\"group:nope\"]\nweight=1\n")));
  EXPECT_FALSE(Scorer::FromToml(Parse("[weights]\n\"sender.freemail\" = 3\n"), {}))
      << "a scores file missing weights must fail";
}

}  // namespace
}  // namespace becguard::scoring
