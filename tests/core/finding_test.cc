#include "becguard/finding.h"

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace becguard {
namespace {

TEST(FindingCatalogTest, FollowsEnumOrderWithUniqueNames) {
  std::set<std::string_view> names;
  int index = 0;
  for (const FindingInfo& info : FindingCatalog()) {
    EXPECT_EQ(static_cast<int>(info.id), index++) << info.name;
    EXPECT_TRUE(names.insert(info.name).second) << "duplicate " << info.name;
    EXPECT_FALSE(info.description.empty()) << info.name;
  }
  EXPECT_EQ(index, kFindingIdCount);
}

TEST(FindingCatalogTest, NamesRoundTrip) {
  for (const FindingInfo& info : FindingCatalog()) {
    ASSERT_TRUE(FindingIdFromName(info.name).has_value());
    EXPECT_EQ(*FindingIdFromName(info.name), info.id);
    EXPECT_EQ(info.name.substr(0, info.name.find('.')), FindingGroupName(info.group));
  }
  EXPECT_FALSE(FindingIdFromName("header.no_such_thing").has_value());
}

// The catalogue, the default scores and docs/FINDINGS.md must not drift apart.
TEST(FindingCatalogTest, EveryFindingIsDocumentedAndWeighted) {
  std::ifstream docs(std::string(BECGUARD_TEST_DATA_DIR) + "/../docs/FINDINGS.md");
  ASSERT_TRUE(docs) << "docs/FINDINGS.md missing";
  std::stringstream doc_text;
  doc_text << docs.rdbuf();
  std::ifstream scores(std::string(BECGUARD_TEST_DATA_DIR) + "/scores.toml");
  ASSERT_TRUE(scores);
  std::stringstream score_text;
  score_text << scores.rdbuf();
  for (const FindingInfo& info : FindingCatalog()) {
    if (info.id == FindingId::kComposite) continue;
    EXPECT_NE(doc_text.str().find("`" + std::string(info.name) + "`"), std::string::npos)
        << info.name << " has no entry in docs/FINDINGS.md";
    EXPECT_NE(score_text.str().find("\"" + std::string(info.name) + "\""), std::string::npos)
        << info.name << " has no weight in data/scores.toml";
  }
}

TEST(EvidenceTest, ReadsAsOneLine) {
  Evidence e{"Reply-To", "a.b.c@mail.com", "a.b@c.com", "free-mail"};
  EXPECT_EQ(e.ToString(), "Reply-To: a.b.c@mail.com (expected a.b@c.com; free-mail)");
  EXPECT_EQ((Evidence{"body", "wire today", "", ""}).ToString(), "body: wire today");
}

TEST(FindingSinkTest, CollectsAndReports) {
  FindingSink sink;
  EXPECT_FALSE(sink.Has(FindingId::kFreemail));
  sink.Add(FindingId::kFreemail, Evidence{"From", "x@gmail.com", "", ""}, 0.5);
  EXPECT_TRUE(sink.Has(FindingId::kFreemail));
  EXPECT_EQ(sink.findings().size(), 1u);
  EXPECT_DOUBLE_EQ(sink.findings()[0].strength, 0.5);
}

}  // namespace
}  // namespace becguard
