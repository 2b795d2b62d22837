// The shipped lexicons (data/lexicons/en.txt, ja.txt): BEC phrasing must hit its intent, and
// ordinary business phrasing with the same vocabulary must not hit the strong intents.
// Inputs are written as text::Normalize would leave them (lower case, single spaces, ASCII
// punctuation from NFKC).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "patterns/lexicon.h"

namespace becguard::patterns {
namespace {

struct Case {
  Intent intent;
  const char* text;
};

class ShippedLexiconTest : public ::testing::Test {
 protected:
  // Compiling the full lexicon takes a moment; do it once for the suite.
  static void SetUpTestSuite() {
    auto loaded = Lexicon::LoadDir(std::string(BECGUARD_TEST_DATA_DIR) + "/lexicons");
    ASSERT_TRUE(loaded.has_value()) << loaded.error().ToString();
    lexicon_ = new Lexicon(std::move(*loaded));
  }
  static void TearDownTestSuite() {
    delete lexicon_;
    lexicon_ = nullptr;
  }

  static std::string Describe(const IntentHits& hits) {
    std::string out;
    for (const IntentHit& hit : hits.hits()) {
      out +=
          std::string(IntentName(hit.intent)) + "/" + hit.pattern_name + " [" + hit.excerpt + "]; ";
    }
    return out;
  }

  static Lexicon* lexicon_;
};

Lexicon* ShippedLexiconTest::lexicon_ = nullptr;

TEST_F(ShippedLexiconTest, EnglishBecPhrasingHitsItsIntent) {
  const std::vector<Case> cases = {
      {Intent::kPaymentChange, "kindly update your records with our new banking details below."},
      {Intent::kPaymentChange, "please note the change of bank details effective this month"},
      {Intent::kPaymentChange, "our bank account is currently under audit, so"},
      {Intent::kPaymentChange, "please make the payment to our subsidiary account in singapore"},
      {Intent::kPaymentChange, "kindly remit the balance to our malaysian subsidiary instead."},
      {Intent::kPaymentChange, "the invoice sent earlier showed an incorrect iban."},
      {Intent::kPaymentChange, "our usual account will no longer be used for receipts"},
      {Intent::kPaymentChange, "we have recently changed banks."},
      {Intent::kPaymentChange, "please update your vendor master file accordingly."},
      {Intent::kPaymentChange, "our remittance details were recently updated (see below)."},
      {Intent::kPaymentChange, "please find attached our new bank mandate letter"},
      {Intent::kPaymentChange, "pay to the account below, not the one on the invoice"},
      {Intent::kPayrollChange, "i would like to update my direct deposit before the next payroll."},
      {Intent::kPayrollChange, "could you change my salary account for this month"},
      {Intent::kPaymentHold, "please hold the payment for invoice 4471 until further notice."},
      {Intent::kPaymentHold, "do not remit to the old account in the meantime."},
      {Intent::kPaymentHold, "could you pay earlier than the due date this time?"},
      {Intent::kPaymentHold, "we need to bring the payment date forward to friday"},
      {Intent::kPaymentHold,
       "please settle the open balance by monday, june 9, instead of june 30."},
      {Intent::kWireTransfer, "i need a wire of $48,000 sent to the vendor"},
      {Intent::kWireTransfer, "can you process a same-day wire for me"},
      {Intent::kWireTransfer, "i need you to wire 48,500 eur to the new supplier account"},
      {Intent::kWireTransfer, "transfer $12,400 into the account below"},
      {Intent::kWireTransfer, "the deposit goes into our client escrow account"},
      {Intent::kUrgency, "this is urgent, please treat it as a priority"},
      {Intent::kUrgency, "i need it done by end of day"},
      {Intent::kUrgency, "please release it before 2pm today"},
      {Intent::kSecrecy, "keep this strictly between us for now"},
      {Intent::kSecrecy, "please do not discuss this with anyone in the office"},
      {Intent::kSecrecy, "this is a strictly confidential matter"},
      {Intent::kSecrecy, "must not be discussed with anyone internally"},
      {Intent::kGiftCard, "please buy six itunes cards and scratch off the back"},
      {Intent::kGiftCard, "send me pictures of the codes once you have them"},
      {Intent::kGiftCard, "pick up 5 google play gift cards on your way"},
      {Intent::kAcquisition, "we are finalising the acquisition of a supplier"},
      {Intent::kAcquisition, "the merger is not public yet"},
      {Intent::kLegalCounsel, "you will be contacted by our external counsel"},
      {Intent::kLegalCounsel, "our attorney will call you shortly"},
      {Intent::kAvailability, "are you available?"},
      {Intent::kAvailability, "are you at your desk? i need you to handle something"},
      {Intent::kAvailability, "i'm in a meeting and can't take calls"},
      {Intent::kAvailability, "reply only to this email"},
      {Intent::kAvailability, "do you have a moment for a quick favor"},
      {Intent::kAvailability, "send me your cell number please"},
      {Intent::kPretext, "due to the covid-19 lockdown our office is closed"},
      {Intent::kPretext, "our bank is experiencing a technical issue with incoming transfers"},
      {Intent::kPretext, "our office line is down during the audit"},
  };
  for (const Case& c : cases) {
    IntentHits hits = lexicon_->Scan("", c.text);
    EXPECT_TRUE(hits.Has(c.intent)) << IntentName(c.intent) << " missed: " << c.text;
  }
}

TEST_F(ShippedLexiconTest, JapaneseBecPhrasingHitsItsIntent) {
  const std::vector<Case> cases = {
      {Intent::kPaymentChange, "【重要】振込先口座変更のお知らせ"},
      {Intent::kPaymentChange, "今回のお振込先を下記口座へ変更させていただきます。"},
      {Intent::kPaymentChange, "弊社の銀行口座が監査中のため、子会社の口座へお振込みください"},
      {Intent::kPaymentChange, "新しい口座へのお振込みをお願いいたします"},
      {Intent::kPaymentChange, "変更後のお振込先をお送りいたします"},
      {Intent::kPaymentChange, "振込先の記載に誤りがございました"},
      {Intent::kPaymentChange, "弊社の振込先口座が変更となっております"},
      {Intent::kPayrollChange, "給与振込口座を変更したく、ご連絡いたしました"},
      {Intent::kPaymentHold, "調査が完了するまで今回のお支払いを保留していただけますでしょうか"},
      {Intent::kPaymentHold, "お支払いを7月15日までに前倒しいただくことは可能でしょうか"},
      {Intent::kWireTransfer, "本日中に下記口座へ送金をお願いします"},
      {Intent::kUrgency, "至急ご対応をお願いします"},
      {Intent::kSecrecy, "本件は内密に進めております"},
      {Intent::kSecrecy, "社内の他の方には共有せず、このメールにのみご返信ください"},
      {Intent::kGiftCard, "amazonギフトカードを4枚購入してください"},
      {Intent::kGiftCard, "カード裏面の番号を削って写真を撮って送ってください"},
      {Intent::kAcquisition, "金融合併と買収につきまして"},
      {Intent::kLegalCounsel, "法律事務所の弁護士からご連絡が入ります"},
      {Intent::kAvailability, "今、お手すきでしょうか。"},
      {Intent::kAvailability, "今メール大丈夫ですか"},
      {Intent::kAvailability, "会議中のため電話に出られません"},
      {Intent::kAvailability, "lineグループを作成してqrコードを送ってください"},
      {Intent::kPretext, "現在、弊社に税務調査が入っており"},
      {Intent::kPretext, "新型コロナの影響で"},
  };
  for (const Case& c : cases) {
    IntentHits hits = lexicon_->Scan("", c.text);
    EXPECT_TRUE(hits.Has(c.intent)) << IntentName(c.intent) << " missed: " << c.text;
  }
}

// A hard-wrapped Japanese mail becomes one line with a space where the line broke.
TEST_F(ShippedLexiconTest, JapaneseLineBreakSpacesDoNotHidePhrases) {
  EXPECT_TRUE(lexicon_->Scan("", "お振込先 口座を変更いたしました").Has(Intent::kPaymentChange));
  EXPECT_TRUE(lexicon_->Scan("", "お支払いを 保留してください").Has(Intent::kPaymentHold));
}

// Ordinary business mail with the same vocabulary: none of the strong intents.
TEST_F(ShippedLexiconTest, OrdinaryBusinessMailStaysQuiet) {
  const std::vector<std::string> texts = {
      "please find attached our invoice 30-88172. payment terms are net 30 to the account on file.",
      "we received your payment today, thank you.",
      "the new account manager for your region is sam.",
      "can you send me the updated forecast before the board meeting?",
      "i opened a new account with enrononline for the trading desk.",
      "please hold the meeting room for tuesday.",
      "our bank holiday schedule is attached.",
      "direct questions to the payroll team.",
      "he gave me a gift for my birthday.",
      "the accountant will review the statement.",
      "please transfer 3 files to the shared drive.",
      "we will transfer 500 employees to the new entity in june.",
      "are you free for a quick call at 3 about the q2 forecast?",
      "please reply to this email with your availability.",
      "experiencing technical problems? view this email online.",
      "there was a problem with the online identity service",
      "いつもお世話になっております。請求書をお送りいたします。",
      "下記口座へお振込みくださいますようお願い申し上げます。",
      "お振込先に変更はございません。",
      "お急ぎのご用件は営業部までご連絡ください。",
      "お振込み手数料は貴社にてご負担ください。",
  };
  const std::vector<Intent> strong = {Intent::kPaymentChange, Intent::kPaymentHold,
                                      Intent::kPayrollChange, Intent::kGiftCard,
                                      Intent::kSecrecy,       Intent::kAvailability};
  for (const std::string& text : texts) {
    IntentHits hits = lexicon_->Scan("", text);
    for (Intent intent : strong) {
      EXPECT_FALSE(hits.Has(intent))
          << IntentName(intent) << " on: " << text << " -> " << Describe(hits);
    }
  }
}

// An amount is what makes "transfer ... to" a wire request; files and staff are not.
TEST_F(ShippedLexiconTest, TransferWithoutAnAmountIsNoWire) {
  for (const char* text : {"please transfer 3 files to the shared drive.",
                           "we will transfer 500 employees to the new entity in june."}) {
    EXPECT_FALSE(lexicon_->Scan("", text).Has(Intent::kWireTransfer)) << text;
  }
}

TEST_F(ShippedLexiconTest, ContextIntents) {
  EXPECT_TRUE(lexicon_->Scan("invoice 4471", "").Has(Intent::kFinancialContext));
  EXPECT_TRUE(lexicon_->Scan("", "請求書送付のご案内").Has(Intent::kFinancialContext));
  EXPECT_TRUE(lexicon_->Scan("", "margaret okafor ceo").Has(Intent::kExecutiveContext));
  EXPECT_TRUE(lexicon_->Scan("", "代表取締役 高橋").Has(Intent::kExecutiveContext));
  EXPECT_TRUE(lexicon_->Scan("", "to unsubscribe click here").Has(Intent::kMarketingContext));
  EXPECT_TRUE(lexicon_->Scan("", "配信停止はこちら").Has(Intent::kMarketingContext));
  EXPECT_TRUE(lexicon_->Scan("automatic reply: away", "").Has(Intent::kAutoReplyContext));
  EXPECT_TRUE(lexicon_->Scan("", "不在にしております").Has(Intent::kAutoReplyContext));
}

TEST_F(ShippedLexiconTest, WordEdgesAreRespected) {
  // "urgent" inside "insurgent", "tob" inside "october", "line id" inside "online identity".
  EXPECT_FALSE(lexicon_->Scan("", "the insurgents were defeated").Has(Intent::kUrgency));
  EXPECT_FALSE(lexicon_->Scan("", "the october briefing").Has(Intent::kAcquisition));
  EXPECT_FALSE(lexicon_->Scan("", "an online identity").Has(Intent::kAvailability));
  EXPECT_TRUE(lexicon_->Scan("", "(urgent) please").Has(Intent::kUrgency));
  EXPECT_TRUE(lexicon_->Scan("", "\"urgent\"").Has(Intent::kUrgency));
}

}  // namespace
}  // namespace becguard::patterns
