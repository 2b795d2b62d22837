#include "detectors/near_duplicate.h"

#include <gtest/gtest.h>

#include "learned_test_util.h"
#include "test_message.h"
#include "text/normalize.h"
#include "text/simhash.h"

namespace becguard::detectors {
namespace {

using testing::Addr;
using testing::Build;
using testing::Fingerprint;
using testing::MessageFrom;

constexpr char kVendor[] = "harriet.colwell@brackenridge-eng.co.uk";
constexpr char kVendorIban[] = "GB82WEST12345698765432";
constexpr char kNewIban[] = "GB29NWBK60161331926819";

constexpr std::string_view kReminder =
    "Dear Accounts Payable team, this is a friendly reminder that invoice INV-20931 dated 3 "
    "March for the quarterly maintenance of the packaging line at your Leeds site remains "
    "unpaid. The amount due is 18,450.00 GBP and the payment terms were thirty days from the "
    "invoice date. Please find the invoice attached again together with the signed service "
    "report. Kindly arrange the transfer to our account with Northgate Bank and quote the "
    "invoice number as the payment reference so that our finance team can allocate it quickly. "
    "If the payment has already been made, please disregard this reminder. Kind regards, "
    "Harriet Colwell, Credit Control, Brackenridge Engineering Ltd.";

std::uint64_t Hash(std::string_view text) { return text::SimHash(text::Normalize(text)); }

std::string Altered() {
  std::string s(kReminder);
  const std::string from = "our account with Northgate Bank";
  s.replace(s.find(from), from.size(), "our new account with Harbour Trust Bank");
  return s;
}

class NearDuplicateTest : public ::testing::Test {
 protected:
  NearDuplicateTest() {
    learned_.similar.push_back(
        Fingerprint("inv-20931@brackenridge-eng.co.uk", kVendor, Hash(kReminder), {kVendorIban}));
  }

  std::vector<Finding> Run(const ParsedMessage& m, std::uint64_t simhash,
                           std::vector<std::string> ibans = {}) const {
    MessageFeatures features;
    features.simhash = simhash;
    for (std::string& v : ibans) {
      features.payments.push_back(testing::Detail(payment::DetailKind::kIban, std::move(v)));
    }
    return world_.RunLearned(*detector_, m, &learned_, features);
  }

  testing::World world_;
  context::LearnedContext learned_ = testing::Learned();
  std::unique_ptr<Detector> detector_ = Build(CreateNearDuplicate(toml::table{}));
};

TEST_F(NearDuplicateTest, TheAlteredTextIsNearTheOriginal) {
  EXPECT_LE(text::HammingDistance(Hash(kReminder), Hash(Altered())), 10);
}

TEST_F(NearDuplicateTest, SameTextFromAnotherSenderIsFlagged) {
  const ParsedMessage m = MessageFrom(Addr("Harriet Colwell", "harriet@brackenrigde-eng.co.uk"));
  auto f = testing::Only(Run(m, Hash(Altered())));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, FindingId::kNearDuplicate);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_NE(f->evidence.detail.find("near duplicate of <inv-20931@brackenridge-eng.co.uk> from " +
                                    std::string(kVendor)),
            std::string::npos);
  EXPECT_NE(f->evidence.observed.find("harriet@brackenrigde-eng.co.uk"), std::string::npos);
}

TEST_F(NearDuplicateTest, SameSenderWithDifferentBankDetailsIsFlagged) {
  const ParsedMessage m = MessageFrom(Addr("Harriet Colwell", kVendor));
  auto f = testing::Only(Run(m, Hash(Altered()), {kNewIban}));
  ASSERT_TRUE(f);
  EXPECT_NE(f->evidence.detail.find("with different payment details"), std::string::npos);
  EXPECT_NE(f->evidence.expected.find(payment::MaskValue(kVendorIban)), std::string::npos);
}

TEST_F(NearDuplicateTest, SameCounterpartyResendingIsSilent) {
  const ParsedMessage m = MessageFrom(Addr("Harriet Colwell", kVendor));
  EXPECT_TRUE(Run(m, Hash(kReminder), {kVendorIban}).empty());  // same details
  EXPECT_TRUE(Run(m, Hash(kReminder)).empty());                 // none stated
  // A colleague at the vendor sending the same reminder.
  EXPECT_TRUE(Run(MessageFrom(Addr("accounts@brackenridge-eng.co.uk")), Hash(kReminder)).empty());
}

TEST_F(NearDuplicateTest, TheSameMessageSeenAgainIsSilent) {
  ParsedMessage m = MessageFrom(Addr("relay@other-host.example"));
  m.message_id = "inv-20931@brackenridge-eng.co.uk";
  EXPECT_TRUE(Run(m, Hash(kReminder)).empty());
}

TEST_F(NearDuplicateTest, UnrelatedNewsletterIsSilent) {
  const ParsedMessage m = MessageFrom(Addr("news@garden-weekly.example"));
  const std::uint64_t newsletter = Hash(
      "This week in the garden: the first frosts arrived early, so we moved the dahlias into the "
      "shed and planted garlic along the south fence. Readers asked about composting coffee "
      "grounds; the short answer is yes, in moderation, mixed with plenty of dry leaves.");
  EXPECT_TRUE(Run(m, newsletter).empty());
}

TEST_F(NearDuplicateTest, NoFingerprintOrNoStoreIsSilent) {
  const ParsedMessage m = MessageFrom(Addr("harriet@brackenrigde-eng.co.uk"));
  EXPECT_TRUE(Run(m, 0).empty());
  MessageFeatures features;
  features.simhash = Hash(kReminder);
  EXPECT_TRUE(world_.RunLearned(*detector_, m, nullptr, features).empty());
}

TEST_F(NearDuplicateTest, InternalForwardsAndBulkMailAreSilent) {
  EXPECT_TRUE(Run(MessageFrom(Addr("Imogen Tull", "imogen.tull@larkspurtech.com")), Hash(kReminder))
                  .empty());
  ParsedMessage bulk = MessageFrom(Addr("news@template-shop.example"));
  testing::AddHeader(bulk, "Precedence", "bulk");
  testing::AddHeader(bulk, "List-Unsubscribe", "<mailto:u@template-shop.example>");
  EXPECT_TRUE(Run(bulk, Hash(kReminder)).empty());
}

TEST_F(NearDuplicateTest, ReportsTheClosestCandidateOnce) {
  learned_.similar.push_back(
      Fingerprint("older@brackenridge-eng.co.uk", "ar@brackenridge-eng.co.uk", Hash(Altered())));
  const ParsedMessage m = MessageFrom(Addr("harriet@brackenrigde-eng.co.uk"));
  auto f = testing::Only(Run(m, Hash(Altered())));
  ASSERT_TRUE(f);
  EXPECT_NE(f->evidence.detail.find("<older@brackenridge-eng.co.uk>"), std::string::npos);
  EXPECT_NE(f->evidence.detail.find("(0 of 64 bits differ)"), std::string::npos);
}

TEST(NearDuplicateConfigTest, ParsesAndRejects) {
  EXPECT_FALSE(ParseNearDuplicateConfig(testing::ParseToml("colour = 1")));
  EXPECT_FALSE(ParseNearDuplicateConfig(testing::ParseToml("max_distance = 65")));
  EXPECT_FALSE(ParseNearDuplicateConfig(testing::ParseToml("max_distance = -1")));
  auto config = ParseNearDuplicateConfig(testing::ParseToml("max_distance = 6\nstrength = 0.8"));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->max_distance, 6);
  EXPECT_DOUBLE_EQ(config->strength, 0.8);
}

}  // namespace
}  // namespace becguard::detectors
