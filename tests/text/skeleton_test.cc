#include <gtest/gtest.h>

#include "text/normalize.h"

namespace becguard::text {
namespace {

TEST(SkeletonTest, CyrillicAndGreekLookalikesFoldToLatin) {
  // "раураl" with Cyrillic р, а, у.
  EXPECT_EQ(Skeleton("\xD1\x80\xD0\xB0\xD1\x83\xD1\x80\xD0\xB0l"), Skeleton("paypal"));
  // Cyrillic о at the start of a Latin word.
  EXPECT_EQ(Skeleton("\xD0\xBE"
                     "akridge"),
            "oakridge");
  // Greek omicron.
  EXPECT_EQ(Skeleton("\xCE\xBF"
                     "akridge"),
            "oakridge");
}

TEST(SkeletonTest, AsciiLookalikesShareASkeleton) {
  EXPECT_EQ(Skeleton("rn"), Skeleton("m"));
  EXPECT_EQ(Skeleton("1"), Skeleton("l"));
  EXPECT_EQ(Skeleton("harwelldynamics"), Skeleton("harwelldynarnics"));
}

TEST(SkeletonTest, DifferentWordsStayDifferent) {
  EXPECT_NE(Skeleton("corvane"), Skeleton("corvene"));
  EXPECT_NE(Skeleton("\xD0\xBF"), Skeleton("n"));  // Cyrillic п is not Latin n
  EXPECT_EQ(Skeleton(""), "");
}

TEST(SkeletonTest, InvalidUtf8DoesNotFail) {
  const std::string skeleton = Skeleton(
      "ab\xFF"
      "cd");
  EXPECT_NE(skeleton.find("ab"), std::string::npos);
  EXPECT_NE(skeleton.find("cd"), std::string::npos);
}

TEST(SkeletonTest, JapaneseTextPassesThrough) { EXPECT_EQ(Skeleton("請求書"), "請求書"); }

TEST(SkeletonTest, SingleCyrillicLetterInLatinWord) {
  // "pаypal" with one Cyrillic а: a mixed-script spoof that looks identical.
  EXPECT_EQ(Skeleton("p\xD0\xB0ypal"), Skeleton("paypal"));
  EXPECT_NE(Skeleton("p\xD0\xB0ypal"), Skeleton("peypal"));
}

}  // namespace
}  // namespace becguard::text
