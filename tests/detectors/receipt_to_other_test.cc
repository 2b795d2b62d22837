#include "detectors/receipt_to_other.h"

#include <gtest/gtest.h>

#include "test_message.h"

namespace becguard::detectors {
namespace {

using testing::Addr;
using testing::Build;
using testing::MessageFrom;

class ReceiptToOtherTest : public ::testing::Test {
 protected:
  std::vector<Finding> Run(const ParsedMessage& m) const { return world_.Run(*detector_, m); }

  testing::World world_;
  std::unique_ptr<Detector> detector_ = Build(CreateReceiptToOther(toml::table{}));
};

TEST_F(ReceiptToOtherTest, ReceiptsToAFreemailBoxAreStrongAndMergedPerAddress) {
  ParsedMessage m = MessageFrom(Addr("Wendell Okoro", "wendell.okoro@quillmarine.com.au"));
  m.notification_to.push_back({"Return-Receipt-To", Addr("quill.wendell@outlook.jp")});
  m.notification_to.push_back({"Disposition-Notification-To", Addr("quill.wendell@outlook.jp")});
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, FindingId::kReceiptToOther);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_EQ(f->evidence.field, "Return-Receipt-To, Disposition-Notification-To");
  EXPECT_EQ(f->evidence.observed, "quill.wendell@outlook.jp");
  EXPECT_EQ(f->evidence.expected, "wendell.okoro@quillmarine.com.au");
  EXPECT_NE(f->evidence.detail.find("free-mail"), std::string::npos);
}

TEST_F(ReceiptToOtherTest, LookalikeReceiptIsStrong) {
  ParsedMessage m = MessageFrom(Addr("greta.lindqvist@oberhaus-chemie.de"));
  m.notification_to.push_back({"Disposition-Notification-To", Addr("greta@oberhaus-chernie.de")});
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_NE(f->evidence.detail.find("lookalike"), std::string::npos);
}

TEST_F(ReceiptToOtherTest, OtherDomainUnderProtectedOrUnknownFromIsGraded) {
  ParsedMessage m = MessageFrom(Addr("imogen.tull@larkspurtech.com"));
  m.notification_to.push_back({"Disposition-Notification-To", Addr("track@read-notify.io")});
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.7);

  ParsedMessage u = MessageFrom(Addr("sales@widget-shop.com"));
  u.notification_to.push_back({"Return-Receipt-To", Addr("track@read-notify.io")});
  f = testing::Only(Run(u));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.5);
}

TEST_F(ReceiptToOtherTest, ReceiptToTheSendersOwnAddressOrDomainIsFine) {
  // Common practice in Japanese business mail.
  ParsedMessage m = MessageFrom(Addr("鈴木 花子", "h.suzuki@quillmarine.com.au"));
  m.notification_to.push_back({"Disposition-Notification-To", Addr("h.suzuki@quillmarine.com.au")});
  m.notification_to.push_back({"Return-Receipt-To", Addr("receipts@mx.quillmarine.com.au")});
  EXPECT_TRUE(Run(m).empty());
  ParsedMessage s = MessageFrom(Addr("imogen.tull@larkspurtech.com"));
  s.notification_to.push_back({"Disposition-Notification-To", Addr("ap@larkspurtech.co.uk")});
  EXPECT_TRUE(Run(s).empty());
}

TEST_F(ReceiptToOtherTest, ListErrorsToIsFineButListReceiptsToFreemailAreNot) {
  ParsedMessage m = MessageFrom(Addr("poster@riverbank-mfg.com"));
  testing::AddHeader(m, "List-Id", "<ap-circle.lists.apcircle.org>");
  m.notification_to.push_back({"Errors-To", Addr("ap-circle-bounces@lists.apcircle.org")});
  EXPECT_TRUE(Run(m).empty());
  // Errors-To to an ESP bounce domain without list headers.
  ParsedMessage e = MessageFrom(Addr("news@riverbank-mfg.com"));
  e.notification_to.push_back({"Errors-To", Addr("bounce-77@em1.sendgrid.net")});
  EXPECT_TRUE(Run(e).empty());
  // Errors-To the list manager's numbered bounce box on a newsletter.
  ParsedMessage topic = MessageFrom(Addr("info@daily-verse.com"));
  testing::AddHeader(topic, "List-Unsubscribe", "<mailto:daily-unsubscribe@listhost.com>");
  topic.notification_to.push_back({"Errors-To", Addr("list-errors.17.0.19@boing.listhost.com")});
  EXPECT_TRUE(Run(topic).empty());
  // An Errors-To to free-mail is not a list's doing.
  e.notification_to = {{"Errors-To", Addr("riverbank.news@gmail.com")}};
  EXPECT_EQ(Run(e).size(), 1u);
}

TEST_F(ReceiptToOtherTest, ErrorsToCanBeSwitchedOff) {
  auto detector = Build(CreateReceiptToOther(testing::ParseToml("check_errors_to = false")));
  ParsedMessage m = MessageFrom(Addr("news@riverbank-mfg.com"));
  m.notification_to.push_back({"Errors-To", Addr("riverbank.news@gmail.com")});
  EXPECT_TRUE(world_.Run(*detector, m).empty());
  EXPECT_FALSE(ParseReceiptToOtherConfig(testing::ParseToml("check_errors_to = \"yes\"")));
  EXPECT_FALSE(ParseReceiptToOtherConfig(testing::ParseToml("check_receipts = true")));
}

}  // namespace
}  // namespace becguard::detectors
