#include "detectors/payment_changed.h"

#include <gtest/gtest.h>

#include "learned_test_util.h"
#include "test_message.h"

namespace becguard::detectors {
namespace {

using payment::DetailKind;
using testing::Addr;
using testing::Build;
using testing::Detail;
using testing::Known;
using testing::MessageFrom;

constexpr char kVendorIban[] = "GB82WEST12345698765432";
constexpr char kNewIban[] = "GB29NWBK60161331926819";

class PaymentChangedTest : public ::testing::Test {
 protected:
  PaymentChangedTest() {
    learned_.payments.push_back(
        Known("harriet.colwell@brackenridge-eng.co.uk", DetailKind::kIban, kVendorIban, 3));
    // A counterparty that pays out of two accounts in turn.
    learned_.payments.push_back(
        Known("ar@kilnworks.example", DetailKind::kIban, "DE89370400440532013000", 4));
    learned_.payments.push_back(
        Known("ar@kilnworks.example", DetailKind::kIban, "FR1420041010050500013M02606", 2));
    learned_.payments.push_back(
        Known("greta.lindqvist@oberhaus-chemie.de", DetailKind::kIban, "DE44500105175407324931"));
    learned_.payments.push_back(
        Known("ap@larkspurtech.com", DetailKind::kIban, "GB33BUKB20201555555555"));
  }

  std::vector<Finding> Run(const ParsedMessage& m,
                           std::vector<payment::PaymentDetail> payments) const {
    MessageFeatures features;
    features.payments = std::move(payments);
    return world_.RunLearned(*detector_, m, &learned_, features);
  }

  testing::World world_;
  context::LearnedContext learned_ = testing::Learned();
  std::unique_ptr<Detector> detector_ = Build(CreatePaymentChanged(toml::table{}));
};

TEST_F(PaymentChangedTest, NewIbanFromTheVendorIsFlaggedWithOldAndNewMasked) {
  const ParsedMessage m =
      MessageFrom(Addr("Harriet Colwell", "harriet.colwell@brackenridge-eng.co.uk"));
  auto f = testing::Only(Run(m, {Detail(DetailKind::kIban, kNewIban, "INV-20931.pdf")}));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, FindingId::kPaymentChanged);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_EQ(f->evidence.field, "attachment INV-20931.pdf");
  EXPECT_EQ(f->evidence.observed, payment::MaskValue(kNewIban));
  EXPECT_EQ(f->evidence.expected, payment::MaskValue(kVendorIban));
  EXPECT_EQ(f->evidence.observed.find("NWBK"), std::string::npos);  // masked
  const std::string want =
      "old: " + payment::MaskValue(kVendorIban) +
      " (seen 3 times since 2025-01-02, on file) new: " + payment::MaskValue(kNewIban);
  EXPECT_NE(f->evidence.detail.find(want), std::string::npos) << f->evidence.detail;
  EXPECT_NE(f->evidence.detail.find("brackenridge-eng.co.uk"), std::string::npos);
}

// context/trust.h: an account only unvouched mail showed is no account on file.
TEST_F(PaymentChangedTest, AnUnvouchedAccountIsStillAChangeFromTheOneOnFile) {
  learned_.payments.push_back(
      Known("harriet.colwell@brackenridge-eng.co.uk", DetailKind::kIban, kNewIban, 3, false));
  const ParsedMessage m =
      MessageFrom(Addr("Harriet Colwell", "harriet.colwell@brackenridge-eng.co.uk"));
  auto f = testing::Only(Run(m, {Detail(DetailKind::kIban, kNewIban)}));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence.expected, payment::MaskValue(kVendorIban));
  EXPECT_NE(f->evidence.detail.find("appeared before only in mail nobody confirmed"),
            std::string::npos)
      << f->evidence.detail;
}

TEST_F(PaymentChangedTest, AnUnvouchedOnlyAccountHasNothingToCompareWith) {
  learned_.payments.push_back(
      Known("billing@fresh-supplier.example", DetailKind::kIban, kNewIban, 1, false));
  const ParsedMessage m = MessageFrom(Addr("Billing", "billing@fresh-supplier.example"));
  EXPECT_TRUE(Run(m, {Detail(DetailKind::kIban, kNewIban)}).empty());
}

TEST_F(PaymentChangedTest, KnownValueIsSilent) {
  const ParsedMessage m = MessageFrom(Addr("accounts@brackenridge-eng.co.uk"));
  EXPECT_TRUE(Run(m, {Detail(DetailKind::kIban, kVendorIban)}).empty());
}

TEST_F(PaymentChangedTest, CounterpartyWithoutPaymentHistoryIsSilent) {
  const ParsedMessage m = MessageFrom(Addr("billing@fresh-supplier.example"));
  EXPECT_TRUE(Run(m, {Detail(DetailKind::kIban, kNewIban)}).empty());
  // Known payments of another kind say nothing about this one.
  const ParsedMessage v = MessageFrom(Addr("harriet.colwell@brackenridge-eng.co.uk"));
  EXPECT_TRUE(Run(v, {Detail(DetailKind::kSwiftBic, "NWBKGB2L")}).empty());
}

TEST_F(PaymentChangedTest, RotatingCounterpartyIsWeakerAndItsKnownAccountsAreSilent) {
  const ParsedMessage m = MessageFrom(Addr("ar@kilnworks.example"));
  EXPECT_TRUE(Run(m, {Detail(DetailKind::kIban, "FR1420041010050500013M02606")}).empty());
  EXPECT_TRUE(Run(m, {Detail(DetailKind::kIban, "DE89370400440532013000")}).empty());
  auto f = testing::Only(Run(m, {Detail(DetailKind::kIban, kNewIban)}));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.6);
  // Most used first.
  EXPECT_LT(f->evidence.detail.find("(seen 4 times"), f->evidence.detail.find("(seen 2 times"));
}

TEST_F(PaymentChangedTest, LookalikeReplyIntoTheVendorsThreadIsComparedWithTheVendor) {
  learned_.thread =
      testing::Thread("invoice inv-20931",
                      {"harriet.colwell@brackenridge-eng.co.uk", "imogen.tull@larkspurtech.com"},
                      {"Harriet Colwell", "Imogen Tull"});
  const ParsedMessage m = MessageFrom(Addr("Harriet Colwell", "harriet@brackenrigde-eng.co.uk"));
  auto f = testing::Only(Run(m, {Detail(DetailKind::kIban, kNewIban)}));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_NE(f->evidence.detail.find("of brackenridge-eng.co.uk changed"), std::string::npos);
  // The vendor's real account in such a reply is fine.
  EXPECT_TRUE(Run(m, {Detail(DetailKind::kIban, kVendorIban)}).empty());
}

TEST_F(PaymentChangedTest, PartnerNameOnFreemailIsComparedWithThePartner) {
  const ParsedMessage m = MessageFrom(Addr("Greta Lindqvist", "greta.lindqvist.de@gmail.com"));
  auto f = testing::Only(Run(m, {Detail(DetailKind::kIban, kNewIban)}));
  ASSERT_TRUE(f);
  EXPECT_NE(f->evidence.detail.find("oberhaus-chemie.de"), std::string::npos);
}

TEST_F(PaymentChangedTest, OurOwnDetailsInAVendorThreadAreNotComparedWithTheVendor) {
  learned_.thread = testing::Thread(
      "invoice inv-20931",
      {"harriet.colwell@brackenridge-eng.co.uk", "imogen.tull@larkspurtech.com"}, {});
  const ParsedMessage m = MessageFrom(Addr("Imogen Tull", "imogen.tull@larkspurtech.com"));
  EXPECT_TRUE(Run(m, {Detail(DetailKind::kIban, "GB33BUKB20201555555555")}).empty());
}

TEST_F(PaymentChangedTest, NoStoreOrNoDetailsIsSilent) {
  const ParsedMessage m = MessageFrom(Addr("harriet.colwell@brackenridge-eng.co.uk"));
  MessageFeatures features;
  features.payments = {Detail(DetailKind::kIban, kNewIban)};
  EXPECT_TRUE(world_.RunLearned(*detector_, m, nullptr, features).empty());
  EXPECT_TRUE(Run(m, {}).empty());
}

TEST(PaymentChangedConfigTest, ParsesAndRejects) {
  EXPECT_FALSE(ParsePaymentChangedConfig(testing::ParseToml("colour = 1")));
  EXPECT_FALSE(ParsePaymentChangedConfig(testing::ParseToml("rotating_strength = 3")));
  auto config = ParsePaymentChangedConfig(
      testing::ParseToml("min_history = 20\nrotating_strength = 0.4\nmax_old_values_shown = 1"));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->min_history, 20);
  EXPECT_DOUBLE_EQ(config->rotating_strength, 0.4);
  EXPECT_EQ(config->max_old_values_shown, 1);
}

}  // namespace
}  // namespace becguard::detectors
