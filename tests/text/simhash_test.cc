#include "text/simhash.h"

#include <string>

#include <gtest/gtest.h>

#include "text/normalize.h"
#include "text/thread_subject.h"

namespace becguard::text {
namespace {

// About 150 words, the shape of a vendor's payment reminder.
constexpr std::string_view kReminder =
    "Dear Accounts Payable team, we hope this message finds you well. This is a friendly "
    "reminder that invoice INV-20931 dated 3 March for the quarterly maintenance of the "
    "packaging line at your Leeds site remains unpaid. The amount due is 18,450.00 GBP and the "
    "payment terms were thirty days from the invoice date. Please find the invoice attached "
    "again for your convenience together with the signed service report from our engineer. "
    "Kindly arrange the transfer to our usual account with Northgate Bank, sort code and "
    "account number as printed on the invoice, and quote the invoice number as the payment "
    "reference so that our finance team can allocate it quickly. If the payment has already "
    "been made, please disregard this reminder and accept our thanks. Should you have any "
    "questions about the charges or need a copy of the purchase order, do not hesitate to "
    "contact me directly on the number below. We appreciate your continued business and look "
    "forward to working with you on the next service visit scheduled for June. Kind regards, "
    "Harriet Colwell, Credit Control, Brackenridge Engineering Ltd.";

std::string ReplaceOnce(std::string_view text, std::string_view from, std::string_view to) {
  std::string out(text);
  const std::size_t at = out.find(from);
  EXPECT_NE(at, std::string::npos);
  if (at != std::string::npos) out.replace(at, from.size(), to);
  return out;
}

TEST(SimHashTest, IdenticalTextsHaveTheSameFingerprint) {
  const std::uint64_t a = SimHash(Normalize(kReminder));
  EXPECT_NE(a, 0u);
  EXPECT_EQ(a, SimHash(Normalize(kReminder)));
  // Normalisation differences (case, spacing) do not matter.
  EXPECT_EQ(a, SimHash(Normalize(std::string(kReminder) + "   ")));
}

TEST(SimHashTest, OneChangedSentenceMovesFewBits) {
  // The intercepted-invoice edit: the bank details in one sentence rewritten, the rest kept.
  const std::string changed = ReplaceOnce(
      kReminder, "our usual account with Northgate Bank, sort code and account number as printed",
      "our new account with Harbour Trust Bank, sort code 40-11-62 and account number 73310042 as "
      "printed");
  const int distance = HammingDistance(SimHash(Normalize(kReminder)), SimHash(Normalize(changed)));
  EXPECT_LE(distance, 10);
  EXPECT_GT(distance, 0);
}

TEST(SimHashTest, UnrelatedTextsAreFarApart) {
  const std::uint64_t invoice = SimHash(Normalize(kReminder));
  const std::uint64_t newsletter = SimHash(Normalize(
      "This week in the garden: the first frosts arrived early, so we moved the dahlias into "
      "the shed and planted garlic along the south fence. Readers asked about composting "
      "coffee grounds; the short answer is yes, in moderation, mixed with plenty of dry leaves. "
      "Next month we visit a community orchard that grafts heritage apple varieties and sells "
      "the cuttings at its winter fair. Subscribe to get the planting calendar as a printable "
      "poster, and send us photos of your autumn borders for the readers' gallery."));
  const std::uint64_t meeting = SimHash(Normalize(
      "Hi all, the project steering meeting moves to Thursday at ten in the large room on the "
      "third floor. Please bring the updated risk register and the draft budget for next year, "
      "and let me know by Wednesday evening if you cannot attend so we can dial you in."));
  EXPECT_GE(HammingDistance(invoice, newsletter), 20);
  EXPECT_GE(HammingDistance(invoice, meeting), 20);
  EXPECT_GE(HammingDistance(newsletter, meeting), 20);
}

TEST(SimHashTest, ShortTextsHaveNoFingerprint) {
  EXPECT_EQ(SimHash(""), 0u);
  EXPECT_EQ(SimHash("please pay the attached invoice today"), 0u);              // 6 words
  EXPECT_NE(SimHash("please pay the attached invoice today before noon"), 0u);  // 8 words
}

TEST(SimHashTest, JapaneseTextIsShingledByCharacter) {
  const std::string a = Normalize(
      "いつもお世話になっております。請求書番号1234のお支払いにつきまして、下記口座へのお振込みを"
      "お願いいたします。");
  const std::string b = Normalize(
      "いつもお世話になっております。請求書番号1234のお支払いにつきまして、新しい口座へのお振込みを"
      "お願いいたします。");
  const std::uint64_t ha = SimHash(a);
  ASSERT_NE(ha, 0u);
  EXPECT_LE(HammingDistance(ha, SimHash(b)), 12);
  EXPECT_GE(HammingDistance(ha, SimHash(Normalize(kReminder))), 20);
}

TEST(ThreadSubjectTest, StripsReplyAndForwardPrefixesInManyLanguages) {
  EXPECT_EQ(NormalizeThreadSubject("re: invoice 42"), "invoice 42");
  EXPECT_EQ(NormalizeThreadSubject("RE: Fwd: invoice 42"), "invoice 42");
  EXPECT_EQ(NormalizeThreadSubject("aw: wg: angebot"), "angebot");
  EXPECT_EQ(NormalizeThreadSubject("re[2]: invoice"), "invoice");
  EXPECT_EQ(NormalizeThreadSubject("re(3): invoice"), "invoice");
  EXPECT_EQ(NormalizeThreadSubject("tr : facture"), "facture");
  EXPECT_EQ(NormalizeThreadSubject(Normalize("ＲＥ：返信: 転送:請求書の件")), "請求書の件");
  EXPECT_EQ(NormalizeThreadSubject("[ap-circle] re: [ext] payment run"), "payment run");
  EXPECT_EQ(NormalizeThreadSubject("  invoice 42  "), "invoice 42");
}

TEST(ThreadSubjectTest, KeepsSubjectsThatOnlyLookLikePrefixes) {
  EXPECT_EQ(NormalizeThreadSubject("regarding: invoice"), "regarding: invoice");
  EXPECT_EQ(NormalizeThreadSubject("review of q3"), "review of q3");
  EXPECT_EQ(NormalizeThreadSubject("[urgent]"), "[urgent]");
  EXPECT_EQ(NormalizeThreadSubject("re"), "re");
}

TEST(ThreadSubjectTest, RecognisesReplySubjects) {
  EXPECT_TRUE(IsReplySubject("re: invoice"));
  EXPECT_TRUE(IsReplySubject("[list] fw: invoice"));
  EXPECT_TRUE(IsReplySubject(Normalize("返信：お見積り")));
  EXPECT_TRUE(IsReplySubject("re[2]: invoice"));
  EXPECT_FALSE(IsReplySubject("invoice re: march"));
  EXPECT_FALSE(IsReplySubject("[list] invoice"));
  EXPECT_FALSE(IsReplySubject("remittance advice"));
  EXPECT_FALSE(IsReplySubject(""));
}

}  // namespace
}  // namespace becguard::text
