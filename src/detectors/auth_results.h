// auth.spf_fail, auth.dkim_fail, auth.dmarc_fail, auth.unaligned, auth.none: what SPF, DKIM
// and DMARC say about the message (MessageFeatures::auth: verified by becguard or trusted from
// a configured authserv-id), weighted by who the From domain claims to be.
//
// Catches exact-domain spoofing of the organisation or a partner (DMARC fails, or nothing
// authenticates a domain that should), mail relayed by a server the domain never authorised,
// and messages changed after signing (an intercepted invoice breaks the body hash).
// It never lowers a score: a freshly registered lookalike passes SPF and DKIM perfectly, and a
// hijacked partner mailbox passes everything, so a pass is no evidence of innocence.
// False positives: forwarders that keep the envelope (SPF), mailing lists that add footers or
// rewrite subjects (DKIM, DMARC; damped), partners with broken DNS (auth.none, at 0.7).
// Silent when nothing was verified or trusted (most stored mail).
// Thread-safe: the detector is immutable.
#pragma once

#include <memory>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct AuthResultsConfig {
  // auth.unaligned strength when the From domain is neither the organisation's nor a partner's.
  double unprotected_unaligned_strength = 0.3;
  // Factor for mail from mailing lists, which legitimately break signatures and alignment.
  double mailing_list_factor = 0.5;
};

Result<AuthResultsConfig> ParseAuthResultsConfig(const toml::table& section);

Result<std::unique_ptr<Detector>> CreateAuthResults(const toml::table& section);

}  // namespace becguard::detectors
