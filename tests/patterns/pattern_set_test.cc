#include "patterns/pattern_set.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace becguard::patterns {
namespace {

PatternSet CompileOrDie(std::vector<PatternSpec> specs) {
  auto set = PatternSet::Compile(std::move(specs));
  EXPECT_TRUE(set.has_value()) << (set ? "" : set.error().ToString());
  return std::move(*set);
}

TEST(PatternSetTest, ReportsFirstMatchPerPatternInPatternOrder) {
  PatternSet set = CompileOrDie({{"second", "wire", 0}, {"first", "bank (details|account)", 1}});
  const std::string text = "new bank details: wire the funds, then wire again";
  std::vector<PatternMatch> matches = set.Scan(text);
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].pattern_index, 0u);
  EXPECT_EQ(text.substr(matches[0].begin, matches[0].end - matches[0].begin), "wire");
  EXPECT_EQ(matches[0].begin, text.find("wire"));  // the first occurrence, not the last
  EXPECT_EQ(matches[1].pattern_index, 1u);
  EXPECT_EQ(text.substr(matches[1].begin, matches[1].end - matches[1].begin), "bank details");
  EXPECT_EQ(set.spec(1).name, "first");
  EXPECT_EQ(set.spec(1).tag, 1);
}

TEST(PatternSetTest, StartOfMatchIsLeftmost) {
  PatternSet set = CompileOrDie({{"gap", "pay( [a-z]+){0,3} today", 0}});
  const std::string text = "please pay the invoice today";
  auto matches = set.Scan(text);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(text.substr(matches[0].begin, matches[0].end - matches[0].begin),
            "pay the invoice today");
}

TEST(PatternSetTest, CaselessAndUtf8) {
  PatternSet set = CompileOrDie({{"ja", "振込先.{0,6}変更", 0}, {"en", "urgent", 0}});
  EXPECT_EQ(set.Scan("URGENT").size(), 1u);
  const std::string text = "お振込先を下記へ変更します";
  auto matches = set.Scan(text);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(text.substr(matches[0].begin, matches[0].end - matches[0].begin), "振込先を下記へ変更");
  // '.' is one code point, not one byte: six kana fit in {0,6}.
  EXPECT_TRUE(set.Matches("振込先あいうえおか変更"));
  EXPECT_FALSE(set.Matches("振込先あいうえおかき変更"));
}

TEST(PatternSetTest, NoMatchAndEmptyInputs) {
  PatternSet set = CompileOrDie({{"a", "gift ?cards?", 0}});
  EXPECT_TRUE(set.Scan("").empty());
  EXPECT_FALSE(set.Matches("a gifted card player"));
}

TEST(PatternSetTest, EmptySpecListIsValid) {
  PatternSet set = CompileOrDie({});
  EXPECT_EQ(set.size(), 0u);
  EXPECT_TRUE(set.Scan("anything at all").empty());
}

TEST(PatternSetTest, CompileErrorNamesThePattern) {
  auto set = PatternSet::Compile({{"good", "fine", 0}, {"payment_change/broken", "(unclosed", 0}});
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(set.error().message().find("payment_change/broken"), std::string::npos);
  EXPECT_EQ(set.error().message().find("\"good\""), std::string::npos);
}

TEST(PatternSetTest, EmptyRegexIsAnError) {
  auto set = PatternSet::Compile({{"blank", "", 0}});
  ASSERT_FALSE(set.has_value());
  EXPECT_NE(set.error().message().find("blank"), std::string::npos);
}

TEST(PatternSetTest, InvalidUtf8InputStillScansWithOriginalOffsets) {
  PatternSet set = CompileOrDie({{"w", "wire", 0}});
  const std::string text = "\xff\xfe wire \xc3";
  auto matches = set.Scan(text);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].begin, 3u);
  EXPECT_EQ(matches[0].end, 7u);
}

TEST(PatternSetTest, MovedSetKeepsWorking) {
  PatternSet a = CompileOrDie({{"w", "wire", 0}});
  PatternSet b = std::move(a);
  EXPECT_TRUE(b.Matches("wire"));
  PatternSet c = CompileOrDie({});
  c = std::move(b);
  EXPECT_TRUE(c.Matches("wire"));
}

// Several sets scanned from several threads at once, and sets destroyed while other sets are in
// use: each thread must get scratch for the right database (a wrong or shared scratch makes
// Hyperscan fail or crash, which would show up as missing matches here).
TEST(PatternSetTest, ConcurrentScansOverSeveralSets) {
  PatternSet small = CompileOrDie({{"w", "wire", 0}});
  PatternSet large = CompileOrDie({{"a", "gift ?cards?", 0},
                                   {"b", "(new|updated) bank (details|account)", 1},
                                   {"c", "pay( [a-z]+){0,4} today", 2}});
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 300; ++i) {
        if (small.Scan("send the wire").size() != 1) ++failures[t];
        if (large.Scan("new bank details; pay the gift cards today").size() != 3) ++failures[t];
        PatternSet temporary = CompileOrDie({{"x", "x+y", 0}});
        if (!temporary.Matches("xxy")) ++failures[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace becguard::patterns
