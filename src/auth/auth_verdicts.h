// AuthVerdicts: the SPF, DKIM and DMARC outcome of one message as becguard knows it, verified
// over DNS or trusted from the Authentication-Results of a configured authserv-id. Computed
// once per message by auth::Authenticator before detection; detectors only read it.
// Plain value types; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "becguard/verdict.h"

namespace becguard::auth {

// RFC 8601 result values (the subset the three methods use).
enum class AuthResult { kNone, kPass, kFail, kSoftFail, kNeutral, kTempError, kPermError, kPolicy };

std::string_view AuthResultName(AuthResult result);  // "pass", "temperror", ...
// Case-insensitive; unknown words (and "hardfail") map sensibly, never fail.
AuthResult AuthResultFromName(std::string_view name);

enum class AuthSource { kVerified, kTrusted };

struct SpfVerdict {
  AuthResult result = AuthResult::kNone;
  std::string domain;  // the checked identity's domain (MAIL FROM, else HELO), lower-case
  bool helo = false;   // the HELO identity was checked (null sender)
  std::string reason;
  AuthSource source = AuthSource::kVerified;
};

struct DkimVerdict {
  AuthResult result = AuthResult::kNone;
  std::string domain;  // d=, lower-case
  std::string selector;
  std::string reason;
  AuthSource source = AuthSource::kVerified;
};

struct DmarcVerdict {
  AuthResult result = AuthResult::kNone;  // kNone: no DMARC record for the From domain
  std::string from_domain;
  std::string policy;  // "reject" | "quarantine" | "none" | "" (unknown)
  bool spf_aligned = false;
  bool dkim_aligned = false;
  std::string reason;
  AuthSource source = AuthSource::kVerified;
};

struct AuthVerdicts {
  std::optional<SpfVerdict> spf;
  std::vector<DkimVerdict> dkim;  // one per signature
  std::optional<DmarcVerdict> dmarc;
  std::optional<AuthResult> arc;   // only from trusted results
  std::string from_domain;         // the header From domain the verdicts are about, lower-case
  std::vector<std::string> notes;  // why something was not checked (for --explain)

  // True when any method was verified or trusted; detectors stay silent otherwise (most stored
  // mail carries no results that becguard may believe).
  bool evaluated() const { return spf.has_value() || !dkim.empty() || dmarc.has_value(); }

  bool DmarcPass() const { return dmarc && dmarc->result == AuthResult::kPass; }
  bool DmarcFail() const { return dmarc && dmarc->result == AuthResult::kFail; }
  bool SpfPass() const { return spf && spf->result == AuthResult::kPass; }
  // A passing signature whose d= is the registrable domain (or a subdomain) of `domain`.
  bool DkimPassFor(std::string_view domain) const;
  // SPF passed for an identity whose registrable domain is that of `domain`.
  bool SpfPassFor(std::string_view domain) const;
  // Some passing SPF or DKIM identity is aligned (relaxed) with the From domain.
  bool AnyAlignedPass() const;
  bool AnyPass() const;

  // One RFC 8601 method result each, for ScanReport::auth and the milter's header.
  std::vector<AuthMethodResult> ToMethodResults() const;
};

// Relaxed DMARC alignment: both names have the same registrable domain.
bool RelaxedAligned(std::string_view a, std::string_view b);

}  // namespace becguard::auth
