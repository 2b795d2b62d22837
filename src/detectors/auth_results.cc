#include "detectors/auth_results.h"

#include <string>

#include "detectors/config_util.h"
#include "detectors/learned_util.h"
#include "detectors/message_traits.h"
#include "detectors/strength_config.h"

namespace becguard::detectors {
namespace {

using auth::AuthResult;
using auth::AuthVerdicts;

enum class Claim { kOrganization, kPartner, kCounterparty, kOther };

Claim ClaimOf(const DetectorContext& context, const std::string& registrable) {
  if (context.org.IsOrgDomain(registrable)) return Claim::kOrganization;
  if (context.org.IsPartnerDomain(registrable)) return Claim::kPartner;
  if (context.learned != nullptr && IsKnownDomain(*context.learned, registrable)) {
    return Claim::kCounterparty;
  }
  return Claim::kOther;
}

std::string_view ClaimName(Claim claim) {
  switch (claim) {
    case Claim::kOrganization:
      return "an organisation domain";
    case Claim::kPartner:
      return "a partner domain";
    case Claim::kCounterparty:
      return "a known counterparty";
    case Claim::kOther:
      return "";
  }
  return "";
}

std::string Source(auth::AuthSource source) {
  return source == auth::AuthSource::kTrusted ? "trusted result" : "verified";
}

class AuthResults final : public Detector {
 public:
  explicit AuthResults(AuthResultsConfig config) : config_(config) {}

  std::string_view name() const override { return "auth_results"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    const AuthVerdicts& auth = context.features.auth;
    if (!auth.evaluated() || auth.from_domain.empty()) return;
    const std::string from_reg = domain::RegistrableDomain(auth.from_domain);
    const Claim claim = ClaimOf(context, from_reg);
    const bool is_protected = claim == Claim::kOrganization || claim == Claim::kPartner;
    const double list = IsMailingList(context.message) ? config_.mailing_list_factor : 1.0;
    std::string who(ClaimName(claim));
    if (!who.empty()) who = "; From is " + who;

    if (auth.DmarcFail()) {
      const auth::DmarcVerdict& dmarc = *auth.dmarc;
      double strength = claim == Claim::kCounterparty  ? 0.8
                        : is_protected                 ? 1.0
                        : dmarc.policy == "reject"     ? 0.6
                        : dmarc.policy == "quarantine" ? 0.5
                                                       : 0.3;
      sink.Add(FindingId::kAuthDmarcFail,
               Evidence{"DMARC", auth.from_domain + " dmarc=fail",
                        "an SPF or DKIM pass aligned with " + auth.from_domain,
                        (dmarc.policy.empty() ? std::string() : "p=" + dmarc.policy + "; ") +
                            Source(dmarc.source) + who},
               strength * list);
    }

    if (auth.spf && !auth.DmarcPass() &&
        (auth.spf->result == AuthResult::kFail || auth.spf->result == AuthResult::kSoftFail)) {
      const bool soft = auth.spf->result == AuthResult::kSoftFail;
      const Claim spf_claim = ClaimOf(context, domain::RegistrableDomain(auth.spf->domain));
      const bool spf_protected = spf_claim == Claim::kOrganization || spf_claim == Claim::kPartner;
      const double strength = (soft ? 0.5 : 1.0) * (spf_protected ? 1.0 : 0.6);
      sink.Add(FindingId::kAuthSpfFail,
               Evidence{"SPF", (auth.spf->helo ? "helo " : "mailfrom ") + auth.spf->domain,
                        "a server the domain authorises",
                        std::string(auth::AuthResultName(auth.spf->result)) + "; " +
                            Source(auth.spf->source) +
                            (auth.spf->reason.empty() ? "" : "; " + auth.spf->reason)},
               strength);
    }

    InspectDkim(auth, from_reg, list, sink);

    const bool no_dmarc = !auth.dmarc || auth.dmarc->result == AuthResult::kNone;
    if (no_dmarc && auth.AnyPass() && !auth.AnyAlignedPass()) {
      std::string passing;
      if (auth.SpfPass()) passing = "spf " + auth.spf->domain;
      for (const auth::DkimVerdict& d : auth.dkim) {
        if (d.result != AuthResult::kPass) continue;
        if (!passing.empty()) passing += ", ";
        passing += "dkim " + d.domain;
      }
      sink.Add(FindingId::kAuthUnaligned,
               Evidence{"authentication", passing, auth.from_domain,
                        "passes only for other domains; no DMARC record" + who},
               (is_protected ? 1.0 : config_.unprotected_unaligned_strength) * list);
    }

    if (is_protected && no_dmarc && NothingAuthenticates(auth)) {
      sink.Add(FindingId::kAuthNone,
               Evidence{"authentication", auth.from_domain, "SPF, DKIM or DMARC",
                        "no SPF record, no DKIM signature, no DMARC record" + who},
               claim == Claim::kOrganization ? 1.0 : 0.7);
    }
  }

 private:
  // SPF must have been checked and found no record: unknown is not "none".
  static bool NothingAuthenticates(const AuthVerdicts& auth) {
    return auth.dkim.empty() && auth.spf && auth.spf->result == AuthResult::kNone;
  }

  // A signature that does not verify matters when no signature of the same domain passes;
  // the From domain's own broken body hash means the content changed after it was signed.
  void InspectDkim(const AuthVerdicts& auth, const std::string& from_reg, double list,
                   FindingSink& sink) const {
    const auth::DkimVerdict* worst = nullptr;
    double strength = 0.0;
    for (const auth::DkimVerdict& d : auth.dkim) {
      if (d.result != AuthResult::kFail) continue;
      if (auth.DkimPassFor(d.domain)) continue;
      const double s = auth::RelaxedAligned(d.domain, from_reg) ? 1.0 : 0.4;
      if (s > strength) {
        strength = s;
        worst = &d;
      }
    }
    if (worst == nullptr) return;
    sink.Add(FindingId::kAuthDkimFail,
             Evidence{"DKIM-Signature", "d=" + worst->domain + " s=" + worst->selector,
                      "a signature that verifies",
                      (worst->reason.empty() ? std::string("fail") : worst->reason) + "; " +
                          Source(worst->source)},
             strength * list);
  }

  AuthResultsConfig config_;
};

}  // namespace

Result<AuthResultsConfig> ParseAuthResultsConfig(const toml::table& section) {
  constexpr std::string_view kWhere = "[detectors.auth_results]";
  BECGUARD_RETURN_IF_ERROR(
      CheckKnownKeys(section, kWhere, {"unprotected_unaligned_strength", "mailing_list_factor"}));
  AuthResultsConfig config;
  auto unaligned = ReadStrength(section, kWhere, "unprotected_unaligned_strength",
                                config.unprotected_unaligned_strength);
  if (!unaligned) return tl::unexpected(unaligned.error());
  config.unprotected_unaligned_strength = *unaligned;
  auto list = ReadStrength(section, kWhere, "mailing_list_factor", config.mailing_list_factor);
  if (!list) return tl::unexpected(list.error());
  config.mailing_list_factor = *list;
  return config;
}

Result<std::unique_ptr<Detector>> CreateAuthResults(const toml::table& section) {
  auto config = ParseAuthResultsConfig(section);
  if (!config) return tl::unexpected(config.error());
  return std::unique_ptr<Detector>(std::make_unique<AuthResults>(*config));
}

}  // namespace becguard::detectors
