// Verifier and explanations: a writer's new message scores as the same author; another writer's
// message claiming to be them does not, in English and in Japanese.
#include "style/verifier.h"

#include <gtest/gtest.h>

#include "style/explain.h"
#include "writers.h"

namespace becguard::style {
namespace {

StyleProfile Learn(const testing::Writer& w, int messages) {
  StyleProfile p;
  for (int i = 0; i < messages; ++i) p.Add(ExtractStyle(testing::Message(w, i)));
  return p;
}

class VerifierTest : public ::testing::Test {
 protected:
  VerifierTest() {
    for (const testing::Writer& w : {testing::Terse(), testing::Formal(), testing::Casual(),
                                     testing::Friendly(), testing::Numbers()}) {
      profiles_.push_back(Learn(w, 20));
    }
    for (int k = 0; k < 8; ++k) population_.push_back(Learn(testing::Population(k), 20));
  }
  // The background population and the other named writers but `claimed` and (as a real
  // attacker is not in the store) `author`.
  std::vector<const StyleProfile*> Impostors(std::size_t claimed, std::size_t author) const {
    std::vector<const StyleProfile*> out;
    for (const StyleProfile& p : population_) out.push_back(&p);
    for (std::size_t i = 0; i < profiles_.size(); ++i) {
      if (i != claimed && i != author) out.push_back(&profiles_[i]);
    }
    return out;
  }
  std::vector<StyleProfile> profiles_;
  std::vector<StyleProfile> population_;
};

TEST_F(VerifierTest, GenuineOutranksEveryImpostorAttempt) {
  const Verifier verifier;
  const std::vector<testing::Writer> writers{testing::Terse(), testing::Formal(), testing::Casual(),
                                             testing::Friendly(), testing::Numbers()};
  for (std::size_t claimed = 0; claimed < writers.size(); ++claimed) {
    const StyleSample own = ExtractStyle(testing::Message(writers[claimed], 40));
    const Verification genuine =
        verifier.Verify(own, profiles_[claimed], Impostors(claimed, claimed));
    EXPECT_EQ(genuine.method_used, VerifyMethod::kImpostors);
    EXPECT_GT(genuine.same_author, 0.9) << claimed;
    EXPECT_GT(genuine.wins, 0.9) << claimed;
    for (std::size_t author = 0; author < writers.size(); ++author) {
      if (author == claimed) continue;
      const StyleSample s = ExtractStyle(testing::Message(writers[author], 40));
      const Verification v = verifier.Verify(s, profiles_[claimed], Impostors(claimed, author));
      EXPECT_LT(v.z, genuine.z - 5) << claimed << " by " << author;
      EXPECT_LT(v.similarity, genuine.similarity / 3) << claimed << " by " << author;
    }
  }
}

TEST_F(VerifierTest, IsDeterministic) {
  const Verifier a, b;
  const StyleSample s = ExtractStyle(testing::Message(testing::Formal(), 41));
  EXPECT_EQ(a.Verify(s, profiles_[0], Impostors(0, 1)).same_author,
            b.Verify(s, profiles_[0], Impostors(0, 1)).same_author);
}

TEST_F(VerifierTest, FewImpostorsFallBackToSelfSimilarity) {
  const Verifier verifier;  // min_impostors = 3
  const StyleSample s = ExtractStyle(testing::Message(testing::Terse(), 41));
  const std::vector<const StyleProfile*> one{&profiles_[1], &profiles_[2]};
  const Verification v = verifier.Verify(s, profiles_[0], one);
  EXPECT_EQ(v.method_used, VerifyMethod::kSelf);
  EXPECT_EQ(v.impostors, 0);
  // The claimed profile itself and null entries never count as impostors.
  const std::vector<const StyleProfile*> bogus{&profiles_[0], nullptr, &profiles_[0]};
  EXPECT_EQ(verifier.Verify(s, profiles_[0], bogus).method_used, VerifyMethod::kSelf);
}

TEST_F(VerifierTest, MarginMethodRanksTheSameWay) {
  const Verifier verifier(VerifierOptions{VerifyMethod::kMargin, 100, 3});
  const StyleSample own = ExtractStyle(testing::Message(testing::Casual(), 40));
  const StyleSample other = ExtractStyle(testing::Message(testing::Formal(), 40));
  const Verification genuine = verifier.Verify(own, profiles_[2], Impostors(2, 2));
  const Verification attempt = verifier.Verify(other, profiles_[2], Impostors(2, 1));
  EXPECT_EQ(genuine.method_used, VerifyMethod::kMargin);
  EXPECT_GT(genuine.same_author, 0.9);
  EXPECT_GT(genuine.z, attempt.z + 5);
}

TEST(JapaneseVerifierTest, TellsPoliteAndCasualWritersApart) {
  // Two hand-written Japanese writers plus three more as the population.
  const StyleProfile polite = Learn(testing::JapanesePolite(), 20);
  const StyleProfile casual = Learn(testing::JapaneseCasual(), 20);
  testing::Writer w3 = testing::JapanesePolite();
  w3.greeting = "各位";
  w3.signoff = "以上です。\n鈴木";
  w3.sentences = {"本日の売上は前年比で一割増えました。", "在庫の確認をお願いします。",
                  "明日は午前中に外出します。", "新しい価格表を共有フォルダに置きました。",
                  "会議室の予約は私が行います。"};
  const StyleProfile third = Learn(w3, 20);
  testing::Writer w4 = testing::JapaneseCasual();
  w4.greeting = "";
  w4.signoff = "ではでは";
  w4.sentences = {"今日の件、了解でーす", "あとで電話しまーす", "資料もらえたら見ときまーす",
                  "来週の飲み会、参加しまーす", "それでオッケーでーす"};
  const StyleProfile fourth = Learn(w4, 20);
  const Verifier verifier(VerifierOptions{VerifyMethod::kImpostors, 100, 2});

  const StyleSample polite_new = ExtractStyle(testing::Message(testing::JapanesePolite(), 30));
  const StyleSample casual_new = ExtractStyle(testing::Message(testing::JapaneseCasual(), 30));
  std::vector<const StyleProfile*> others{&third, &fourth};
  const Verification polite_as_polite = verifier.Verify(polite_new, polite, others);
  const Verification casual_as_polite = verifier.Verify(casual_new, polite, others);
  const Verification casual_as_casual = verifier.Verify(casual_new, casual, others);
  const Verification polite_as_casual = verifier.Verify(polite_new, casual, others);
  EXPECT_GT(polite_as_polite.same_author, 0.9);
  EXPECT_GT(casual_as_casual.same_author, 0.9);
  EXPECT_GT(polite_as_polite.similarity, 3 * casual_as_polite.similarity);
  EXPECT_GT(casual_as_casual.similarity, 3 * polite_as_casual.similarity);
  EXPECT_GT(polite_as_polite.z, casual_as_polite.z + 5);
  EXPECT_GT(casual_as_casual.z, polite_as_casual.z + 5);

  // And the analyst is told why, in words.
  const std::vector<std::string> why = ExplainDifferences(casual_new, polite);
  ASSERT_FALSE(why.empty());
  bool keigo = false;
  for (const std::string& line : why) keigo = keigo || line.find("keigo") != std::string::npos;
  EXPECT_TRUE(keigo) << why.front();
}

TEST(ExplainTest, NamesGreetingSignoffAndSentenceLength) {
  StyleProfile terse;
  for (int i = 0; i < 20; ++i) terse.Add(ExtractStyle(testing::Message(testing::Terse(), i)));
  const StyleSample formal = ExtractStyle(testing::Message(testing::Formal(), 3));
  const std::vector<std::string> why = ExplainDifferences(formal, terse, 5);
  std::string all;
  for (const std::string& line : why) all += line + "\n";
  EXPECT_NE(all.find("greeting 'dear <name>,'"), std::string::npos) << all;
  EXPECT_NE(all.find("usually '-vince'"), std::string::npos) << all;
  EXPECT_NE(all.find("sentences of"), std::string::npos) << all;
}

TEST(ExplainTest, SaysNothingForTheSendersOwnHabits) {
  StyleProfile formal;
  for (int i = 0; i < 20; ++i) formal.Add(ExtractStyle(testing::Message(testing::Formal(), i)));
  EXPECT_TRUE(
      ExplainDifferences(ExtractStyle(testing::Message(testing::Formal(), 25)), formal).empty());
}

}  // namespace
}  // namespace becguard::style
