#include "auth/authenticator.h"

#include "auth/dmarc_check.h"
#include "auth/spf_check.h"
#include "auth/trust_boundary.h"
#include "auth/trusted_results.h"

namespace becguard::auth {

Result<std::unique_ptr<Authenticator>> Authenticator::Create(const AuthConfig& config,
                                                             std::size_t max_message_bytes) {
  std::unique_ptr<Authenticator> auth(new Authenticator(config, max_message_bytes));
  if (config.mode == AuthMode::kVerify) {
    auto options = ParseResolverAddress(config.resolver);
    if (!options) return tl::unexpected(options.error());
    options->timeout = std::chrono::milliseconds(config.dns_timeout_ms);
    options->cache_entries = config.cache_entries;
    options->cache_max_ttl_s = static_cast<std::uint32_t>(config.cache_max_ttl_s);
    auth->resolver_ = std::make_unique<DnsResolver>(*options);
    auth->dkim_ = std::make_unique<DkimVerifier>(*auth->resolver_);
  }
  return auth;
}

AuthVerdicts Authenticator::Evaluate(const ParsedMessage& message, std::string_view raw,
                                     const std::optional<SmtpEnvelope>& envelope) const {
  if (config_.mode == AuthMode::kOff) return {};
  const Address* from = message.header_from();
  const std::string from_domain = from != nullptr ? from->domain : std::string();
  const TrustBoundary boundary = FindTrustBoundary(message, config_.trusted_received_by);
  AuthVerdicts trusted = TrustedVerdicts(message, config_, boundary);
  trusted.from_domain = from_domain;
  if (config_.mode != AuthMode::kVerify || resolver_ == nullptr) return trusted;

  AuthVerdicts out;
  out.from_domain = from_domain;
  DnsBudget budget(std::chrono::milliseconds(config_.dns_budget_ms));

  // SPF needs the SMTP client: the envelope the MTA gave, else the trusted entry hop.
  std::optional<SpfInput> spf_input;
  if (envelope && !envelope->client_ip.empty()) {
    spf_input = SpfInput{envelope->client_ip, envelope->helo, envelope->mail_from};
    // `scan --client-ip` without --mail-from: the delivered Return-Path is the envelope sender.
    // (At milter time there is no Return-Path yet, so a null sender stays a null sender.)
    if (spf_input->mail_from.empty() && message.return_path) {
      spf_input->mail_from = message.return_path->address;
    }
  } else if (boundary.entry != nullptr && !boundary.entry->from_ip.empty()) {
    spf_input = SpfInput{boundary.entry->from_ip, boundary.entry->from_host,
                         message.return_path ? message.return_path->address : std::string()};
  }
  if (spf_input) {
    out.spf = CheckSpf(*resolver_, *spf_input, budget);
  } else if (trusted.spf) {
    out.spf = trusted.spf;
  } else {
    out.notes.push_back("SPF not checked: no SMTP client (no envelope, no trusted Received)");
  }
  if (raw.size() <= max_message_bytes_) {
    out.dkim = dkim_->Verify(raw, budget);
  } else {
    out.notes.push_back("DKIM not verified: message larger than limits.max_message_bytes");
  }
  if (!from_domain.empty()) {
    DmarcVerdict dmarc = CheckDmarc(
        *resolver_,
        DmarcInput{from_domain, spf_input ? spf_input->client_ip : "", out.spf, out.dkim}, budget);
    if (dmarc.result == AuthResult::kTempError && trusted.dmarc) {
      out.dmarc = trusted.dmarc;
    } else if (dmarc.result == AuthResult::kFail && !out.spf) {
      // Without the SPF identity a DMARC failure is not established: SPF might align.
      out.notes.push_back("DMARC not judged: SPF unknown and no aligned DKIM pass");
    } else {
      out.dmarc = std::move(dmarc);
    }
  }
  out.arc = trusted.arc;
  return out;
}

}  // namespace becguard::auth
