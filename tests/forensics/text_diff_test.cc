#include "forensics/text_diff.h"

#include <cstddef>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace becguard::forensics {
namespace {

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

std::size_t CountOps(const TextDiff& diff, DiffOp op) {
  std::size_t count = 0;
  for (const DiffHunk& hunk : diff.hunks) {
    for (const DiffLine& line : hunk.lines) count += line.op == op ? 1 : 0;
  }
  return count;
}

// With unlimited context the single hunk spells out both sides completely.
void ExpectReconstructs(const std::vector<std::string>& a, const std::vector<std::string>& b,
                        const TextDiff& diff) {
  std::vector<std::string> got_a;
  std::vector<std::string> got_b;
  for (const DiffHunk& hunk : diff.hunks) {
    for (const DiffLine& line : hunk.lines) {
      if (line.op != DiffOp::kAdded) got_a.push_back(line.text);
      if (line.op != DiffOp::kRemoved) got_b.push_back(line.text);
    }
  }
  if (diff.empty()) {
    EXPECT_EQ(a, b);
    return;
  }
  EXPECT_EQ(got_a, a);
  EXPECT_EQ(got_b, b);
}

std::size_t LcsLength(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::vector<std::size_t>> t(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
    }
  }
  return t[a.size()][b.size()];
}

TEST(SplitLinesTest, DropsLineEndingsAndTrailingBlanks) {
  const auto lines = SplitLines("one\r\ntwo  \nthree\t\n\nfour");
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "one");
  EXPECT_EQ(lines[1], "two");
  EXPECT_EQ(lines[2], "three");
  EXPECT_EQ(lines[3], "");
  EXPECT_EQ(lines[4], "four");
  EXPECT_TRUE(SplitLines("").empty());
}

TEST(DiffTextTest, IdenticalTextHasNoHunks) {
  const TextDiff diff = DiffText("a\nb\nc\n", "a\nb\nc\n");
  EXPECT_TRUE(diff.empty());
  EXPECT_FALSE(diff.truncated);
  EXPECT_FALSE(diff.approximate);
}

TEST(DiffTextTest, LineEndingAndTrailingWhitespaceChangesAreNotEdits) {
  EXPECT_TRUE(DiffText("Dear Bob,\nPlease pay.\n\n\n", "Dear Bob,  \r\nPlease pay.\r\n").empty());
}

TEST(DiffTextTest, LeadingWhitespaceAndCaseAreEdits) {
  EXPECT_FALSE(DiffText("pay now\n", "  pay now\n").empty());
  EXPECT_FALSE(DiffText("IBAN GB33\n", "iban GB33\n").empty());
}

TEST(DiffTextTest, OneChangedLineGivesOneHunkWithContext) {
  const std::string a = Join({"l1", "l2", "l3", "old", "l5", "l6", "l7"});
  const std::string b = Join({"l1", "l2", "l3", "new", "l5", "l6", "l7"});
  const TextDiff diff = DiffText(a, b);
  ASSERT_EQ(diff.hunks.size(), 1u);
  const DiffHunk& hunk = diff.hunks[0];
  EXPECT_EQ(hunk.a_start, 2u);
  EXPECT_EQ(hunk.a_count, 5u);
  EXPECT_EQ(hunk.b_start, 2u);
  EXPECT_EQ(hunk.b_count, 5u);
  ASSERT_EQ(hunk.lines.size(), 6u);
  EXPECT_EQ(hunk.lines[0].op, DiffOp::kEqual);
  EXPECT_EQ(hunk.lines[0].text, "l2");
  EXPECT_EQ(hunk.lines[2].op, DiffOp::kRemoved);
  EXPECT_EQ(hunk.lines[2].text, "old");
  EXPECT_EQ(hunk.lines[3].op, DiffOp::kAdded);
  EXPECT_EQ(hunk.lines[3].text, "new");
  EXPECT_EQ(hunk.lines[5].text, "l6");
}

TEST(DiffTextTest, DistantChangesGiveSeparateHunksAndCloseOnesMerge) {
  std::vector<std::string> a;
  for (int i = 0; i < 20; ++i) a.push_back("line " + std::to_string(i));
  std::vector<std::string> far = a;
  far[2] = "changed 2";
  far[15] = "changed 15";
  EXPECT_EQ(DiffText(Join(a), Join(far)).hunks.size(), 2u);
  std::vector<std::string> close = a;
  close[5] = "changed 5";
  close[9] = "changed 9";  // 3 equal lines between: within 2 * context
  EXPECT_EQ(DiffText(Join(a), Join(close)).hunks.size(), 1u);
}

TEST(DiffTextTest, InsertionAndDeletionAtTheEdges) {
  const TextDiff inserted = DiffText("b\nc\n", "a\nb\nc\nd\n");
  EXPECT_EQ(CountOps(inserted, DiffOp::kAdded), 2u);
  EXPECT_EQ(CountOps(inserted, DiffOp::kRemoved), 0u);
  const TextDiff deleted = DiffText("a\nb\nc\n", "");
  ASSERT_EQ(deleted.hunks.size(), 1u);
  EXPECT_EQ(CountOps(deleted, DiffOp::kRemoved), 3u);
  EXPECT_EQ(deleted.hunks[0].b_count, 0u);
}

TEST(DiffTextTest, ClassicExampleIsMinimal) {
  // Myers' paper: ABCABBA -> CBABAC needs 5 edits (LCS 4).
  const std::vector<std::string> a = {"A", "B", "C", "A", "B", "B", "A"};
  const std::vector<std::string> b = {"C", "B", "A", "B", "A", "C"};
  DiffLimits limits;
  limits.context = 100;
  const TextDiff diff = DiffText(Join(a), Join(b), limits);
  EXPECT_EQ(CountOps(diff, DiffOp::kRemoved) + CountOps(diff, DiffOp::kAdded), 5u);
  ExpectReconstructs(a, b, diff);
}

TEST(DiffTextTest, RandomInputsReconstructAndAreMinimal) {
  std::mt19937 rng(1042);
  DiffLimits limits;
  limits.context = 1000;
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> a(rng() % 12);
    std::vector<std::string> b(rng() % 12);
    for (auto& line : a) line = std::string(1, static_cast<char>('a' + rng() % 3));
    for (auto& line : b) line = std::string(1, static_cast<char>('a' + rng() % 3));
    const TextDiff diff = DiffText(Join(a), Join(b), limits);
    ExpectReconstructs(a, b, diff);
    const std::size_t lcs = LcsLength(a, b);
    EXPECT_EQ(CountOps(diff, DiffOp::kRemoved), a.size() - lcs);
    EXPECT_EQ(CountOps(diff, DiffOp::kAdded), b.size() - lcs);
  }
}

TEST(DiffTextTest, EditBoundGivesApproximateButCorrectDiff) {
  std::vector<std::string> a;
  std::vector<std::string> b;
  for (int i = 0; i < 50; ++i) {
    a.push_back("a" + std::to_string(i));
    b.push_back(i % 2 == 0 ? "a" + std::to_string(i) : "b" + std::to_string(i));
  }
  DiffLimits limits;
  limits.max_edits = 10;
  limits.context = 1000;
  const TextDiff diff = DiffText(Join(a), Join(b), limits);
  EXPECT_TRUE(diff.approximate);
  ExpectReconstructs(a, b, diff);

  limits.max_edits = 1000;
  EXPECT_FALSE(DiffText(Join(a), Join(b), limits).approximate);
}

TEST(DiffTextTest, LineLimitTruncates) {
  DiffLimits limits;
  limits.max_lines = 3;
  const TextDiff diff = DiffText("a\nb\nc\nd\ne\n", "a\nb\nc\nX\nY\n", limits);
  EXPECT_TRUE(diff.truncated);
  EXPECT_TRUE(diff.empty());  // the differing lines are beyond the limit
  EXPECT_FALSE(DiffText("a\nb\n", "a\nc\n", limits).truncated);
}

}  // namespace
}  // namespace becguard::forensics
