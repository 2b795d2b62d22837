#include "auth/auth_verdicts.h"

#include <array>

#include "core/ascii.h"
#include "domain/domain_tools.h"

namespace becguard::auth {
namespace {

constexpr std::array<std::string_view, 8> kNames{"none",    "pass",      "fail",      "softfail",
                                                 "neutral", "temperror", "permerror", "policy"};

}  // namespace

std::string_view AuthResultName(AuthResult result) { return kNames[static_cast<int>(result)]; }

AuthResult AuthResultFromName(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (EqualsIgnoreCase(name, kNames[i])) return static_cast<AuthResult>(i);
  }
  // RFC 7001 spellings and vendor variants.
  if (EqualsIgnoreCase(name, "hardfail")) return AuthResult::kFail;
  if (EqualsIgnoreCase(name, "temperr") || EqualsIgnoreCase(name, "tempfail")) {
    return AuthResult::kTempError;
  }
  if (EqualsIgnoreCase(name, "permerr")) return AuthResult::kPermError;
  // "bestguesspass" and unknown words prove nothing either way.
  return AuthResult::kNeutral;
}

bool RelaxedAligned(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return false;
  return domain::RegistrableDomain(a) == domain::RegistrableDomain(b);
}

bool AuthVerdicts::DkimPassFor(std::string_view domain) const {
  for (const DkimVerdict& d : dkim) {
    if (d.result == AuthResult::kPass && RelaxedAligned(d.domain, domain)) return true;
  }
  return false;
}

bool AuthVerdicts::SpfPassFor(std::string_view domain) const {
  return SpfPass() && RelaxedAligned(spf->domain, domain);
}

bool AuthVerdicts::AnyAlignedPass() const {
  return SpfPassFor(from_domain) || DkimPassFor(from_domain);
}

bool AuthVerdicts::AnyPass() const {
  if (SpfPass()) return true;
  for (const DkimVerdict& d : dkim) {
    if (d.result == AuthResult::kPass) return true;
  }
  return false;
}

std::vector<AuthMethodResult> AuthVerdicts::ToMethodResults() const {
  std::vector<AuthMethodResult> out;
  if (spf) {
    out.push_back({"spf", std::string(AuthResultName(spf->result)),
                   spf->domain.empty()
                       ? std::string()
                       : (spf->helo ? "smtp.helo=" : "smtp.mailfrom=") + spf->domain,
                   spf->reason});
  }
  for (const DkimVerdict& d : dkim) {
    std::string properties = "header.d=" + d.domain;
    if (!d.selector.empty()) properties += " header.s=" + d.selector;
    out.push_back({"dkim", std::string(AuthResultName(d.result)), properties, d.reason});
  }
  if (dmarc) {
    std::string reason = dmarc->reason;
    if (!dmarc->policy.empty())
      reason = "p=" + dmarc->policy + (reason.empty() ? "" : "; ") + reason;
    out.push_back({"dmarc", std::string(AuthResultName(dmarc->result)),
                   "header.from=" + dmarc->from_domain, reason});
  }
  if (arc) out.push_back({"arc", std::string(AuthResultName(*arc)), "", ""});
  return out;
}

}  // namespace becguard::auth
