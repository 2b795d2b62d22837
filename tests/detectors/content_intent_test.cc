#include "detectors/content_intent.h"

#include <gtest/gtest.h>

#include <string>

#include "test_message.h"
#include "text/normalize.h"

namespace becguard::detectors {
namespace {

using patterns::Intent;
using patterns::IntentHit;
using patterns::IntentHits;
using testing::Addr;
using testing::Build;
using testing::MessageFrom;

IntentHit Hit(Intent intent, std::string name, bool in_subject, std::string excerpt) {
  return IntentHit{intent, std::move(name), in_subject, std::move(excerpt)};
}

const Finding* FindId(const std::vector<Finding>& findings, FindingId id) {
  for (const Finding& f : findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

class ContentIntentTest : public ::testing::Test {
 protected:
  std::vector<Finding> Run(const ParsedMessage& m, const IntentHits& hits) const {
    return world_.Run(*detector_, m, hits);
  }

  testing::World world_;
  std::unique_ptr<Detector> detector_ = Build(CreateContentIntent(toml::table{}));
  ParsedMessage message_ = MessageFrom(Addr("Jason Lim", "jason.lim@quillmarine.com.au"));
};

TEST_F(ContentIntentTest, OneFindingPerIntentWithExcerptAndName) {
  IntentHits hits;
  hits.Add(Hit(Intent::kPaymentChange, "subsidiary_account", false,
               "to our subsidiary company account in hong kong"));
  hits.Add(Hit(Intent::kUrgency, "urgent", true, "urgent: invoice"));
  auto findings = Run(message_, hits);
  ASSERT_EQ(findings.size(), 2u);
  const Finding* change = FindId(findings, FindingId::kPaymentChange);
  ASSERT_NE(change, nullptr);
  EXPECT_EQ(change->evidence.field, "body");
  EXPECT_EQ(change->evidence.observed, "to our subsidiary company account in hong kong");
  EXPECT_EQ(change->evidence.detail, "subsidiary_account");
  EXPECT_DOUBLE_EQ(change->strength, 0.6);
  const Finding* urgency = FindId(findings, FindingId::kUrgency);
  ASSERT_NE(urgency, nullptr);
  EXPECT_EQ(urgency->evidence.field, "subject");
}

TEST_F(ContentIntentTest, StrengthGrowsWithDistinctPhrases) {
  IntentHits hits;
  hits.Add(Hit(Intent::kGiftCard, "gift_card", false, "gift cards"));
  hits.Add(Hit(Intent::kGiftCard, "scratch_back", false, "scratch off the back"));
  auto two = Run(message_, hits);
  ASSERT_EQ(two.size(), 1u);
  EXPECT_DOUBLE_EQ(two[0].strength, 0.8);
  EXPECT_EQ(two[0].evidence.detail, "gift_card and 1 more");
  hits.Add(Hit(Intent::kGiftCard, "photos_of_codes", false, "photos of the codes"));
  hits.Add(Hit(Intent::kGiftCard, "claim_codes", false, "send me the codes"));
  auto four = Run(message_, hits);
  ASSERT_EQ(four.size(), 1u);
  EXPECT_DOUBLE_EQ(four[0].strength, 1.0);
  EXPECT_EQ(four[0].evidence.detail, "gift_card and 3 more");
}

TEST_F(ContentIntentTest, EveryContentIntentMapsToItsFinding) {
  const std::vector<std::pair<Intent, FindingId>> expected = {
      {Intent::kPaymentChange, FindingId::kPaymentChange},
      {Intent::kWireTransfer, FindingId::kWireTransfer},
      {Intent::kUrgency, FindingId::kUrgency},
      {Intent::kSecrecy, FindingId::kSecrecy},
      {Intent::kGiftCard, FindingId::kGiftCard},
      {Intent::kAcquisition, FindingId::kAcquisition},
      {Intent::kLegalCounsel, FindingId::kLegalCounsel},
      {Intent::kAvailability, FindingId::kAvailability},
      {Intent::kPretext, FindingId::kPretext},
      {Intent::kPaymentHold, FindingId::kPaymentHold},
      {Intent::kPayrollChange, FindingId::kPayrollChange},
  };
  for (const auto& [intent, id] : expected) {
    IntentHits hits;
    hits.Add(Hit(intent, "x", false, "y"));
    auto findings = Run(message_, hits);
    ASSERT_EQ(findings.size(), 1u) << patterns::IntentName(intent);
    EXPECT_EQ(findings[0].id, id) << patterns::IntentName(intent);
  }
}

TEST_F(ContentIntentTest, ContextIntentsAloneProduceNothing) {
  IntentHits hits;
  hits.Add(Hit(Intent::kFinancialContext, "invoice", false, "invoice"));
  hits.Add(Hit(Intent::kExecutiveContext, "ceo", false, "ceo"));
  hits.Add(Hit(Intent::kMarketingContext, "unsubscribe", false, "unsubscribe"));
  hits.Add(Hit(Intent::kAutoReplyContext, "out_of_office", false, "out of office"));
  EXPECT_TRUE(Run(message_, hits).empty());
  EXPECT_TRUE(Run(message_, IntentHits{}).empty());
}

TEST_F(ContentIntentTest, AutoRepliesAreSuppressedOnlyWithTextAndHeader) {
  IntentHits hits;
  hits.Add(Hit(Intent::kAutoReplyContext, "out_of_office", true, "automatic reply"));
  hits.Add(Hit(Intent::kUrgency, "urgent", false, "for urgent payment matters"));
  // Text alone: an attacker can write "I'm out of office" too.
  EXPECT_EQ(Run(message_, hits).size(), 1u);
  ParsedMessage auto_reply = message_;
  testing::AddHeader(auto_reply, "Auto-Submitted", "auto-replied");
  EXPECT_TRUE(Run(auto_reply, hits).empty());
  // Header alone: content still counts.
  IntentHits urgency_only;
  urgency_only.Add(Hit(Intent::kUrgency, "urgent", false, "urgent"));
  EXPECT_EQ(Run(auto_reply, urgency_only).size(), 1u);

  auto keep = Build(CreateContentIntent(testing::ParseToml("suppress_in_auto_replies = false")));
  EXPECT_EQ(world_.Run(*keep, auto_reply, hits).size(), 1u);
}

TEST_F(ContentIntentTest, NewslettersAreSuppressedOnlyWithTextAndHeader) {
  IntentHits hits;
  hits.Add(Hit(Intent::kMarketingContext, "unsubscribe", false, "unsubscribe"));
  hits.Add(Hit(Intent::kPaymentChange, "change_of_bank_details", false, "bank detail change"));
  EXPECT_EQ(Run(message_, hits).size(), 1u);
  ParsedMessage newsletter = message_;
  testing::AddHeader(newsletter, "List-Unsubscribe", "<https://news.example/u>");
  EXPECT_TRUE(Run(newsletter, hits).empty());

  auto keep = Build(CreateContentIntent(testing::ParseToml("suppress_in_marketing = false")));
  EXPECT_EQ(world_.Run(*keep, newsletter, hits).size(), 1u);
}

TEST_F(ContentIntentTest, ConfigRejectsUnknownKeysAndWrongTypes) {
  EXPECT_FALSE(CreateContentIntent(testing::ParseToml("suppress = true")).has_value());
  EXPECT_FALSE(
      CreateContentIntent(testing::ParseToml("suppress_in_auto_replies = \"yes\"")).has_value());
  EXPECT_TRUE(CreateContentIntent(testing::ParseToml("enabled = true")).has_value());
}

// The whole content path on real text: text::Normalize, the shipped lexicons, the detector.
class ContentIntentShippedLexiconTest : public ContentIntentTest {
 protected:
  static void SetUpTestSuite() {
    auto loaded = patterns::Lexicon::LoadDir(std::string(BECGUARD_TEST_DATA_DIR) + "/lexicons");
    ASSERT_TRUE(loaded.has_value()) << loaded.error().ToString();
    lexicon_ = new patterns::Lexicon(std::move(*loaded));
  }
  static void TearDownTestSuite() {
    delete lexicon_;
    lexicon_ = nullptr;
  }
  std::vector<Finding> Scan(std::string_view subject, std::string_view body) const {
    IntentHits hits = lexicon_->Scan(text::Normalize(subject), text::Normalize(body));
    return Run(message_, hits);
  }
  static patterns::Lexicon* lexicon_;
};

patterns::Lexicon* ContentIntentShippedLexiconTest::lexicon_ = nullptr;

TEST_F(ContentIntentShippedLexiconTest, EnglishHijackReply) {
  auto findings = Scan("RE: Invoice 4471",
                       "Dear Priya,\r\n\r\nOur bank account is currently under audit and cannot\r\n"
                       "receive payments. Kindly arrange the payment to our subsidiary company\r\n"
                       "account in Singapore. Please treat as URGENT.\r\n");
  EXPECT_NE(FindId(findings, FindingId::kPaymentChange), nullptr);
  EXPECT_NE(FindId(findings, FindingId::kPretext), nullptr);
  EXPECT_NE(FindId(findings, FindingId::kUrgency), nullptr);
  const Finding* change = FindId(findings, FindingId::kPaymentChange);
  ASSERT_NE(change, nullptr);
  EXPECT_GT(change->strength, 0.6);  // several payment-change phrases
}

TEST_F(ContentIntentShippedLexiconTest, JapaneseWrappedFullWidthText) {
  // Hard-wrapped ISO-2022-JP style text with full-width digits and punctuation.
  auto findings = Scan("【至急】お支払いについて",
                       "誠に恐れ入りますが、税務調査が完了するまで今回のお支払いを保留\r\n"
                       "していただけますでしょうか。新しいお振込先は、３月２５日までに\r\n"
                       "ご連絡いたします。本件は内密にお願いいたします。");
  EXPECT_NE(FindId(findings, FindingId::kPaymentHold), nullptr);
  EXPECT_NE(FindId(findings, FindingId::kPaymentChange), nullptr);
  EXPECT_NE(FindId(findings, FindingId::kPretext), nullptr);
  EXPECT_NE(FindId(findings, FindingId::kSecrecy), nullptr);
  const Finding* urgency = FindId(findings, FindingId::kUrgency);
  ASSERT_NE(urgency, nullptr);
  EXPECT_EQ(urgency->evidence.field, "subject");
}

TEST_F(ContentIntentShippedLexiconTest, OrdinaryInvoiceMailHasNoStrongIntent) {
  auto findings = Scan("Invoice 30-88172 - PO PA-2291",
                       "Hi Marcus,\r\n\r\nPlease find attached invoice 30-88172 for the June "
                       "services. Payment terms are net 30 to the account on file.\r\n\r\nThanks,"
                       "\r\nBrenda");
  for (FindingId id : {FindingId::kPaymentChange, FindingId::kPaymentHold,
                       FindingId::kPayrollChange, FindingId::kGiftCard, FindingId::kSecrecy}) {
    EXPECT_EQ(FindId(findings, id), nullptr) << FindingName(id);
  }
}

}  // namespace
}  // namespace becguard::detectors
