#include "patterns/lexicon.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace becguard::patterns {
namespace {

Lexicon FromTextOrDie(std::string_view text) {
  auto lexicon = Lexicon::FromText(text);
  EXPECT_TRUE(lexicon.has_value()) << (lexicon ? "" : lexicon.error().ToString());
  return std::move(*lexicon);
}

TEST(IntentTest, NamesRoundTrip) {
  for (int i = 0; i < kIntentCount; ++i) {
    const auto intent = static_cast<Intent>(i);
    auto back = IntentFromName(IntentName(intent));
    ASSERT_TRUE(back.has_value()) << IntentName(intent);
    EXPECT_EQ(*back, intent);
  }
  EXPECT_EQ(IntentName(Intent::kPaymentChange), "payment_change");
  EXPECT_EQ(IntentName(Intent::kAutoReplyContext), "auto_reply_context");
  EXPECT_FALSE(IntentFromName("payment").has_value());
}

TEST(IntentHitsTest, CountsAndFirst) {
  IntentHits hits;
  EXPECT_FALSE(hits.Has(Intent::kUrgency));
  EXPECT_EQ(hits.First(Intent::kUrgency), nullptr);
  hits.Add({Intent::kUrgency, "asap", false, "asap"});
  hits.Add({Intent::kSecrecy, "between_us", true, "keep it between us"});
  hits.Add({Intent::kUrgency, "urgent", false, "urgent"});
  EXPECT_EQ(hits.Count(Intent::kUrgency), 2);
  EXPECT_EQ(hits.Count(Intent::kSecrecy), 1);
  ASSERT_NE(hits.First(Intent::kUrgency), nullptr);
  EXPECT_EQ(hits.First(Intent::kUrgency)->pattern_name, "asap");
  EXPECT_EQ(hits.hits().size(), 3u);
}

TEST(LexiconTest, ParsesCommentsBlankLinesAndCrlf) {
  Lexicon lexicon = FromTextOrDie(
      "# comment\r\n"
      "\r\n"
      "urgency\tasap\tasap\r\n"
      "  # indented comment\n"
      "gift_card\tgift_card\tgift ?cards?\n");
  EXPECT_EQ(lexicon.size(), 2u);
  IntentHits hits = lexicon.Scan("", "please buy gift cards asap");
  EXPECT_TRUE(hits.Has(Intent::kUrgency));
  EXPECT_TRUE(hits.Has(Intent::kGiftCard));
}

TEST(LexiconTest, UnknownIntentFailsWithLine) {
  auto lexicon = Lexicon::FromText("urgency\ta\tasap\nmoney\tb\tcash\n");
  ASSERT_FALSE(lexicon.has_value());
  EXPECT_EQ(lexicon.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(lexicon.error().message().find(":2"), std::string::npos);
  EXPECT_NE(lexicon.error().message().find("money"), std::string::npos);
}

TEST(LexiconTest, MissingFieldsAndDuplicateNamesFail) {
  EXPECT_FALSE(Lexicon::FromText("urgency\tasap only\n").has_value());
  auto duplicate = Lexicon::FromText("urgency\tsame\tasap\nsecrecy\tsame\tsecret\n");
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_NE(duplicate.error().message().find("duplicate"), std::string::npos);
}

TEST(LexiconTest, BadRegexNamesTheEntry) {
  auto lexicon = Lexicon::FromText("urgency\tbroken_one\t(asap\n");
  ASSERT_FALSE(lexicon.has_value());
  EXPECT_NE(lexicon.error().message().find("broken_one"), std::string::npos);
}

TEST(LexiconTest, SubjectHitsComeFirstAndAreNotRepeatedFromTheBody) {
  Lexicon lexicon = FromTextOrDie(
      "urgency\turgent\turgent\n"
      "wire_transfer\twire\twire transfer\n");
  IntentHits hits = lexicon.Scan("urgent request", "an urgent wire transfer please");
  ASSERT_EQ(hits.hits().size(), 2u);
  EXPECT_EQ(hits.hits()[0].intent, Intent::kUrgency);
  EXPECT_TRUE(hits.hits()[0].in_subject);
  EXPECT_EQ(hits.hits()[0].excerpt, "urgent request");
  EXPECT_EQ(hits.Count(Intent::kUrgency), 1);
  EXPECT_FALSE(hits.hits()[1].in_subject);
  EXPECT_EQ(hits.hits()[1].pattern_name, "wire");
}

TEST(LexiconTest, ExcerptIsBoundedAndKeepsWordsWhole) {
  Lexicon lexicon = FromTextOrDie("gift_card\tgift_card\tgift cards\n");
  const std::string body =
      "hello team, as discussed in the meeting yesterday i would like you to purchase eight "
      "gift cards for the clients before the holiday party on friday evening at the hotel";
  IntentHits hits = lexicon.Scan("", body);
  ASSERT_EQ(hits.hits().size(), 1u);
  const std::string& excerpt = hits.hits()[0].excerpt;
  EXPECT_NE(excerpt.find("gift cards"), std::string::npos);
  EXPECT_LE(excerpt.size(), 60u);
  EXPECT_GT(excerpt.size(), 30u);
  // Starts and ends on whole words of the body.
  EXPECT_NE(body.find(" " + excerpt + " "), std::string::npos) << excerpt;
}

TEST(LexiconTest, LongMatchExcerptIsCutOnAWordEdge) {
  Lexicon lexicon = FromTextOrDie("payment_hold\tgap\t (settle|pay)( [a-z,]+){0,12} instead of\n");
  const std::string body =
      "we ask you to settle the remaining open balances of the spring quarter by friday, instead "
      "of the end of the month";
  IntentHits hits = lexicon.Scan("", body);
  ASSERT_EQ(hits.hits().size(), 1u);
  const std::string& excerpt = hits.hits()[0].excerpt;
  EXPECT_EQ(excerpt.rfind("settle ", 0), 0u) << excerpt;  // no leading edge space
  EXPECT_LE(excerpt.size(), 60u);
  EXPECT_NE(body.find(excerpt + " "), std::string::npos) << excerpt;  // ends on a whole word
}

TEST(LexiconTest, ExcerptNeverSplitsUtf8) {
  Lexicon lexicon = FromTextOrDie("urgency\tja_shikyuu\t至急\n");
  std::string body;
  for (int i = 0; i < 30; ++i) body += "あ";
  body += "至急";
  for (int i = 0; i < 30; ++i) body += "い";
  IntentHits hits = lexicon.Scan("", body);
  ASSERT_EQ(hits.hits().size(), 1u);
  const std::string& excerpt = hits.hits()[0].excerpt;
  EXPECT_NE(excerpt.find("至急"), std::string::npos);
  EXPECT_LE(excerpt.size(), 60u);
  EXPECT_EQ(excerpt.size() % 3, 0u);  // whole three-byte characters only
  EXPECT_NE(body.find(excerpt), std::string::npos);
}

TEST(LexiconTest, LoadDirReadsAllTxtFilesAndReportsFileAndLine) {
  auto shipped = Lexicon::LoadDir(std::string(BECGUARD_TEST_DATA_DIR) + "/lexicons");
  ASSERT_TRUE(shipped.has_value()) << shipped.error().ToString();
  EXPECT_GT(shipped->size(), 100u);

  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("becguard_lexicon_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "a.txt") << "urgency\tasap_a\tasap\n";
  std::ofstream(dir / "b.txt") << "# header\nsecrecy\tok\tsecret\nnot_an_intent\tx\ty\n";
  std::ofstream(dir / "ignored.md") << "not a lexicon\n";
  auto bad = Lexicon::LoadDir(dir.string());
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("b.txt:3"), std::string::npos) << bad.error().message();
  std::ofstream(dir / "b.txt") << "secrecy\tok\tsecret\n";
  auto good = Lexicon::LoadDir(dir.string());
  ASSERT_TRUE(good.has_value()) << good.error().ToString();
  EXPECT_EQ(good->size(), 2u);
  fs::remove_all(dir);

  auto missing = Lexicon::LoadDir("/nonexistent/lexicons");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace becguard::patterns
