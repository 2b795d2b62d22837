#include "detectors/style_mismatch.h"

#include <gtest/gtest.h>

#include "../style/writers.h"
#include "learned_test_util.h"
#include "style/features.h"
#include "style/profile.h"
#include "test_message.h"

namespace becguard::detectors {
namespace {

context::SharedStyleProfile Shared(style::StyleProfile profile) {
  return std::make_shared<const style::StyleProfile>(std::move(profile));
}

using testing::Addr;
using testing::Build;
using testing::MessageFrom;
namespace writers = style::testing;

constexpr char kCeo[] = "cordelia.ashgrove@larkspurtech.com";

style::StyleProfile Learn(const writers::Writer& w, int messages) {
  style::StyleProfile p;
  for (int i = 0; i < messages; ++i) p.Add(style::ExtractStyle(writers::Message(w, i)));
  return p;
}

class StyleMismatchTest : public ::testing::Test {
 protected:
  StyleMismatchTest() {
    learned_.style_profiles[context::StyleKeyForAddress(kCeo)] =
        Shared(Learn(writers::Terse(), 25));
    for (int k = 0; k < 8; ++k)
      learned_.style_impostors.push_back(Shared(Learn(writers::Population(k), 25)));
    // The store knows the colleague who writes from the CEO's account in the attack below.
    learned_.style_impostors.push_back(Shared(Learn(writers::Casual(), 25)));
    learned_.style_impostors.push_back(Shared(Learn(writers::Formal(), 25)));
  }

  std::vector<Finding> Run(const std::string& text, const ParsedMessage& m,
                           const context::LearnedContext* learned) const {
    MessageFeatures features;
    features.style = style::ExtractMessageStyle(text);
    return world_.RunLearned(*detector_, m, learned, features);
  }
  std::vector<Finding> Run(const std::string& text) const {
    return Run(text, MessageFrom(Addr("Cordelia Ashgrove", kCeo)), &learned_);
  }

  testing::World world_;
  context::LearnedContext learned_ = testing::Learned();
  std::unique_ptr<Detector> detector_ = Build(CreateStyleMismatch(toml::table{}));
};

TEST_F(StyleMismatchTest, SomeoneElsesWritingFromTheCeosAddress) {
  const auto f = testing::Only(Run(writers::Message(writers::Casual(), 50)));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, FindingId::kStyleMismatch);
  EXPECT_GE(f->strength, 0.5);
  EXPECT_LE(f->strength, 1.0);
  EXPECT_NE(f->evidence.observed.find("sign-off 'thx'"), std::string::npos) << f->evidence.observed;
  EXPECT_NE(f->evidence.observed.find("usually '-vince'"), std::string::npos)
      << f->evidence.observed;
  EXPECT_NE(f->evidence.expected.find(kCeo), std::string::npos);
  EXPECT_NE(f->evidence.expected.find("25 messages"), std::string::npos);
  EXPECT_NE(f->evidence.detail.find("same-author score"), std::string::npos);
}

TEST_F(StyleMismatchTest, TheCeosOwnNewMessageIsQuiet) {
  for (int i = 40; i < 46; ++i)
    EXPECT_TRUE(Run(writers::Message(writers::Terse(), i)).empty()) << i;
}

TEST_F(StyleMismatchTest, QuotedHistoryAndSignatureAreNotTheSendersStyle) {
  // Own text in the CEO's style; below it a quoted formal letter and a long signature block.
  std::string text = writers::Message(writers::Terse(), 41);
  text += "-- \nCordelia Ashgrove\nChief Executive Officer\nLarkspur Tech\n";
  ParsedMessage m = MessageFrom(Addr("Cordelia Ashgrove", kCeo));
  EXPECT_TRUE(Run(text, m, &learned_).empty());
}

TEST_F(StyleMismatchTest, SilentWithoutMatureProfileEnoughTextOrImpostors) {
  const std::string attack = writers::Message(writers::Casual(), 50);
  // No store.
  EXPECT_TRUE(Run(attack, MessageFrom(Addr(kCeo)), nullptr).empty());
  // Immature profile.
  context::LearnedContext young = learned_;
  young.style_profiles[context::StyleKeyForAddress(kCeo)] = Shared(Learn(writers::Terse(), 10));
  EXPECT_TRUE(Run(attack, MessageFrom(Addr(kCeo)), &young).empty());
  // Too few impostors.
  context::LearnedContext lonely = learned_;
  lonely.style_impostors.resize(3);
  EXPECT_TRUE(Run(attack, MessageFrom(Addr(kCeo)), &lonely).empty());
  // Too short a message.
  EXPECT_TRUE(Run("hey pls wire the funds today!!\n\nthx\n").empty());
  // Another sender, whose profile is unknown.
  EXPECT_TRUE(Run(attack, MessageFrom(Addr("imogen.tull@larkspurtech.com")), &learned_).empty());
}

TEST_F(StyleMismatchTest, BulkMailIsNotJudged) {
  ParsedMessage m = MessageFrom(Addr("Cordelia Ashgrove", kCeo));
  testing::AddHeader(m, "List-Id", "<all-staff.larkspurtech.com>");
  EXPECT_TRUE(Run(writers::Message(writers::Casual(), 50), m, &learned_).empty());
}

TEST_F(StyleMismatchTest, UsesThePersonsProfileForAnAddressWithoutOne) {
  // Imogen writes from two addresses; the store knows her style as a person only.
  context::LearnedContext person;
  person.learned_messages = 500;
  person.style_profiles[context::StyleKeyForPerson("Imogen Tull")] =
      Shared(Learn(writers::Terse(), 25));
  person.style_impostors = learned_.style_impostors;
  const ParsedMessage m = MessageFrom(Addr("Imogen Tull", "ap@larkspurtech.com"));
  const auto f = testing::Only(Run(writers::Message(writers::Casual(), 50), m, &person));
  ASSERT_TRUE(f);
  EXPECT_NE(f->evidence.expected.find("Imogen Tull"), std::string::npos);
  EXPECT_TRUE(Run(writers::Message(writers::Terse(), 44), m, &person).empty());
}

TEST(StyleMismatchConfigTest, ParsesAndRejects) {
  auto config = ParseStyleMismatchConfig(testing::ParseToml(
      "min_messages = 5\nmin_profile_words = 100\nmin_words = 20\nmin_impostors = 2\n"
      "threshold = 0.4\n"));
  ASSERT_TRUE(config) << config.error().ToString();
  EXPECT_EQ(config->min_messages, 5);
  EXPECT_EQ(config->min_profile_words, 100);
  EXPECT_EQ(config->min_words, 20);
  EXPECT_EQ(config->min_impostors, 2);
  EXPECT_DOUBLE_EQ(config->threshold, 0.4);
  EXPECT_FALSE(ParseStyleMismatchConfig(testing::ParseToml("threshold = 1.5")));
  EXPECT_FALSE(ParseStyleMismatchConfig(testing::ParseToml("min_impostors = 0")));
  EXPECT_FALSE(ParseStyleMismatchConfig(testing::ParseToml("min_mesages = 3")));
}

}  // namespace
}  // namespace becguard::detectors
