// The internal building blocks: bounded edit distance, edit scripts, confusable folding.
#include <gtest/gtest.h>

#include "domain/confusables.h"
#include "domain/edit_distance.h"

namespace becguard::domain::internal {
namespace {

TEST(BoundedOsaDistanceTest, Basics) {
  EXPECT_EQ(BoundedOsaDistance("corvane", "corvane", 2), 0);
  EXPECT_EQ(BoundedOsaDistance("corvanne", "corvane", 2), 1);
  EXPECT_EQ(BoundedOsaDistance("corvne", "corvane", 2), 1);
  EXPECT_EQ(BoundedOsaDistance("corvaen", "corvane", 2), 1);  // transposition
  EXPECT_EQ(BoundedOsaDistance("corbane", "corvane", 2), 1);
  EXPECT_EQ(BoundedOsaDistance("", "", 1), 0);
  EXPECT_EQ(BoundedOsaDistance("a", "", 1), 1);
  EXPECT_EQ(BoundedOsaDistance("", "ab", 2), 2);
}

TEST(BoundedOsaDistanceTest, ReportsBoundPlusOneWhenFar) {
  EXPECT_EQ(BoundedOsaDistance("corvane", "google", 2), 3);
  EXPECT_EQ(BoundedOsaDistance("abcdefgh", "abcd", 2), 3);  // length gap alone
  EXPECT_EQ(BoundedOsaDistance("harwelldynamics", "harwellldynamic", 1), 2);
  EXPECT_EQ(BoundedOsaDistance("harwelldynamics", "harwellldynamic", 2), 2);
  EXPECT_EQ(BoundedOsaDistance("abc", "xyz", 0), 1);
}

TEST(BoundedOsaDistanceTest, AgreesWithTheFullScriptOnManyPairs) {
  const char* words[] = {"corvane",  "corvanne", "corvnae", "carvane", "orvane",
                         "corvaneo", "kestrel",  "ketsrel", "kestrle", "xkestrel",
                         "ab",       "ba",       "",        "a"};
  for (const char* a : words) {
    for (const char* b : words) {
      const int full = static_cast<int>(EditScript(a, b).size());
      for (int bound = 0; bound <= 3; ++bound) {
        EXPECT_EQ(BoundedOsaDistance(a, b, bound), std::min(full, bound + 1))
            << a << " vs " << b << " bound " << bound;
      }
    }
  }
}

TEST(EditScriptTest, NamesTheOperations) {
  auto script = EditScript("corvanne", "corvane");
  ASSERT_EQ(script.size(), 1u);
  EXPECT_EQ(script[0].kind, EditKind::kInsert);
  EXPECT_EQ(script[0].lookalike_char, 'n');
  script = EditScript("corvaen", "corvane");
  ASSERT_EQ(script.size(), 1u);
  EXPECT_EQ(script[0].kind, EditKind::kTranspose);
  script = EditScript("corane", "corvane");
  ASSERT_EQ(script.size(), 1u);
  EXPECT_EQ(script[0].kind, EditKind::kDelete);
  EXPECT_EQ(script[0].original_char, 'v');
  script = EditScript("c0rvane", "corvane");
  ASSERT_EQ(script.size(), 1u);
  EXPECT_EQ(script[0].kind, EditKind::kSubstitute);
  EXPECT_EQ(script[0].lookalike_char, '0');
  EXPECT_EQ(script[0].original_char, 'o');
}

TEST(ConfusablesTest, FoldsLookalikeClassesTogether) {
  EXPECT_EQ(FoldConfusables("harwelldynarnics"), FoldConfusables("harwelldynamics"));
  EXPECT_EQ(FoldConfusables("brightvvater"), FoldConfusables("brightwater"));
  EXPECT_EQ(FoldConfusables("clomain"), FoldConfusables("domain"));
  EXPECT_EQ(FoldConfusables("l0g1"), FoldConfusables("logi"));
  EXPECT_EQ(FoldConfusables("paypa1"), FoldConfusables("paypal"));
  EXPECT_EQ(FoldConfusables("5ecure"), FoldConfusables("secure"));
  EXPECT_EQ(FoldConfusables("CORVANE"), "corvane");
  EXPECT_NE(FoldConfusables("corvane"), FoldConfusables("corvene"));
  EXPECT_NE(FoldConfusables("harwell"), FoldConfusables("harwel"));
}

TEST(ConfusablesTest, DescribesSubstitutionsInOrder) {
  EXPECT_EQ(DescribeConfusables("harwelldynarnics", "harwelldynamics"), "rn→m");
  EXPECT_EQ(DescribeConfusables("harwelldynamics", "harwelldynarnics"), "m→rn");
  EXPECT_EQ(DescribeConfusables("brightvvater", "brightwater"), "vv→w");
  EXPECT_EQ(DescribeConfusables("clomain", "domain"), "cl→d");
  EXPECT_EQ(DescribeConfusables("hibar1-l0gi", "hibari-logi"),
            "digit for letter (1→i), digit for letter (0→o)");
  EXPECT_EQ(DescribeConfusables("harwe11", "harwell"), "digit for letter (1→l)");
  EXPECT_EQ(DescribeConfusables("corvane", "corvane"), "");
  EXPECT_EQ(DescribeConfusables("corvene", "corvane"), "");  // e/a is no look-alike pair
}

}  // namespace
}  // namespace becguard::domain::internal
