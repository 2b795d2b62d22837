#include "detectors/first_contact.h"

#include <gtest/gtest.h>

#include "learned_test_util.h"
#include "test_message.h"

namespace becguard::detectors {
namespace {

using testing::AddCorrespondent;
using testing::Addr;
using testing::Build;
using testing::MessageFrom;

class FirstContactTest : public ::testing::Test {
 protected:
  FirstContactTest() {
    AddCorrespondent(learned_, "harriet.colwell@brackenridge-eng.co.uk", "Harriet Colwell");
    AddCorrespondent(learned_, "accounts@brackenridge-eng.co.uk", "Accounts");
    AddCorrespondent(learned_, "imogen.tull@larkspurtech.com", "Imogen Tull", 40, 60);
    AddCorrespondent(learned_, "friend.of.imogen@gmail.com", "Pat Quinlan");
  }

  std::vector<Finding> Run(const ParsedMessage& m) const {
    return world_.RunLearned(*detector_, m, &learned_);
  }

  testing::World world_;
  context::LearnedContext learned_ = testing::Learned();
  std::unique_ptr<Detector> detector_ = Build(CreateFirstContact(toml::table{}));
};

TEST_F(FirstContactTest, NoStoreOrAYoungStoreIsSilent) {
  const ParsedMessage m = MessageFrom(Addr("Stranger", "someone@never-seen.example"));
  EXPECT_TRUE(world_.RunLearned(*detector_, m, nullptr).empty());
  const context::LearnedContext empty = testing::Learned(0);
  EXPECT_TRUE(world_.RunLearned(*detector_, m, &empty).empty());
  const context::LearnedContext young = testing::Learned(19);
  EXPECT_TRUE(world_.RunLearned(*detector_, m, &young).empty());
  EXPECT_EQ(Run(m).size(), 1u);
}

TEST_F(FirstContactTest, NewDomainCarryingAKnownCorrespondentsNameIsStrong) {
  const ParsedMessage m =
      MessageFrom(Addr("Harriet Colwell", "harriet.colwell@brackenridge-billing.com"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, FindingId::kFirstContact);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_EQ(f->evidence.field, "From");
  EXPECT_NE(f->evidence.observed.find("harriet.colwell@brackenridge-billing.com"),
            std::string::npos);
  EXPECT_NE(f->evidence.detail.find("first message from this domain"), std::string::npos);
  EXPECT_NE(f->evidence.detail.find("name used before by harriet.colwell@brackenridge-eng.co.uk"),
            std::string::npos);
}

TEST_F(FirstContactTest, NewDomainCarryingADirectoryNameIsStrong) {
  const ParsedMessage m = MessageFrom(Addr("Greta Lindqvist", "greta@oberhaus-payments.com"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_NE(f->evidence.detail.find("greta.lindqvist@oberhaus-chemie.de"), std::string::npos);
}

TEST_F(FirstContactTest, NewDomainAloneIsMedium) {
  const ParsedMessage m = MessageFrom(Addr("Olu Adeyemi", "olu@fresh-supplier.example"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.6);
  EXPECT_EQ(f->evidence.detail, "first message from this domain");
}

// context/trust.h: a few unvouched messages (learned while scanning) do not make a sender known;
// many over a long enough time do.
TEST_F(FirstContactTest, UnvouchedSightingsCountOnlyWhenManyAndSpreadOut) {
  AddCorrespondent(learned_, "warmup@fresh-supplier.example", "Olu Adeyemi", 3, 0, false);
  const ParsedMessage m = MessageFrom(Addr("Olu Adeyemi", "warmup@fresh-supplier.example"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence.detail, "first message from this domain");

  context::Correspondent& c = learned_.correspondents.at("warmup@fresh-supplier.example");
  c.messages_from = learned_.trust.min_sightings;
  c.first_learned = testing::kJan2025;
  c.last_learned = testing::kJan2025 + 86400;  // all in two days: still a stranger
  EXPECT_EQ(Run(m).size(), 1u);
  c.last_learned = testing::kJan2025 + 86400 * learned_.trust.min_sighting_days;
  EXPECT_TRUE(Run(m).empty());
}

TEST_F(FirstContactTest, NewColleagueAtAKnownDomainIsWeak) {
  const ParsedMessage m = MessageFrom(Addr("Tom Reyes", "tom.reyes@brackenridge-eng.co.uk"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.3);
  EXPECT_NE(f->evidence.detail.find("brackenridge-eng.co.uk is known"), std::string::npos);
}

TEST_F(FirstContactTest, KnownAddressesAreSilent) {
  EXPECT_TRUE(
      Run(MessageFrom(Addr("H. Colwell", "harriet.colwell@brackenridge-eng.co.uk"))).empty());
  // Only ever written to (we started the conversation) still counts as known.
  AddCorrespondent(learned_, "new.vendor@kiln-supplies.example", "", 0, 2);
  EXPECT_TRUE(Run(MessageFrom(Addr("new.vendor@kiln-supplies.example"))).empty());
}

TEST_F(FirstContactTest, GenericDisplayNamesDoNotCountAsKnownNames) {
  const ParsedMessage m = MessageFrom(Addr("Accounts", "accounts@unrelated-firm.example"));
  auto f = testing::Only(Run(m));
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.6);
}

TEST_F(FirstContactTest, FreemailNewAddressIsWeakUnlessItCarriesAKnownName) {
  auto weak = testing::Only(Run(MessageFrom(Addr("Sam Ortiz", "sam.ortiz.1990@gmail.com"))));
  ASSERT_TRUE(weak);
  EXPECT_DOUBLE_EQ(weak->strength, 0.3);
  auto strong =
      testing::Only(Run(MessageFrom(Addr("Cordelia Ashgrove", "ceo.cordelia@gmail.com"))));
  ASSERT_TRUE(strong);
  EXPECT_DOUBLE_EQ(strong->strength, 1.0);
  EXPECT_NE(strong->evidence.detail.find("cordelia.ashgrove@larkspurtech.com"), std::string::npos);
}

TEST_F(FirstContactTest, OrganisationDirectoryPeopleAndBulkMailAreSilent) {
  EXPECT_TRUE(
      Run(MessageFrom(Addr("Rufus Penhaligon", "rufus.penhaligon@larkspurtech.co.uk"))).empty());
  ParsedMessage news = MessageFrom(Addr("Garden Weekly", "news@garden-weekly.example"));
  testing::AddHeader(news, "List-Unsubscribe", "<mailto:unsub@garden-weekly.example>");
  testing::AddHeader(news, "Precedence", "bulk");
  EXPECT_TRUE(Run(news).empty());
}

TEST(FirstContactConfigTest, ParsesAndRejects) {
  EXPECT_FALSE(ParseFirstContactConfig(testing::ParseToml("colour = 1")));
  EXPECT_FALSE(ParseFirstContactConfig(testing::ParseToml("min_history = -1")));
  EXPECT_FALSE(ParseFirstContactConfig(testing::ParseToml("min_history = 2.5")));
  EXPECT_FALSE(ParseFirstContactConfig(testing::ParseToml("name_strength = 2")));
  auto config = ParseFirstContactConfig(testing::ParseToml(
      "enabled = true\nmin_history = 5\nknown_domain_strength = 0.1\nnew_domain_strength = 0.5"));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->min_history, 5);
  EXPECT_DOUBLE_EQ(config->known_domain_strength, 0.1);
  EXPECT_DOUBLE_EQ(config->new_domain_strength, 0.5);
  EXPECT_DOUBLE_EQ(config->name_strength, 1.0);
}

}  // namespace
}  // namespace becguard::detectors
