#include "detectors/auth_results.h"

#include <gtest/gtest.h>

#include "detectors/display_name_spoof.h"
#include "detectors/return_path_mismatch.h"
#include "test_message.h"

namespace becguard::detectors {
namespace {

using auth::AuthResult;
using testing::Addr;
using testing::Build;
using testing::MessageFrom;

auth::SpfVerdict Spf(AuthResult result, std::string domain) {
  auth::SpfVerdict v;
  v.result = result;
  v.domain = std::move(domain);
  return v;
}

auth::DkimVerdict Dkim(AuthResult result, std::string domain) {
  auth::DkimVerdict v;
  v.result = result;
  v.domain = std::move(domain);
  v.selector = "s1";
  return v;
}

auth::DmarcVerdict Dmarc(AuthResult result, std::string from, std::string policy = "reject") {
  auth::DmarcVerdict v;
  v.result = result;
  v.from_domain = std::move(from);
  v.policy = std::move(policy);
  return v;
}

class AuthResultsTest : public ::testing::Test {
 protected:
  std::vector<Finding> Run(const ParsedMessage& m, const auth::AuthVerdicts& verdicts,
                           const Detector* detector = nullptr) {
    features_.auth = verdicts;
    if (features_.auth.from_domain.empty() && m.header_from() != nullptr) {
      features_.auth.from_domain = m.header_from()->domain;
    }
    return world_.RunLearned(detector != nullptr ? *detector : *detector_, m, nullptr, features_);
  }

  static std::optional<Finding> Find(const std::vector<Finding>& findings, FindingId id) {
    for (const Finding& f : findings) {
      if (f.id == id) return f;
    }
    return std::nullopt;
  }

  testing::World world_;
  MessageFeatures features_;
  std::unique_ptr<Detector> detector_ = Build(CreateAuthResults(toml::table{}));
};

TEST_F(AuthResultsTest, SilentWithoutResults) {
  EXPECT_TRUE(Run(MessageFrom(Addr("cordelia.ashgrove@larkspurtech.com")), {}).empty());
}

TEST_F(AuthResultsTest, OrganisationDomainFailingDmarcIsStrong) {
  auth::AuthVerdicts v;
  v.spf = Spf(AuthResult::kFail, "larkspurtech.com");
  v.dmarc = Dmarc(AuthResult::kFail, "larkspurtech.com");
  const auto findings = Run(MessageFrom(Addr("cordelia.ashgrove@larkspurtech.com")), v);
  std::optional<Finding> dmarc = Find(findings, FindingId::kAuthDmarcFail);
  ASSERT_TRUE(dmarc);
  EXPECT_DOUBLE_EQ(dmarc->strength, 1.0);
  EXPECT_NE(dmarc->evidence.detail.find("organisation domain"), std::string::npos);
  std::optional<Finding> spf = Find(findings, FindingId::kAuthSpfFail);
  ASSERT_TRUE(spf);
  EXPECT_DOUBLE_EQ(spf->strength, 1.0);
}

TEST_F(AuthResultsTest, UnknownDomainFailingDmarcIsWeightedByPolicy) {
  auth::AuthVerdicts v;
  v.dmarc = Dmarc(AuthResult::kFail, "small-bakery.com", "none");
  auto f = Find(Run(MessageFrom(Addr("hello@small-bakery.com")), v), FindingId::kAuthDmarcFail);
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.3);
  v.dmarc = Dmarc(AuthResult::kFail, "small-bakery.com", "reject");
  f = Find(Run(MessageFrom(Addr("hello@small-bakery.com")), v), FindingId::kAuthDmarcFail);
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.6);
}

TEST_F(AuthResultsTest, MailingListsAreDamped) {
  ParsedMessage m = MessageFrom(Addr("greta.lindqvist@oberhaus-chemie.de"));
  testing::AddHeader(m, "List-Id", "<chemicals.lists.example.org>");
  auth::AuthVerdicts v;
  v.dmarc = Dmarc(AuthResult::kFail, "oberhaus-chemie.de");
  std::optional<Finding> f = Find(Run(m, v), FindingId::kAuthDmarcFail);
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.5);
}

TEST_F(AuthResultsTest, PassingEverythingIsNeverEvidence) {
  // A freshly registered lookalike authenticates perfectly: no auth finding either way.
  auth::AuthVerdicts v;
  v.spf = Spf(AuthResult::kPass, "larkspur-tech.com");
  v.dkim = {Dkim(AuthResult::kPass, "larkspur-tech.com")};
  v.dmarc = Dmarc(AuthResult::kPass, "larkspur-tech.com");
  EXPECT_TRUE(Run(MessageFrom(Addr("ceo@larkspur-tech.com")), v).empty());
}

TEST_F(AuthResultsTest, SoftfailUnderDmarcPassIsForwardingNotAttack) {
  auth::AuthVerdicts v;
  v.spf = Spf(AuthResult::kSoftFail, "quillmarine.com.au");
  v.dkim = {Dkim(AuthResult::kPass, "quillmarine.com.au")};
  v.dmarc = Dmarc(AuthResult::kPass, "quillmarine.com.au");
  EXPECT_TRUE(Run(MessageFrom(Addr("wendell@quillmarine.com.au")), v).empty());
  v.dmarc.reset();
  v.dkim.clear();
  std::optional<Finding> f =
      Find(Run(MessageFrom(Addr("wendell@quillmarine.com.au")), v), FindingId::kAuthSpfFail);
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.5);
}

TEST_F(AuthResultsTest, BrokenBodyHashOfTheFromDomain) {
  auth::AuthVerdicts v;
  v.dkim = {Dkim(AuthResult::kFail, "oberhaus-chemie.de"), Dkim(AuthResult::kFail, "esp.example")};
  v.dkim[0].reason = "body hash did not verify";
  std::optional<Finding> f = Find(Run(MessageFrom(Addr("greta.lindqvist@oberhaus-chemie.de")), v),
                                  FindingId::kAuthDkimFail);
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_EQ(f->evidence.observed, "d=oberhaus-chemie.de s=s1");
  // Another signature of the same domain passes: nothing to say.
  v.dkim.push_back(Dkim(AuthResult::kPass, "oberhaus-chemie.de"));
  v.dkim.erase(v.dkim.begin() + 1);
  EXPECT_EQ(Find(Run(MessageFrom(Addr("greta.lindqvist@oberhaus-chemie.de")), v),
                 FindingId::kAuthDkimFail),
            std::nullopt);
}

TEST_F(AuthResultsTest, UnalignedOnlyWithoutDmarcRecord) {
  auth::AuthVerdicts v;
  v.spf = Spf(AuthResult::kPass, "bulk-sender.example");
  v.dmarc = Dmarc(AuthResult::kNone, "quillmarine.com.au", "");
  std::optional<Finding> f =
      Find(Run(MessageFrom(Addr("wendell@quillmarine.com.au")), v), FindingId::kAuthUnaligned);
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 1.0);
  EXPECT_EQ(f->evidence.observed, "spf bulk-sender.example");
  // Unknown From domain: weak.
  f = Find(Run(MessageFrom(Addr("hello@small-bakery.com")), v), FindingId::kAuthUnaligned);
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.3);
  // A subdomain's pass aligns (relaxed).
  v.spf = Spf(AuthResult::kPass, "mail.quillmarine.com.au");
  EXPECT_TRUE(Run(MessageFrom(Addr("wendell@quillmarine.com.au")), v).empty());
}

TEST_F(AuthResultsTest, NoAuthenticationOnlyForProtectedDomains) {
  auth::AuthVerdicts v;
  v.spf = Spf(AuthResult::kNone, "quillmarine.com.au");
  v.dmarc = Dmarc(AuthResult::kNone, "quillmarine.com.au", "");
  std::optional<Finding> f =
      Find(Run(MessageFrom(Addr("wendell@quillmarine.com.au")), v), FindingId::kAuthNone);
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->strength, 0.7);
  v.spf = Spf(AuthResult::kNone, "small-bakery.com");
  EXPECT_TRUE(Run(MessageFrom(Addr("hello@small-bakery.com")), v).empty());
  // SPF not checked at all (no SMTP client known): not "no authentication".
  v.spf.reset();
  EXPECT_EQ(Find(Run(MessageFrom(Addr("wendell@quillmarine.com.au")), v), FindingId::kAuthNone),
            std::nullopt);
  // SPF could not be checked (temperror): not "no authentication".
  v.spf = Spf(AuthResult::kTempError, "quillmarine.com.au");
  EXPECT_EQ(Find(Run(MessageFrom(Addr("wendell@quillmarine.com.au")), v), FindingId::kAuthNone),
            std::nullopt);
}

TEST_F(AuthResultsTest, ConfigIsStrict) {
  EXPECT_FALSE(CreateAuthResults(testing::ParseToml("unaligned_strength = 0.3")));
  EXPECT_FALSE(CreateAuthResults(testing::ParseToml("mailing_list_factor = 2.0")));
  EXPECT_TRUE(CreateAuthResults(testing::ParseToml("mailing_list_factor = 0.2")));
}

TEST_F(AuthResultsTest, ReturnPathMismatchIsAlignmentAware) {
  auto detector = Build(CreateReturnPathMismatch(toml::table{}));
  ParsedMessage m = MessageFrom(Addr("wendell@quillmarine.com.au"));
  m.return_path = Addr("billing@mailer.unknown-esp.example");
  ASSERT_EQ(Run(m, {}, detector.get()).size(), 1u);  // without auth: unrelated envelope
  // The From domain's own DKIM passes and SPF passes for the envelope: an authorised mailer.
  auth::AuthVerdicts v;
  v.spf = Spf(AuthResult::kPass, "mailer.unknown-esp.example");
  v.dkim = {Dkim(AuthResult::kPass, "quillmarine.com.au")};
  EXPECT_TRUE(Run(m, v, detector.get()).empty());
  // DMARC fails: the spoofer's own envelope.
  v.dkim = {Dkim(AuthResult::kFail, "quillmarine.com.au")};
  v.dmarc = Dmarc(AuthResult::kFail, "quillmarine.com.au");
  auto findings = Run(m, v, detector.get());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_DOUBLE_EQ(findings[0].strength, 1.0);
  EXPECT_NE(findings[0].evidence.detail.find("fails DMARC"), std::string::npos);
}

TEST_F(AuthResultsTest, DisplayNameSpoofOfAnOrganisationAddressFailingDmarc) {
  auto detector = Build(CreateDisplayNameSpoof(toml::table{}));
  const ParsedMessage m =
      MessageFrom(Addr("Cordelia Ashgrove", "cordelia.ashgrove@larkspurtech.com"));
  EXPECT_TRUE(Run(m, {}, detector.get()).empty());  // her own address
  auth::AuthVerdicts v;
  v.dmarc = Dmarc(AuthResult::kPass, "larkspurtech.com");
  EXPECT_TRUE(Run(m, v, detector.get()).empty());
  v.dmarc = Dmarc(AuthResult::kFail, "larkspurtech.com");
  auto findings = Run(m, v, detector.get());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_DOUBLE_EQ(findings[0].strength, 1.0);
  EXPECT_NE(findings[0].evidence.detail.find("fails DMARC"), std::string::npos);
}

}  // namespace
}  // namespace becguard::detectors
