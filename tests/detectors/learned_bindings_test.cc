// The learned name <-> address bindings as used by header.cc_rewritten and
// sender.display_name_spoof: a correspondent known only from the organisation's own mail (not
// in the config) whose name appears on an address it never used.
#include <gtest/gtest.h>

#include "detectors/cc_rewritten.h"
#include "detectors/display_name_spoof.h"
#include "learned_test_util.h"
#include "test_message.h"

namespace becguard::detectors {
namespace {

using testing::Addr;
using testing::Build;
using testing::MessageFrom;

class LearnedBindingsTest : public ::testing::Test {
 protected:
  LearnedBindingsTest() {
    learned_ = testing::Learned();
    testing::AddCorrespondent(learned_, "hannelore.vogt@brenntag-logistik.example",
                              "Hannelore Vogt");
  }
  testing::World world_;
  context::LearnedContext learned_;
  std::unique_ptr<Detector> cc_ = Build(CreateCcRewritten(toml::table{}));
  std::unique_ptr<Detector> spoof_ = Build(CreateDisplayNameSpoof(toml::table{}));
};

TEST_F(LearnedBindingsTest, CcWithALearnedNameOnAForeignAddressIsRewritten) {
  ParsedMessage m = MessageFrom(Addr("Someone", "someone@unrelated-sender.example"));
  m.cc.push_back(Addr("Hannelore Vogt", "hannelore.vogt@gmail.com"));
  auto f = testing::Only(world_.RunLearned(*cc_, m, &learned_));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, FindingId::kCcRewritten);
  EXPECT_EQ(f->evidence.expected, "hannelore.vogt@brenntag-logistik.example");
}

TEST_F(LearnedBindingsTest, KnownAddressOrSameCompanyOrNoStoreIsNotRewritten) {
  ParsedMessage m = MessageFrom(Addr("Someone", "someone@unrelated-sender.example"));
  m.cc.push_back(Addr("Hannelore Vogt", "hannelore.vogt@brenntag-logistik.example"));
  EXPECT_TRUE(world_.RunLearned(*cc_, m, &learned_).empty());
  m.cc.back() = Addr("Hannelore Vogt", "h.vogt@brenntag-logistik.example");  // second mailbox
  EXPECT_TRUE(world_.RunLearned(*cc_, m, &learned_).empty());
  m.cc.back() = Addr("Hannelore Vogt", "hannelore.vogt@gmail.com");
  EXPECT_TRUE(world_.RunLearned(*cc_, m, nullptr).empty());
}

TEST_F(LearnedBindingsTest, FromWithALearnedNameOnFreemailIsADisplayNameSpoof) {
  ParsedMessage m = MessageFrom(Addr("Hannelore Vogt", "hannelore.vogt.office@gmail.com"));
  auto f = testing::Only(world_.RunLearned(*spoof_, m, &learned_));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, FindingId::kDisplayNameSpoof);
  EXPECT_NE(f->evidence.detail.find("hannelore.vogt@brenntag-logistik.example"), std::string::npos);
  ParsedMessage real =
      MessageFrom(Addr("Hannelore Vogt", "hannelore.vogt@brenntag-logistik.example"));
  EXPECT_TRUE(world_.RunLearned(*spoof_, real, &learned_).empty());
}

}  // namespace
}  // namespace becguard::detectors

namespace becguard::detectors {
namespace {

TEST(LearnedBindingsRoleNameTest, RoleNamesAndOwnMailboxesAreNeverStrangers) {
  testing::World world;
  context::LearnedContext learned = testing::Learned();
  testing::AddCorrespondent(learned, "accounts@some-customer.example", "Accounts Payable");
  auto cc = testing::Build(CreateCcRewritten(toml::table{}));
  ParsedMessage m = testing::MessageFrom(testing::Addr("Someone", "someone@unrelated.example"));
  m.cc.push_back(testing::Addr("Accounts Payable", "ap@another-company.example"));
  EXPECT_TRUE(world.RunLearned(*cc, m, &learned).empty());
}

}  // namespace
}  // namespace becguard::detectors
