// Style features: own text extraction, greeting and sign-off forms, statistics, and that the
// vector is a unit vector, for English and Japanese.
#include "style/features.h"

#include <gtest/gtest.h>

#include <cmath>

#include "writers.h"

namespace becguard::style {
namespace {

float StatOf(const StyleSample& s, Stat stat) { return s.stats[static_cast<std::size_t>(stat)]; }

TEST(OwnTextTest, DropsSignatureBlockQuotesAndForwards) {
  const std::string own = OwnText(
      "Please approve the attached.\n> old quoted line\nThanks,\nJeff\n-- \nJeff Skilling\nCEO\n");
  EXPECT_EQ(own, "Please approve the attached.\nThanks,\nJeff\n");
  EXPECT_EQ(OwnText("See below.\n---------------------- Forwarded by Vince J Kaminski/HOU/ECT\n"
                    "text of someone else\n"),
            "See below.\n");
}

TEST(OwnTextTest, DropsTrailingContactBlockButKeepsName) {
  const std::string own = OwnText(
      "Call me when you can.\n\nDebra\nPhone: 713 853 7658\nFax 713 646 3490\ndebra@example.com\n");
  EXPECT_EQ(own, "Call me when you can.\n\nDebra\n");
}

TEST(OwnTextTest, KeepsOrdinaryProse) {
  EXPECT_EQ(OwnText("We met at 10 and agreed.\nMore later."),
            "We met at 10 and agreed.\nMore later.\n");
}

TEST(StyleFeaturesTest, GreetingAndSignoffForms) {
  StyleSample s =
      ExtractStyle("Hi Vince,\n\nThe model is attached. Let me know.\n\nThanks,\nJeff\n");
  EXPECT_EQ(s.greeting, "hi <name>,");
  EXPECT_EQ(s.signoff, "thanks, / jeff");
  s = ExtractStyle("Dear Sir,\n\nPlease wire the funds today.\n\nRegards\n");
  EXPECT_EQ(s.greeting, "dear sir,");
  EXPECT_EQ(s.signoff, "regards");
  s = ExtractStyle("Looks fine -- go ahead.\n\n-Vince\n");
  EXPECT_EQ(s.greeting, "");
  EXPECT_EQ(s.signoff, "-vince");
  // A first sentence is not a greeting; a last sentence is not a sign-off.
  s = ExtractStyle("The desk closed early today. We will book it tomorrow.\nCall me if needed.\n");
  EXPECT_EQ(s.greeting, "");
  EXPECT_EQ(s.signoff, "");
}

TEST(StyleFeaturesTest, JapaneseGreetingSignoffAndKeigo) {
  const StyleSample polite = ExtractStyle(testing::Message(testing::JapanesePolite(), 1));
  EXPECT_EQ(polite.greeting, "<name>様");
  EXPECT_NE(polite.signoff.find("よろしくお願いいたします"), std::string::npos);
  EXPECT_GT(StatOf(polite, Stat::kKeigo), 0.8F);
  EXPECT_GT(StatOf(polite, Stat::kJapanese), 0.9F);

  const StyleSample casual = ExtractStyle(testing::Message(testing::JapaneseCasual(), 1));
  EXPECT_EQ(casual.greeting, "<name>さん");
  EXPECT_LT(StatOf(casual, Stat::kKeigo), 0.2F);
  EXPECT_GT(casual.words, 20);
}

TEST(StyleFeaturesTest, FullWidthFormsNormaliseLikeAscii) {
  // NFKC: full-width Latin and digits are the same characters as ASCII ones.
  const StyleSample wide = ExtractStyle("Ｐｌｅａｓｅ ｓｅｎｄ ｔｈｅ ２０２４ ｒｅｐｏｒｔ．\n");
  const StyleSample ascii = ExtractStyle("Please send the 2024 report.\n");
  EXPECT_EQ(wide.vector, ascii.vector);
}

TEST(StyleFeaturesTest, StatisticsDescribeTheText) {
  const StyleSample terse = ExtractStyle(testing::Message(testing::Terse(), 2));
  const StyleSample formal = ExtractStyle(testing::Message(testing::Formal(), 2));
  EXPECT_GT(StatOf(formal, Stat::kSentenceWords), 2 * StatOf(terse, Stat::kSentenceWords));
  EXPECT_GT(StatOf(terse, Stat::kDashesEllipses), 0.5F);
  EXPECT_EQ(StatOf(formal, Stat::kHasGreeting), 1.0F);
  EXPECT_EQ(StatOf(terse, Stat::kHasGreeting), 0.0F);
  const StyleSample casual = ExtractStyle(testing::Message(testing::Casual(), 2));
  EXPECT_GT(StatOf(casual, Stat::kLowerStarts), 0.8F);
  EXPECT_GT(StatOf(casual, Stat::kExclamations), 0.1F);
}

TEST(StyleFeaturesTest, HardWrappedTextReadsLikeUnwrapped) {
  const std::string flowing =
      "Molly and I discovered that the customer has about 1400 dt of capacity each month and we "
      "have been using this capacity since January to serve the zone markets.\n";
  const std::string wrapped =
      "Molly and I discovered that the customer has about 1400 dt of capacity\neach month and we "
      "have been using this capacity since January to serve the\nzone markets.\n";
  EXPECT_EQ(ExtractStyle(flowing).vector, ExtractStyle(wrapped).vector);
}

TEST(StyleFeaturesTest, VectorIsUnitLengthAndSorted) {
  const StyleSample s = ExtractStyle(testing::Message(testing::Friendly(), 3));
  double norm = 0;
  for (std::size_t i = 0; i < s.vector.size(); ++i) {
    norm += static_cast<double>(s.vector[i].second) * s.vector[i].second;
    if (i > 0) {
      EXPECT_LT(s.vector[i - 1].first, s.vector[i].first);
    }
    EXPECT_LT(s.vector[i].first, kDims);
  }
  EXPECT_NEAR(norm, 1.0, 1e-4);
}

TEST(StyleFeaturesTest, EmptyAndSymbolOnlyTextsAreEmpty) {
  EXPECT_TRUE(ExtractStyle("").empty());
  EXPECT_TRUE(ExtractStyle("\n\n  \n").empty());
  EXPECT_TRUE(ExtractStyle("--- *** ---\n").empty());
  EXPECT_TRUE(ExtractMessageStyle("> only a quote\n").empty());
  // Invalid UTF-8 does not crash.
  EXPECT_FALSE(ExtractStyle("abc \xff\xfe def ghi").empty());
}

}  // namespace
}  // namespace becguard::style
