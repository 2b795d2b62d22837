// StyleProfile: incremental learning, merging, the blob format and its size.
#include "style/profile.h"

#include <gtest/gtest.h>

#include "writers.h"

namespace becguard::style {
namespace {

StyleProfile Learn(const testing::Writer& w, int messages, int first = 0) {
  StyleProfile p;
  for (int i = first; i < first + messages; ++i) p.Add(ExtractStyle(testing::Message(w, i)));
  return p;
}

TEST(StyleProfileTest, LearnsHabits) {
  const StyleProfile p = Learn(testing::Formal(), 12);
  EXPECT_EQ(p.messages(), 12);
  EXPECT_GT(p.words(), 12 * 50);
  ASSERT_FALSE(p.greetings().empty());
  EXPECT_EQ(p.greetings().front().form, "dear <name>,");
  EXPECT_DOUBLE_EQ(p.GreetingShare("dear <name>,"), 1.0);
  EXPECT_EQ(p.signoffs().front().form, "kind regards, / margaret okafor");
  EXPECT_EQ(p.self_similarity().count, 9);  // from the fourth message on
  EXPECT_GT(p.self_similarity().mean, 0.5);
}

TEST(StyleProfileTest, IgnoresEmptySamples) {
  StyleProfile p;
  p.Add(StyleSample{});
  EXPECT_EQ(p.messages(), 0);
}

TEST(StyleProfileTest, MergeEqualsLearningEverything) {
  StyleProfile a = Learn(testing::Terse(), 6);
  const StyleProfile b = Learn(testing::Terse(), 4, 6);
  const StyleProfile all = Learn(testing::Terse(), 10);
  a.Merge(b);
  EXPECT_EQ(a.messages(), all.messages());
  EXPECT_EQ(a.words(), all.words());
  for (int i = 0; i < kDims; ++i) EXPECT_NEAR(a.centroid()[i], all.centroid()[i], 1e-5);
  EXPECT_NEAR(a.stat(Stat::kSentenceWords).mean, all.stat(Stat::kSentenceWords).mean, 1e-9);
  EXPECT_NEAR(a.stat(Stat::kSentenceWords).variance(), all.stat(Stat::kSentenceWords).variance(),
              1e-9);
}

TEST(StyleProfileTest, FormsKeepTheFrequentOnes) {
  StyleProfile p;
  StyleSample s = ExtractStyle("Hi Ann,\nThe file is attached for you.\nJeff\n");
  for (int i = 0; i < 20; ++i) p.Add(s);
  for (int i = 0; i < 10; ++i) {
    StyleSample odd = s;
    odd.greeting = "greeting " + std::to_string(i);
    p.Add(odd);
  }
  EXPECT_LE(p.greetings().size(), StyleProfile::kMaxForms);
  EXPECT_EQ(p.greetings().front().form, "hi <name>,");
  EXPECT_EQ(p.greetings().front().count, 20u);
}

TEST(StyleProfileTest, SerialisesSmallAndRoundTrips) {
  const StyleProfile p = Learn(testing::Friendly(), 15);
  const std::string blob = p.Serialize();
  EXPECT_LT(blob.size(), 6000u);  // a few kilobytes: 100,000 senders in well under 1 GB
  auto back = StyleProfile::Deserialize(blob);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->messages(), p.messages());
  EXPECT_EQ(back->words(), p.words());
  EXPECT_EQ(back->greetings().front().form, p.greetings().front().form);
  for (int i = 0; i < kDims; ++i) EXPECT_NEAR(back->centroid()[i], p.centroid()[i], 1e-4);
  EXPECT_NEAR(back->stat(Stat::kCommas).mean, p.stat(Stat::kCommas).mean, 1e-5);
  // Learning continues on a deserialised profile.
  back->Add(ExtractStyle(testing::Message(testing::Friendly(), 99)));
  EXPECT_EQ(back->messages(), 16);
}

TEST(StyleProfileTest, RejectsDamagedBlobs) {
  const std::string blob = Learn(testing::Casual(), 5).Serialize();
  EXPECT_FALSE(StyleProfile::Deserialize("").has_value());
  EXPECT_FALSE(StyleProfile::Deserialize(blob.substr(0, blob.size() / 2)).has_value());
  EXPECT_FALSE(StyleProfile::Deserialize(blob + "x").has_value());
  std::string wrong_magic = blob;
  wrong_magic[0] = 'X';
  EXPECT_FALSE(StyleProfile::Deserialize(wrong_magic).has_value());
}

TEST(StyleProfileTest, ScriptAndImpostorOrder) {
  EXPECT_EQ(ScriptOf(Learn(testing::JapanesePolite(), 3)), ProfileScript::kJapanese);
  EXPECT_EQ(ScriptOf(Learn(testing::Formal(), 3)), ProfileScript::kLatin);
  EXPECT_EQ(ImpostorOrder("addr:a@b.example"), ImpostorOrder("addr:a@b.example"));
  EXPECT_NE(ImpostorOrder("addr:a@b.example"), ImpostorOrder("addr:c@b.example"));
  EXPECT_GE(ImpostorOrder("addr:x@y.example"), 0);
}

}  // namespace
}  // namespace becguard::style
