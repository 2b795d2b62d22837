#include "payment/payment_details.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace becguard::payment {
namespace {

std::vector<PaymentDetail> OfKind(const std::vector<PaymentDetail>& all, DetailKind kind) {
  std::vector<PaymentDetail> out;
  for (const PaymentDetail& d : all) {
    if (d.kind == kind) out.push_back(d);
  }
  return out;
}

TEST(IbanTest, ValidChecksumsInSeveralCountries) {
  EXPECT_TRUE(IsValidIban("DE89 3704 0044 0532 0130 00"));
  EXPECT_TRUE(IsValidIban("GB33BUKB20201555555555"));
  EXPECT_TRUE(IsValidIban("GB82 WEST 1234 5698 7654 32"));
  EXPECT_TRUE(IsValidIban("FR1420041010050500013M02606"));
  EXPECT_TRUE(IsValidIban("CH9300762011623852957"));
  EXPECT_TRUE(IsValidIban("NL91ABNA0417164300"));
  EXPECT_TRUE(IsValidIban("AE070331234567890123456"));
  EXPECT_TRUE(IsValidIban("SA0380000000608010167519"));
  EXPECT_TRUE(IsValidIban("TR330006100519786457841326"));
  EXPECT_TRUE(IsValidIban("be68539007547034"));
}

TEST(IbanTest, InvalidChecksumsAndLengthsRejected) {
  EXPECT_FALSE(IsValidIban("DE89 3704 0044 0532 0130 01"));  // one digit changed
  EXPECT_FALSE(IsValidIban("GB34BUKB20201555555555"));       // check digits changed
  EXPECT_FALSE(IsValidIban("DE89370400440532013"));          // too short for DE
  EXPECT_FALSE(IsValidIban("XX89370400440532013000"));       // no such country
  EXPECT_FALSE(IsValidIban("CH93007620116238529570"));       // too long for CH
  EXPECT_FALSE(IsValidIban(""));
}

TEST(IbanTest, ExtractedCanonicalFromText) {
  const auto d = ExtractPaymentDetails(
      "Please pay to IBAN: GB33 BUKB 2020 1555 5555 55, and also FR14 2004 1010 0505 0001 3M02 "
      "606.\nWrong one: DE89 3704 0044 0532 0130 01",
      "body");
  const auto ibans = OfKind(d, DetailKind::kIban);
  ASSERT_EQ(ibans.size(), 2u);
  EXPECT_EQ(ibans[0].value, "GB33BUKB20201555555555");
  EXPECT_EQ(ibans[1].value, "FR1420041010050500013M02606");
  EXPECT_EQ(ibans[0].source, "body");
}

TEST(IbanTest, NoisyPdfTextAcrossLineBreak) {
  const auto d = ExtractPaymentDetails(
      "Bank  details\n IBAN:   DE89 3704 0044\n0532 0130 00  \nBIC: COBADEFFXXX\n", "inv.pdf");
  const auto ibans = OfKind(d, DetailKind::kIban);
  ASSERT_EQ(ibans.size(), 1u);
  EXPECT_EQ(ibans[0].value, "DE89370400440532013000");
  EXPECT_EQ(ibans[0].source, "inv.pdf");
}

TEST(IbanTest, FullWidthIban) {
  const auto d = ExtractPaymentDetails(
      "ＩＢＡＮ：ＤＥ８９　３７０４　００４４　０５３２　０１３０　００", "b");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].value, "DE89370400440532013000");
}

TEST(BicTest, LabelledBicFound) {
  const auto d = ExtractPaymentDetails("SWIFT/BIC: DEUTDEFF500\nSWIFTコード：BOTKJPJT", "b");
  const auto bics = OfKind(d, DetailKind::kSwiftBic);
  ASSERT_EQ(bics.size(), 2u);
  EXPECT_EQ(bics[0].value, "DEUTDEFF500");
  EXPECT_EQ(bics[1].value, "BOTKJPJT");
}

TEST(BicTest, UnlabelledOrInvalidCountryIgnored) {
  EXPECT_TRUE(
      OfKind(ExtractPaymentDetails("PLEASE CONTACT DEUTDEFF TODAY", "b"), DetailKind::kSwiftBic)
          .empty());
  // "QQ" is no ISO country.
  EXPECT_TRUE(OfKind(ExtractPaymentDetails("BIC: ABCDQQ22", "b"), DetailKind::kSwiftBic).empty());
}

TEST(AbaTest, Checksum) {
  EXPECT_TRUE(IsValidAbaRouting("021000021"));
  EXPECT_TRUE(IsValidAbaRouting("011000015"));
  EXPECT_FALSE(IsValidAbaRouting("021000022"));
  EXPECT_FALSE(IsValidAbaRouting("000000000"));
  EXPECT_FALSE(IsValidAbaRouting("02100002"));
  EXPECT_FALSE(IsValidAbaRouting("02100002a"));
}

TEST(AbaTest, RoutingPairedWithAccount) {
  const auto d = ExtractPaymentDetails(
      "Wire instructions\nBank: Chase\nABA Routing Number: 021000021\nAccount Number: "
      "483920175\nAccount Name: Acme Supplies LLC\n",
      "body");
  const auto us = OfKind(d, DetailKind::kUsRoutingAccount);
  ASSERT_EQ(us.size(), 1u);
  EXPECT_EQ(us[0].value, "021000021:483920175");
  EXPECT_EQ(us[0].holder, "Acme Supplies LLC");
  EXPECT_EQ(us[0].bank_name, "Chase");
  // The account belongs to the routing detail; no separate generic account number.
  EXPECT_TRUE(OfKind(d, DetailKind::kAccountNumber).empty());
}

TEST(AbaTest, BadChecksumNotADetail) {
  const auto d =
      ExtractPaymentDetails("Routing number: 021000022\nAccount number: 483920175\n", "body");
  EXPECT_TRUE(OfKind(d, DetailKind::kUsRoutingAccount).empty());
  // The account number on its own is still learned.
  const auto acct = OfKind(d, DetailKind::kAccountNumber);
  ASSERT_EQ(acct.size(), 1u);
  EXPECT_EQ(acct[0].value, "483920175");
}

TEST(UkTest, SortCodeAndAccount) {
  const auto d = ExtractPaymentDetails(
      "Please update our details.\nSort code: 20-00-00\nAccount number: 55779911\nBeneficiary: "
      "Northwind Ltd",
      "body");
  const auto uk = OfKind(d, DetailKind::kUkSortCodeAccount);
  ASSERT_EQ(uk.size(), 1u);
  EXPECT_EQ(uk[0].value, "200000:55779911");
  EXPECT_EQ(uk[0].holder, "Northwind Ltd");
  EXPECT_TRUE(OfKind(d, DetailKind::kAccountNumber).empty());
}

TEST(UkTest, SortCodeFollowedByAccountOnSameLine) {
  const auto d = ExtractPaymentDetails("Sort code 20-00-00 Account 55779911", "b");
  const auto uk = OfKind(d, DetailKind::kUkSortCodeAccount);
  ASSERT_EQ(uk.size(), 1u);
  EXPECT_EQ(uk[0].value, "200000:55779911");
}

TEST(UkTest, SortCodeUnlabelledAccountOnSameLine) {
  const auto d = ExtractPaymentDetails("Sort Code 40 47 84, 70872490", "b");
  const auto uk = OfKind(d, DetailKind::kUkSortCodeAccount);
  ASSERT_EQ(uk.size(), 1u);
  EXPECT_EQ(uk[0].value, "404784:70872490");
}

TEST(JapanTest, LabelledBlockWithFullWidthDigits) {
  const auto d = ExtractPaymentDetails(
      "お振込先は下記の通りです。\n銀行名：八雲銀行\n支店名：本町支店\n預金種目：普通預金\n"
      "口座番号：１２３４５６７\n口座名義：カ）ヤクモセイコウ\n",
      "body");
  const auto jp = OfKind(d, DetailKind::kJapanBankAccount);
  ASSERT_EQ(jp.size(), 1u);
  EXPECT_EQ(jp[0].value, "八雲銀行|本町支店|普通|1234567");
  EXPECT_EQ(jp[0].bank_name, "八雲銀行");
  EXPECT_EQ(jp[0].holder, "カ)ヤクモセイコウ");
  EXPECT_TRUE(OfKind(d, DetailKind::kAccountNumber).empty());
}

TEST(JapanTest, OneLineForm) {
  const auto d =
      ExtractPaymentDetails("振込先：八雲銀行 本町支店 普通 7654321 カ）ヤクモセイコウ\n", "body");
  const auto jp = OfKind(d, DetailKind::kJapanBankAccount);
  ASSERT_EQ(jp.size(), 1u);
  EXPECT_EQ(jp[0].value, "八雲銀行|本町支店|普通|7654321");
  EXPECT_EQ(jp[0].holder, "カ)ヤクモセイコウ");
}

TEST(JapanTest, BankAndBranchWithoutSpacesAndBranchNumber) {
  const auto d = ExtractPaymentDetails(
      "【お振込先】みずほ銀行渋谷支店（支店番号２１０）当座 0012345 名義：ｶﾌﾞｼｷｶﾞｲｼｬ ﾐﾅﾄ", "b");
  const auto jp = OfKind(d, DetailKind::kJapanBankAccount);
  ASSERT_EQ(jp.size(), 1u);
  EXPECT_EQ(jp[0].value, "みずほ銀行|渋谷支店|当座|0012345");
  EXPECT_EQ(jp[0].holder, "カブシキガイシャ ミナト");
}

TEST(JapanTest, BranchNumberWhenNoBranchName) {
  const auto d = ExtractPaymentDetails(
      "金融機関：さくら信用金庫\n支店番号：123\n普通預金　口座番号：9876543", "b");
  const auto jp = OfKind(d, DetailKind::kJapanBankAccount);
  ASSERT_EQ(jp.size(), 1u);
  EXPECT_EQ(jp[0].value, "さくら信用金庫|123|普通|9876543");
}

TEST(JapanTest, ShortFieldNamesBlock) {
  const auto d = ExtractPaymentDetails(
      "下記口座へお振込みください。\n  銀行名：みどりネット銀行\n  支店名：さくら支店（508）\n"
      "  種別　：普通\n  番号　：6630291\n  名義　：ミツミネカセイ（カ\n",
      "b");
  const auto jp = OfKind(d, DetailKind::kJapanBankAccount);
  ASSERT_EQ(jp.size(), 1u);
  EXPECT_EQ(jp[0].value, "みどりネット銀行|さくら支店|普通|6630291");
  EXPECT_EQ(jp[0].holder, "ミツミネカセイ(カ");
}

TEST(JapanTest, OneLineFormFollowedByProseHasNoHolder) {
  const auto d =
      ExtractPaymentDetails("振込先は従来どおり、北辰銀行 仙台支店 普通 2201934 です。", "b");
  const auto jp = OfKind(d, DetailKind::kJapanBankAccount);
  ASSERT_EQ(jp.size(), 1u);
  EXPECT_EQ(jp[0].value, "北辰銀行|仙台支店|普通|2201934");
  EXPECT_EQ(jp[0].holder, "");
}

TEST(JapanTest, OrderNumberNearBankIsNotAnAccount) {
  const auto d =
      ExtractPaymentDetails("東都銀行 品川支店の口座へお振込みの予定です。注文番号 12345678", "b");
  EXPECT_TRUE(d.empty()) << d[0].value;
}

TEST(JapanTest, AccountNumberAloneIsGeneric) {
  const auto d = ExtractPaymentDetails("口座番号：12345678 に変更となりました。", "b");
  EXPECT_TRUE(OfKind(d, DetailKind::kJapanBankAccount).empty());
  const auto acct = OfKind(d, DetailKind::kAccountNumber);
  ASSERT_EQ(acct.size(), 1u);
  EXPECT_EQ(acct[0].value, "12345678");
}

TEST(JapanTest, OrdinaryJapaneseProseHasNoDetail) {
  const auto d = ExtractPaymentDetails(
      "普通は3営業日以内に発送します。銀行振込の場合、請求書番号 2024-000123 をご記入ください。"
      "お問い合わせ：03-1234-5678（平日9:00〜18:00）〒100-0001",
      "b");
  EXPECT_TRUE(d.empty()) << DetailKindName(d[0].kind) << " " << d[0].value;
}

TEST(GenericTest, AccountNumberPhrasings) {
  const auto d = ExtractPaymentDetails(
      "New account number: 1234 5678 9012\nAcct. No. 0099-887766\nA/C no: 44556677", "b");
  const auto acct = OfKind(d, DetailKind::kAccountNumber);
  ASSERT_EQ(acct.size(), 3u);
  EXPECT_EQ(acct[0].value, "123456789012");
  EXPECT_EQ(acct[1].value, "0099887766");
  EXPECT_EQ(acct[2].value, "44556677");
}

TEST(GenericTest, ShortOrUnlabelledNumbersIgnored) {
  const auto d = ExtractPaymentDetails("Account number: 12345 (too short). Order 12345678.", "b");
  EXPECT_TRUE(d.empty());
  EXPECT_TRUE(ExtractPaymentDetails(
                  "For questions about your account number, call 0120-123-456 any time.", "b")
                  .empty());
  EXPECT_TRUE(ExtractPaymentDetails("Sort code: see invoice 2024-000123", "b").empty());
}

TEST(NegativeTest, OrdinaryBusinessTextWithNumbers) {
  const auto d = ExtractPaymentDetails(
      "Hi Tom,\nInvoice INV-2024-0042 for 12,450.00 EUR is due on 2024-03-31.\nCall me on +44 20 "
      "7946 0958 or +1 (212) 555-0100. Our office: 350 Fifth Avenue, New York, NY 10118.\n"
      "PO number 4500012345, customer ID 021000021. Tracking 1Z999AA10123456784.\nThe account "
      "manager will reach out. Routing of the shipment via Rotterdam.\nDE is our market; "
      "GB too. SWIFT payments accepted.\n",
      "body");
  EXPECT_TRUE(d.empty()) << DetailKindName(d[0].kind) << " " << d[0].value;
}

TEST(DedupTest, SameIbanTwiceReportedOnce) {
  const auto d = ExtractPaymentDetails(
      "IBAN GB33BUKB20201555555555 ... again GB33 BUKB 2020 1555 5555 55", "b");
  ASSERT_EQ(d.size(), 1u);
}

TEST(MaskTest, KeepsLastFourAndSeparators) {
  EXPECT_EQ(MaskValue("GB33BUKB20201555555555"), "******************5555");
  EXPECT_EQ(MaskValue("021000021:483920175"), "*********:*****0175");
  EXPECT_EQ(MaskValue("八雲銀行|本町支店|普通|1234567"), "****|****|**|***4567");
  EXPECT_EQ(MaskValue("123"), "123");
}

TEST(KindNameTest, Names) {
  EXPECT_EQ(DetailKindName(DetailKind::kIban), "iban");
  EXPECT_EQ(DetailKindName(DetailKind::kSwiftBic), "swift_bic");
  EXPECT_EQ(DetailKindName(DetailKind::kJapanBankAccount), "japan_bank_account");
}

// Not a timing assertion: prints the per-call cost on a ~5 KB message for the report.
TEST(SpeedTest, FiveKilobyteMessage) {
  std::string text;
  while (text.size() < 5000) {
    text +=
        "Dear customer, please find attached invoice INV-2024-0042 dated 2024-03-31. Amount due "
        "12,450.00 EUR. 請求書を添付いたします。お振込期限は3月末日です。Tel 03-1234-5678.\n";
  }
  text += "IBAN: DE89 3704 0044 0532 0130 00 BIC: COBADEFFXXX\n";
  const int kRuns = 200;
  std::size_t total = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kRuns; ++i) total += ExtractPaymentDetails(text, "body").size();
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count() /
                  kRuns;
  EXPECT_EQ(total, 2u * kRuns);
  std::printf("ExtractPaymentDetails on %zu bytes: %lld us/call\n", text.size(),
              static_cast<long long>(us));
}

}  // namespace
}  // namespace becguard::payment
