#include "auth/trusted_results.h"

#include <gtest/gtest.h>

#include "auth/authenticator.h"
#include "auth/trust_boundary.h"
#include "mime/parser.h"

namespace becguard::auth {
namespace {

constexpr const char* kBody =
    "From: CEO <ceo@norbridge.example>\nTo: ap@norbridge.example\nSubject: x\n\nbody\n";

AuthVerdicts Trusted(const std::string& headers, const AuthConfig& config) {
  mime::InitMime();
  const std::string raw = headers + kBody;
  const ParsedMessage parsed = mime::Parse(raw, Limits{});
  auto auth = Authenticator::Create(config);
  EXPECT_TRUE(auth);
  return (*auth)->Evaluate(parsed, raw, std::nullopt);
}

AuthConfig TrustMx() {
  AuthConfig config;
  config.trusted_authserv_ids = {"mx1.norbridge.example"};
  return config;
}

TEST(TrustedResultsTest, OnlyConfiguredAuthservIdsCount) {
  const std::string forged =
      "Authentication-Results: attacker.example; spf=pass smtp.mailfrom=norbridge.example; "
      "dmarc=pass header.from=norbridge.example\n";
  EXPECT_FALSE(Trusted(forged, TrustMx()).evaluated());

  const AuthVerdicts v = Trusted(
      "Authentication-Results: MX1.Norbridge.Example; spf=fail smtp.mailfrom=x@norbridge.example;"
      " dkim=none; dmarc=fail (p=reject) header.from=norbridge.example\n" +
          forged,
      TrustMx());
  ASSERT_TRUE(v.spf);
  EXPECT_EQ(v.spf->result, AuthResult::kFail);
  EXPECT_EQ(v.spf->domain, "norbridge.example");
  EXPECT_EQ(v.spf->source, AuthSource::kTrusted);
  EXPECT_TRUE(v.dkim.empty());
  EXPECT_TRUE(v.DmarcFail());
  EXPECT_EQ(v.dmarc->policy, "reject");
  EXPECT_EQ(v.from_domain, "norbridge.example");
}

TEST(TrustedResultsTest, DmarcPolicyFromPropertyCommentOrAction) {
  auto policy = [](const std::string& dmarc) {
    const AuthVerdicts v =
        Trusted("Authentication-Results: mx1.norbridge.example; " + dmarc + "\n", TrustMx());
    return v.dmarc ? v.dmarc->policy : "absent";
  };
  EXPECT_EQ(policy("dmarc=fail (p=QUARANTINE sp=REJECT dis=NONE) header.from=a.example"),
            "quarantine");
  EXPECT_EQ(policy("dmarc=fail (sp=reject p=none) header.from=a.example"), "none");
  EXPECT_EQ(policy("dmarc=fail policy.dmarc=reject header.from=a.example"), "reject");
  EXPECT_EQ(policy("dmarc=fail action=oreject header.from=a.example"), "reject");
  EXPECT_EQ(policy("dmarc=fail (p=bogus) header.from=a.example"), "");
}

TEST(TrustedResultsTest, TopmostResultPerMethodWinsAcrossHeaders) {
  // opendkim and opendmarc each add their own header with the same authserv-id.
  const AuthVerdicts v = Trusted(
      "Authentication-Results: mx1.norbridge.example; dmarc=pass header.from=norbridge.example\n"
      "Authentication-Results: mx1.norbridge.example; dkim=pass header.d=norbridge.example "
      "header.s=s1\n"
      "Authentication-Results: mx1.norbridge.example; dmarc=fail header.from=norbridge.example; "
      "dkim=fail header.d=norbridge.example\n",
      TrustMx());
  EXPECT_TRUE(v.DmarcPass());
  ASSERT_EQ(v.dkim.size(), 1u);
  EXPECT_EQ(v.dkim[0].result, AuthResult::kPass);
  EXPECT_EQ(v.dkim[0].selector, "s1");
  EXPECT_TRUE(v.dmarc->dkim_aligned);
}

TEST(TrustedResultsTest, TrustedIdBelowTheBoundaryIsTheSendersWord) {
  AuthConfig config = TrustMx();
  config.trusted_received_by = {"mx1.norbridge.example"};
  const std::string headers =
      "Received: from evil.example (evil.example [203.0.113.9]) by mx1.norbridge.example; "
      "Mon, 2 Mar 2026 10:00:01 +0000\n"
      "Authentication-Results: mx1.norbridge.example; dmarc=pass header.from=norbridge.example\n";
  EXPECT_FALSE(Trusted(headers, config).evaluated());
  const AuthVerdicts above = Trusted(
      "Authentication-Results: mx1.norbridge.example; dmarc=fail header.from=norbridge.example\n" +
          headers,
      config);
  EXPECT_TRUE(above.DmarcFail());
}

TEST(TrustedResultsTest, ExchangeOnlineOnlyWhenConfiguredAndAboveTheBoundary) {
  const std::string exo =
      "Authentication-Results: spf=fail (sender IP is 203.0.113.9) "
      "smtp.mailfrom=norbridge.example; dkim=none (message not signed) header.d=none;"
      "dmarc=fail action=quarantine header.from=norbridge.example;compauth=fail reason=000\n";
  const std::string hop =
      "Received: from evil.example (203.0.113.9) by BN8NAM11FT045.mail.protection.outlook.com "
      "(10.13.177.97) with Microsoft SMTP Server; Mon, 2 Mar 2026 10:00:01 +0000\n";
  const std::string below =
      "Authentication-Results: spf=pass smtp.mailfrom=norbridge.example; "
      "dmarc=pass header.from=norbridge.example\n";
  AuthConfig config;
  config.trusted_received_by = {"*.mail.protection.outlook.com"};
  EXPECT_FALSE(Trusted(exo + hop, config).evaluated());  // not trusted without the switch
  config.trust_exchange_online = true;
  const AuthVerdicts v = Trusted(exo + hop + below, config);
  ASSERT_TRUE(v.spf);
  EXPECT_EQ(v.spf->result, AuthResult::kFail);
  EXPECT_TRUE(v.dkim.empty());  // "dkim=none header.d=none" is no signature
  EXPECT_TRUE(v.DmarcFail());
  // The sender's own Exchange header, below our boundary, is ignored.
  EXPECT_FALSE(Trusted(hop + below, config).evaluated());
}

TEST(TrustedResultsTest, ArcResultsOfATrustedIdStandInForMissingResults) {
  const AuthVerdicts v = Trusted(
      "ARC-Authentication-Results: i=2; mx1.norbridge.example; spf=pass "
      "smtp.mailfrom=partner.example; dmarc=pass header.from=partner.example\n"
      "ARC-Authentication-Results: i=1; mx1.norbridge.example; dmarc=fail "
      "header.from=partner.example\n"
      "ARC-Authentication-Results: i=3; forger.example; dmarc=fail header.from=x.example\n",
      TrustMx());
  EXPECT_TRUE(v.DmarcPass());
  EXPECT_TRUE(v.SpfPass());
}

TEST(TrustedResultsTest, ModeOffBelievesNothing) {
  AuthConfig config = TrustMx();
  config.mode = AuthMode::kOff;
  EXPECT_FALSE(Trusted("Authentication-Results: mx1.norbridge.example; dmarc=fail "
                       "header.from=norbridge.example\n",
                       config)
                   .evaluated());
}

TEST(TrustBoundaryTest, EntryHopSkipsInternalRelays) {
  mime::InitMime();
  const std::string raw =
      "Received: from mx1.norbridge.example (mx1 [10.0.0.2]) by store.norbridge.example; "
      "Mon, 2 Mar 2026 10:00:02 +0000\n"
      "Received: from mail.partner.example (mail.partner.example [192.0.2.10]) by "
      "mx1.norbridge.example; Mon, 2 Mar 2026 10:00:01 +0000\n"
      "Received: from x (x [198.51.100.1]) by mail.partner.example; Mon, 2 Mar 2026 10:00:00 "
      "+0000\n" +
      std::string(kBody);
  const ParsedMessage parsed = mime::Parse(raw, Limits{});
  const TrustBoundary b =
      FindTrustBoundary(parsed, {"mx1.norbridge.example", "*.norbridge.example"});
  ASSERT_NE(b.entry, nullptr);
  EXPECT_EQ(b.entry->from_ip, "192.0.2.10");
  EXPECT_EQ(b.header_index, 1u);
  EXPECT_EQ(FindTrustBoundary(parsed, {}).entry, nullptr);
  EXPECT_TRUE(HostMatches("A.Norbridge.Example.", {"*.norbridge.example"}));
  EXPECT_FALSE(HostMatches("norbridge.example.evil", {"*.norbridge.example"}));
  EXPECT_FALSE(HostMatches("evilnorbridge.example", {"*.norbridge.example"}));
}

TEST(ResolverAddressTest, ParsesAndRejects) {
  auto a = ParseResolverAddress("127.0.0.1:5353");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->server, "127.0.0.1");
  EXPECT_EQ(a->port, 5353);
  a = ParseResolverAddress("[::1]:53");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->server, "::1");
  a = ParseResolverAddress("2001:db8::53");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->port, 53);
  EXPECT_FALSE(ParseResolverAddress("dns.example:53"));
  EXPECT_FALSE(ParseResolverAddress("127.0.0.1:99999"));
  EXPECT_FALSE(ParseResolverAddress("127.0.0.1:"));
}

}  // namespace
}  // namespace becguard::auth

namespace becguard::auth {
namespace {

TEST(AuthenticatorTest, VerifyModeNeedsAUsableResolver) {
  AuthConfig config;
  config.mode = AuthMode::kVerify;
  config.resolver = "dns.example.com";
  EXPECT_FALSE(Authenticator::Create(config));
  config.mode = AuthMode::kTrust;  // the resolver is not used: no error
  EXPECT_TRUE(Authenticator::Create(config));
}

}  // namespace
}  // namespace becguard::auth
