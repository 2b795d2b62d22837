// The authentication stage (SPF + DKIM + DMARC verified over DNS) per message, against a real
// DNS server (unbound) on loopback serving the sender's records: cache cold (every answer
// fetched) and warm (every answer cached), on one and two threads.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "auth/authenticator.h"
#include "dkim_test_signer.h"
#include "local_dns_server.h"
#include "mime/parser.h"

namespace becguard::auth {
namespace {

struct Setup {
  std::unique_ptr<testing::LocalDnsServer> server;
  std::unique_ptr<Authenticator> authenticator;
  std::string raw;
  ParsedMessage parsed;
  SmtpEnvelope envelope{"192.0.2.10", "", "mx.norbridge.test", "billing@norbridge.test", {}};
};

// A realistic sender: SPF with mx + include (5 lookups), one 2048-bit DKIM signature, DMARC.
Setup& Get() {
  static Setup* setup = [] {
    auto* s = new Setup();
    const testing::DkimTestKey key = testing::GenerateDkimKey();
    std::string error;
    s->server = testing::LocalDnsServer::Start(
        {"norbridge.test"},
        {"norbridge.test. 3600 IN TXT \"v=spf1 mx include:_spf.norbridge.test -all\"",
         "norbridge.test. 3600 IN MX 10 mx.norbridge.test.",
         "mx.norbridge.test. 3600 IN A 192.0.2.25",
         "_spf.norbridge.test. 3600 IN TXT \"v=spf1 ip4:192.0.2.0/26 -all\"",
         "_dmarc.norbridge.test. 3600 IN TXT \"v=DMARC1; p=reject; rua=mailto:d@norbridge.test\"",
         "sel._domainkey.norbridge.test. 3600 IN TXT " + testing::QuoteTxt(key.TxtRecord())},
        &error);
    if (!s->server) {
      std::fprintf(stderr, "dns: %s\n", error.c_str());
      std::abort();
    }
    AuthConfig config;
    config.mode = AuthMode::kVerify;
    config.resolver = s->server->address();
    auto created = Authenticator::Create(config);
    if (!created) std::abort();
    s->authenticator = std::move(*created);
    std::string message =
        "From: Billing <billing@norbridge.test>\nTo: ap@partner.test\nSubject: Invoice 4471\n"
        "Message-ID: <4471@norbridge.test>\nDate: Mon, 2 Mar 2026 10:00:00 +0000\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n";
    for (int i = 0; i < 40; ++i)
      message += "Invoice 4471, line " + std::to_string(i) + ": 120.00 EUR\n";
    s->raw = testing::DkimSign(message, key, "norbridge.test", "sel");
    mime::InitMime();
    s->parsed = mime::Parse(s->raw, Limits{});
    // Check once that this is the all-pass path being measured.
    const AuthVerdicts v = s->authenticator->Evaluate(s->parsed, s->raw, s->envelope);
    if (!v.DmarcPass() || !v.SpfPass() || v.dkim.empty() || v.dkim[0].result != AuthResult::kPass) {
      std::fprintf(stderr, "setup: expected spf, dkim and dmarc to pass\n");
      std::abort();
    }
    return s;
  }();
  return *setup;
}

void BM_AuthVerifyCold(benchmark::State& state) {
  Setup& s = Get();
  for (auto _ : state) {
    s.authenticator->resolver()->ClearCache();
    benchmark::DoNotOptimize(s.authenticator->Evaluate(s.parsed, s.raw, s.envelope));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AuthVerifyCold)->UseRealTime();

void BM_AuthVerifyWarm(benchmark::State& state) {
  Setup& s = Get();
  for (auto _ : state) {
    benchmark::DoNotOptimize(s.authenticator->Evaluate(s.parsed, s.raw, s.envelope));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AuthVerifyWarm)->UseRealTime()->Threads(1)->Threads(2);

// Trust mode only (Authentication-Results of a configured authserv-id): no DNS at all.
void BM_AuthTrustOnly(benchmark::State& state) {
  AuthConfig config;
  config.trusted_authserv_ids = {"mx1.norbridge.test"};
  auto authenticator = Authenticator::Create(config);
  mime::InitMime();
  const std::string raw =
      "Authentication-Results: mx1.norbridge.test; dkim=pass header.d=norbridge.test "
      "header.s=sel; spf=pass smtp.mailfrom=billing@norbridge.test; dmarc=pass "
      "header.from=norbridge.test\nFrom: billing@norbridge.test\nSubject: x\n\nbody\n";
  const ParsedMessage parsed = mime::Parse(raw, Limits{});
  for (auto _ : state) {
    benchmark::DoNotOptimize((*authenticator)->Evaluate(parsed, raw, std::nullopt));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AuthTrustOnly);

}  // namespace
}  // namespace becguard::auth

BENCHMARK_MAIN();
