// SPF, DKIM and DMARC verified against a real DNS server (unbound) on loopback, with a DKIM
// key generated and messages signed at test time.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "auth/authenticator.h"
#include "auth/dkim_check.h"
#include "auth/dmarc_check.h"
#include "auth/spf_check.h"
#include "dkim_test_signer.h"
#include "local_dns_server.h"
#include "mime/parser.h"

namespace becguard::auth {
namespace {

using testing::DkimSign;
using testing::DkimTestKey;
using testing::LocalDnsServer;
using testing::QuoteTxt;

class VerifyDnsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    key_ = new DkimTestKey(testing::GenerateDkimKey());
    const std::string dkim = QuoteTxt(key_->TxtRecord());
    std::string error;
    server_ =
        LocalDnsServer::Start(
            {"pass.test", "soft.test", "none.test", "broken.test", "strict.test", "relaxed.test",
             "other.test", "quarantine.test", "v6.test", "mx.test", "big.test"},
            {
                "pass.test. 300 IN TXT \"v=spf1 ip4:192.0.2.10 -all\"",
                "_dmarc.pass.test. 300 IN TXT \"v=DMARC1; p=reject\"",
                "sel._domainkey.pass.test. 300 IN TXT " + dkim,
                "soft.test. 300 IN TXT \"v=spf1 ip4:192.0.2.10 ~all\"",
                "broken.test. 300 IN TXT \"v=spf1 ip4:192.0.2.10 frobnicate:x -all\"",
                "_dmarc.broken.test. 300 IN TXT \"v=DMARC1; p=bogus\"",
                "strict.test. 300 IN TXT \"v=spf1 -all\"",
                "mail.strict.test. 300 IN TXT \"v=spf1 ip4:192.0.2.20 -all\"",
                "_dmarc.strict.test. 300 IN TXT \"v=DMARC1; p=reject; aspf=s; adkim=s\"",
                "relaxed.test. 300 IN TXT \"v=spf1 -all\"",
                "mail.relaxed.test. 300 IN TXT \"v=spf1 ip4:192.0.2.20 -all\"",
                "_dmarc.relaxed.test. 300 IN TXT \"v=DMARC1; p=quarantine\"",
                "other.test. 300 IN TXT \"v=spf1 ip4:198.51.100.7 -all\"",
                "sel._domainkey.other.test. 300 IN TXT " + dkim,
                "quarantine.test. 300 IN TXT \"v=spf1 include:pass.test ~all\"",
                "v6.test. 300 IN TXT \"v=spf1 ip6:2001:db8:10::/48 a:host.v6.test -all\"",
                "host.v6.test. 300 IN AAAA 2001:db8:20::7",
                "mx.test. 300 IN TXT \"v=spf1 mx -all\"",
                "mx.test. 300 IN MX 10 mail.mx.test.",
                "mail.mx.test. 300 IN A 192.0.2.30",
                // Larger than a UDP answer (EDNS 1232): the resolver must retry over TCP.
                "big.test. 300 IN TXT " + QuoteTxt("v=spf1 " + std::string(2000, 'x')),
            },
            &error)
            .release();
    ASSERT_NE(server_, nullptr) << error;
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete key_;
    key_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(server_, nullptr);
    auto options = ParseResolverAddress(server_->address());
    ASSERT_TRUE(options) << options.error().ToString();
    options->timeout = std::chrono::milliseconds(1000);
    resolver_ = std::make_unique<DnsResolver>(*options);
  }

  SpfVerdict Spf(const std::string& ip, const std::string& mail_from) {
    DnsBudget budget(std::chrono::milliseconds(3000));
    return CheckSpf(*resolver_, SpfInput{ip, "mx.sender.test", mail_from}, budget);
  }

  static std::string Message(const std::string& from,
                             const std::string& body = "Pay the invoice.\n") {
    return "From: Someone <" + from + ">\nTo: ap@norbridge.test\nSubject: Invoice\n" +
           "Message-ID: <1@x>\nDate: Mon, 2 Mar 2026 10:00:00 +0000\n\n" + body;
  }

  std::vector<DkimVerdict> Dkim(const std::string& raw) {
    DkimVerifier verifier(*resolver_);
    DnsBudget budget(std::chrono::milliseconds(3000));
    return verifier.Verify(raw, budget);
  }

  static LocalDnsServer* server_;
  static DkimTestKey* key_;
  std::unique_ptr<DnsResolver> resolver_;
};

LocalDnsServer* VerifyDnsTest::server_ = nullptr;
DkimTestKey* VerifyDnsTest::key_ = nullptr;

TEST_F(VerifyDnsTest, SpfResults) {
  EXPECT_EQ(Spf("192.0.2.10", "billing@pass.test").result, AuthResult::kPass);
  EXPECT_EQ(Spf("203.0.113.5", "billing@pass.test").result, AuthResult::kFail);
  EXPECT_EQ(Spf("203.0.113.5", "billing@soft.test").result, AuthResult::kSoftFail);
  EXPECT_EQ(Spf("203.0.113.5", "billing@none.test").result, AuthResult::kNone);
  EXPECT_EQ(Spf("203.0.113.5", "billing@nxdomain.none.test").result, AuthResult::kNone);
  EXPECT_EQ(Spf("192.0.2.10", "billing@broken.test").result, AuthResult::kPermError);
  // include: resolves through a second record.
  EXPECT_EQ(Spf("192.0.2.10", "x@quarantine.test").result, AuthResult::kPass);
  const SpfVerdict v = Spf("192.0.2.10", "Billing@Pass.Test");
  EXPECT_EQ(v.domain, "pass.test");
  EXPECT_FALSE(v.helo);
}

TEST_F(VerifyDnsTest, SpfIpv6AndMxMechanisms) {
  EXPECT_EQ(Spf("2001:db8:10::99", "x@v6.test").result, AuthResult::kPass);
  EXPECT_EQ(Spf("2001:db8:20::7", "x@v6.test").result, AuthResult::kPass);  // a: via AAAA
  EXPECT_EQ(Spf("2001:db8:30::1", "x@v6.test").result, AuthResult::kFail);
  EXPECT_EQ(Spf("2001:db8:30::1", "x@pass.test").result, AuthResult::kFail);
  EXPECT_EQ(Spf("192.0.2.30", "x@mx.test").result, AuthResult::kPass);
  EXPECT_EQ(Spf("192.0.2.31", "x@mx.test").result, AuthResult::kFail);
  EXPECT_EQ(Spf("not-an-ip", "x@mx.test").result, AuthResult::kPermError);
}

TEST_F(VerifyDnsTest, LargeAnswersComeOverTcp) {
  DnsBudget budget(std::chrono::milliseconds(3000));
  const DnsAnswer answer = resolver_->Lookup("big.test", DnsType::kTxt, budget);
  ASSERT_EQ(answer.status, DnsAnswer::Status::kOk);
  ASSERT_EQ(answer.records.size(), 1u);
  EXPECT_EQ(answer.records[0].size(), 2007u);
  EXPECT_EQ(resolver_->Lookup("nothing.big.test", DnsType::kTxt, budget).status,
            DnsAnswer::Status::kNxDomain);
  EXPECT_EQ(resolver_->Lookup("big.test", DnsType::kA, budget).status, DnsAnswer::Status::kNoData);
}

TEST_F(VerifyDnsTest, SpfNullSenderChecksHelo) {
  DnsBudget budget(std::chrono::milliseconds(3000));
  const SpfVerdict v = CheckSpf(*resolver_, SpfInput{"192.0.2.10", "pass.test", ""}, budget);
  EXPECT_EQ(v.result, AuthResult::kPass);
  EXPECT_TRUE(v.helo);
  EXPECT_EQ(v.domain, "pass.test");
}

TEST_F(VerifyDnsTest, DkimPassTamperedAndMissingKey) {
  const std::string signed_message = DkimSign(Message("ceo@pass.test"), *key_, "pass.test", "sel");
  ASSERT_FALSE(signed_message.empty());
  auto verdicts = Dkim(signed_message);
  ASSERT_EQ(verdicts.size(), 1u);
  EXPECT_EQ(verdicts[0].result, AuthResult::kPass) << verdicts[0].reason;
  EXPECT_EQ(verdicts[0].domain, "pass.test");
  EXPECT_EQ(verdicts[0].selector, "sel");

  std::string tampered = signed_message;
  tampered.replace(tampered.find("Pay the invoice."), 16, "Pay the attacker");
  verdicts = Dkim(tampered);
  ASSERT_EQ(verdicts.size(), 1u);
  EXPECT_EQ(verdicts[0].result, AuthResult::kFail);

  const std::string no_key = DkimSign(Message("ceo@pass.test"), *key_, "pass.test", "gone");
  verdicts = Dkim(no_key);
  ASSERT_EQ(verdicts.size(), 1u);
  EXPECT_EQ(verdicts[0].result, AuthResult::kPermError);

  EXPECT_TRUE(Dkim(Message("ceo@pass.test")).empty());
}

TEST_F(VerifyDnsTest, DkimWithCrlfLineEnds) {
  std::string message = Message("ceo@pass.test");
  std::string crlf;
  for (char c : message) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const std::string signed_message = DkimSign(crlf, *key_, "pass.test", "sel");
  auto verdicts = Dkim(signed_message);
  ASSERT_EQ(verdicts.size(), 1u);
  EXPECT_EQ(verdicts[0].result, AuthResult::kPass) << verdicts[0].reason;
}

DmarcVerdict Dmarc(const DnsResolver& resolver, const std::string& from_domain,
                   std::optional<SpfVerdict> spf, std::vector<DkimVerdict> dkim = {}) {
  DnsBudget budget(std::chrono::milliseconds(3000));
  return CheckDmarc(resolver, DmarcInput{from_domain, "192.0.2.10", spf, dkim}, budget);
}

SpfVerdict SpfPass(const std::string& domain) {
  SpfVerdict v;
  v.result = AuthResult::kPass;
  v.domain = domain;
  return v;
}

TEST_F(VerifyDnsTest, DmarcAlignment) {
  DmarcVerdict v = Dmarc(*resolver_, "pass.test", SpfPass("pass.test"));
  EXPECT_EQ(v.result, AuthResult::kPass);
  EXPECT_TRUE(v.spf_aligned);
  EXPECT_EQ(v.policy, "reject");

  // SPF passes, but for another domain, and no DKIM: fails DMARC.
  v = Dmarc(*resolver_, "pass.test", SpfPass("other.test"));
  EXPECT_EQ(v.result, AuthResult::kFail);
  EXPECT_FALSE(v.spf_aligned);

  // DKIM of the From domain aligns.
  DkimVerdict dkim;
  dkim.result = AuthResult::kPass;
  dkim.domain = "pass.test";
  dkim.selector = "sel";
  v = Dmarc(*resolver_, "pass.test", SpfPass("other.test"), {dkim});
  EXPECT_EQ(v.result, AuthResult::kPass);
  EXPECT_TRUE(v.dkim_aligned);

  // A subdomain's SPF aligns under relaxed, not under strict.
  v = Dmarc(*resolver_, "relaxed.test", SpfPass("mail.relaxed.test"));
  EXPECT_EQ(v.result, AuthResult::kPass);
  v = Dmarc(*resolver_, "strict.test", SpfPass("mail.strict.test"));
  EXPECT_EQ(v.result, AuthResult::kFail);
  EXPECT_EQ(v.policy, "reject");

  // The organisational domain's record covers a subdomain.
  v = Dmarc(*resolver_, "sub.pass.test", SpfPass("other.test"));
  EXPECT_EQ(v.result, AuthResult::kFail);

  EXPECT_EQ(Dmarc(*resolver_, "none.test", SpfPass("none.test")).result, AuthResult::kNone);
  EXPECT_EQ(Dmarc(*resolver_, "broken.test", SpfPass("broken.test")).result,
            AuthResult::kPermError);
}

TEST_F(VerifyDnsTest, CacheAnswersRepeatedQuestions) {
  Spf("192.0.2.10", "billing@pass.test");
  const auto before = resolver_->stats();
  Spf("192.0.2.10", "billing@pass.test");
  const auto after = resolver_->stats();
  EXPECT_EQ(after.queries, before.queries);
  EXPECT_GT(after.cache_hits, before.cache_hits);
  resolver_->ClearCache();
  Spf("192.0.2.10", "billing@pass.test");
  EXPECT_GT(resolver_->stats().queries, after.queries);
}

TEST_F(VerifyDnsTest, AuthenticatorEndToEnd) {
  AuthConfig config;
  config.mode = AuthMode::kVerify;
  config.resolver = server_->address();
  auto auth = Authenticator::Create(config);
  ASSERT_TRUE(auth) << auth.error().ToString();
  mime::InitMime();

  // A spoof of pass.test from an unrelated server, signed by the attacker's own domain.
  const std::string spoof = DkimSign(Message("ceo@pass.test"), *key_, "other.test", "sel");
  ParsedMessage parsed = mime::Parse(spoof, Limits{});
  SmtpEnvelope envelope{"198.51.100.7", "", "mx.other.test", "bounce@other.test", {}};
  AuthVerdicts v = (*auth)->Evaluate(parsed, spoof, envelope);
  ASSERT_TRUE(v.spf);
  EXPECT_EQ(v.spf->result, AuthResult::kPass);
  ASSERT_EQ(v.dkim.size(), 1u);
  EXPECT_EQ(v.dkim[0].result, AuthResult::kPass);
  ASSERT_TRUE(v.dmarc);
  EXPECT_EQ(v.dmarc->result, AuthResult::kFail);
  EXPECT_FALSE(v.AnyAlignedPass());
  EXPECT_TRUE(v.AnyPass());

  // The genuine message.
  const std::string genuine = DkimSign(Message("ceo@pass.test"), *key_, "pass.test", "sel");
  parsed = mime::Parse(genuine, Limits{});
  envelope = SmtpEnvelope{"192.0.2.10", "", "mx.pass.test", "ceo@pass.test", {}};
  v = (*auth)->Evaluate(parsed, genuine, envelope);
  ASSERT_TRUE(v.dmarc);
  EXPECT_EQ(v.dmarc->result, AuthResult::kPass);
  const auto results = v.ToMethodResults();
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].method, "spf");
  EXPECT_EQ(results[0].properties, "smtp.mailfrom=pass.test");
  EXPECT_EQ(results[2].result, "pass");
}

TEST_F(VerifyDnsTest, AuthenticatorTakesTheClientFromTheTrustedReceived) {
  AuthConfig config;
  config.mode = AuthMode::kVerify;
  config.resolver = server_->address();
  config.trusted_received_by = {"mx1.norbridge.test"};
  auto auth = Authenticator::Create(config);
  ASSERT_TRUE(auth);
  mime::InitMime();
  // The attacker's own Received line claims the genuine IP; only our MX's line counts.
  const std::string raw =
      "Return-Path: <ceo@pass.test>\n"
      "Received: from mx.evil.test (mx.evil.test [203.0.113.9]) by mx1.norbridge.test with ESMTP"
      " id 1; Mon, 2 Mar 2026 10:00:01 +0000\n"
      "Received: from x (x [192.0.2.10]) by mx.evil.test; Mon, 2 Mar 2026 10:00:00 +0000\n" +
      Message("ceo@pass.test");
  const ParsedMessage parsed = mime::Parse(raw, Limits{});
  const AuthVerdicts v = (*auth)->Evaluate(parsed, raw, std::nullopt);
  ASSERT_TRUE(v.spf);
  EXPECT_EQ(v.spf->result, AuthResult::kFail);
  ASSERT_TRUE(v.dmarc);
  EXPECT_EQ(v.dmarc->result, AuthResult::kFail);
}

TEST(VerifyTimeoutTest, SilentServerGivesTempErrorWithinTheBudget) {
  testing::SilentDnsServer silent;
  AuthConfig config;
  config.mode = AuthMode::kVerify;
  config.resolver = silent.address();
  config.dns_timeout_ms = 150;
  config.dns_budget_ms = 400;
  auto auth = Authenticator::Create(config);
  ASSERT_TRUE(auth);
  mime::InitMime();
  testing::DkimTestKey key = testing::GenerateDkimKey(1024);
  const std::string raw = testing::DkimSign(
      "From: a@pass.test\nTo: b@norbridge.test\nSubject: x\n\nbody\n", key, "pass.test", "sel");
  const ParsedMessage parsed = mime::Parse(raw, Limits{});
  const AuthVerdicts v = (*auth)->Evaluate(
      parsed, raw, SmtpEnvelope{"192.0.2.10", "", "mx.pass.test", "a@pass.test", {}});
  ASSERT_TRUE(v.spf);
  EXPECT_EQ(v.spf->result, AuthResult::kTempError);
  ASSERT_EQ(v.dkim.size(), 1u);
  EXPECT_EQ(v.dkim[0].result, AuthResult::kTempError);
  ASSERT_TRUE(v.dmarc);
  EXPECT_EQ(v.dmarc->result, AuthResult::kTempError);
}

}  // namespace
}  // namespace becguard::auth

namespace becguard::auth {
namespace {

// One Authenticator on several threads at once (the engine scans on all cores).
TEST_F(VerifyDnsTest, ConcurrentEvaluationsAgree) {
  AuthConfig config;
  config.mode = AuthMode::kVerify;
  config.resolver = server_->address();
  config.cache_entries = 16;  // small: eviction runs under contention too
  auto auth = Authenticator::Create(config);
  ASSERT_TRUE(auth);
  mime::InitMime();
  const std::string genuine = DkimSign(Message("ceo@pass.test"), *key_, "pass.test", "sel");
  const ParsedMessage parsed = mime::Parse(genuine, Limits{});
  const SmtpEnvelope envelope{"192.0.2.10", "", "mx.pass.test", "ceo@pass.test", {}};
  std::atomic<int> passes{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 15; ++i) {
        if (i % 5 == 0) (*auth)->resolver()->ClearCache();
        const AuthVerdicts v = (*auth)->Evaluate(parsed, genuine, envelope);
        if (v.DmarcPass() && v.SpfPass() && v.dkim.size() == 1 &&
            v.dkim[0].result == AuthResult::kPass) {
          ++passes;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(passes.load(), 60);
}

TEST_F(VerifyDnsTest, OversizedMessagesAreNotHashed) {
  AuthConfig config;
  config.mode = AuthMode::kVerify;
  config.resolver = server_->address();
  auto auth = Authenticator::Create(config, 64);
  ASSERT_TRUE(auth);
  mime::InitMime();
  const std::string genuine = DkimSign(Message("ceo@pass.test"), *key_, "pass.test", "sel");
  const ParsedMessage parsed = mime::Parse(genuine, Limits{});
  const AuthVerdicts v = (*auth)->Evaluate(
      parsed, genuine, SmtpEnvelope{"192.0.2.10", "", "mx.pass.test", "ceo@pass.test", {}});
  EXPECT_TRUE(v.dkim.empty());
  EXPECT_TRUE(v.DmarcPass());  // SPF still aligns
}

}  // namespace
}  // namespace becguard::auth
