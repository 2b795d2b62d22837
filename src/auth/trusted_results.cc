#include "auth/trusted_results.h"

#include <algorithm>
#include <optional>
#include <string>

#include "auth/auth_results_parser.h"
#include "core/ascii.h"

namespace becguard::auth {
namespace {

bool NameIs(std::string_view name, std::string_view expected) {
  if (name.size() != expected.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i] >= 'A' && name[i] <= 'Z' ? static_cast<char>(name[i] + 32) : name[i];
    if (c != expected[i]) return false;
  }
  return true;
}

std::string DomainOf(std::string value) {
  const std::size_t at = value.rfind('@');
  if (at != std::string::npos) value = value.substr(at + 1);
  for (char& c : value) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  while (!value.empty() && value.back() == '.') value.pop_back();
  return value;
}

// The published DMARC policy as receivers report it: "policy.dmarc=reject", opendmarc's and
// Gmail's comment "(p=REJECT sp=REJECT dis=NONE)", or Exchange's "action=oreject" (what it
// did, which follows the policy). "" when unknown.
std::string PolicyOf(const MethodResult& r) {
  std::string policy = AsciiLower(r.Property("policy", "dmarc"));
  if (policy.empty()) {
    const std::string comment = AsciiLower(r.comment);
    std::size_t at = comment.find("p=");
    while (at != std::string::npos && at > 0 && comment[at - 1] != ' ') {
      at = comment.find("p=", at + 1);  // skip "sp=", "bp="
    }
    if (at != std::string::npos) {
      const std::size_t end = comment.find_first_of(" ;,)", at + 2);
      policy = comment.substr(at + 2, end == std::string::npos ? end : end - at - 2);
    }
  }
  if (policy.empty()) {
    const std::string action = AsciiLower(r.Property("", "action"));
    if (action == "reject" || action == "oreject") policy = "reject";
    if (action == "quarantine" || action == "oquarantine") policy = "quarantine";
    if (action == "none") policy = "none";
  }
  if (policy != "reject" && policy != "quarantine" && policy != "none") return {};
  return policy;
}

bool Trusted(const AuthResultsHeader& header, const AuthConfig& config,
             const TrustBoundary& boundary) {
  if (header.authserv_id.empty()) return config.trust_exchange_online && boundary.entry != nullptr;
  return std::find(config.trusted_authserv_ids.begin(), config.trusted_authserv_ids.end(),
                   header.authserv_id) != config.trusted_authserv_ids.end();
}

// Adds the methods of one trusted header that no header above it reported.
void Merge(const AuthResultsHeader& header, AuthVerdicts& out, bool& have_dkim) {
  bool dkim_here = false;
  for (const MethodResult& r : header.results) {
    if (r.method == "spf" && !out.spf) {
      SpfVerdict spf;
      spf.source = AuthSource::kTrusted;
      spf.result = AuthResultFromName(r.result);
      std::string identity = r.Property("smtp", "mailfrom");
      if (identity.empty()) {
        identity = r.Property("smtp", "helo");
        spf.helo = !identity.empty();
      }
      spf.domain = DomainOf(identity);
      spf.reason = r.reason;
      out.spf = std::move(spf);
    } else if (r.method == "dkim" && !have_dkim) {
      DkimVerdict dkim;
      dkim.source = AuthSource::kTrusted;
      dkim.result = AuthResultFromName(r.result);
      dkim.domain = DomainOf(r.Property("header", "d"));
      if (dkim.domain.empty()) dkim.domain = DomainOf(r.Property("header", "i"));
      dkim.selector = r.Property("header", "s");
      dkim.reason = r.reason;
      // "dkim=none header.d=none": Exchange's way of saying the message was not signed.
      if (dkim.result == AuthResult::kNone || dkim.domain == "none") continue;
      out.dkim.push_back(std::move(dkim));
      dkim_here = true;
    } else if (r.method == "dmarc" && !out.dmarc) {
      DmarcVerdict dmarc;
      dmarc.source = AuthSource::kTrusted;
      // Exchange's "bestguesspass": no record was published; a guess proves nothing.
      dmarc.result = r.result == "bestguesspass" ? AuthResult::kNone : AuthResultFromName(r.result);
      dmarc.from_domain = DomainOf(r.Property("header", "from"));
      dmarc.policy = PolicyOf(r);
      dmarc.reason = r.reason;
      out.dmarc = std::move(dmarc);
    } else if (r.method == "arc" && !out.arc) {
      out.arc = AuthResultFromName(r.result);
    }
  }
  have_dkim = have_dkim || dkim_here;
}

}  // namespace

AuthVerdicts TrustedVerdicts(const ParsedMessage& message, const AuthConfig& config,
                             const TrustBoundary& boundary) {
  AuthVerdicts out;
  bool have_dkim = false;
  std::optional<AuthResultsHeader> arc;
  const std::size_t limit = std::min(boundary.header_index, message.headers.size());
  for (std::size_t i = 0; i < limit; ++i) {
    const Header& h = message.headers[i];
    if (NameIs(h.name, "authentication-results")) {
      auto parsed = ParseAuthenticationResults(h.value);
      if (parsed && Trusted(*parsed, config, boundary)) Merge(*parsed, out, have_dkim);
    } else if (NameIs(h.name, "arc-authentication-results")) {
      auto parsed = ParseArcAuthenticationResults(h.value);
      if (parsed && !parsed->authserv_id.empty() && Trusted(*parsed, config, boundary) &&
          (!arc || parsed->arc_instance > arc->arc_instance)) {
        arc = std::move(parsed);
      }
    }
  }
  // ARC results of a trusted intermediary stand in when no Authentication-Results were trusted.
  if (!out.evaluated() && arc) Merge(*arc, out, have_dkim);
  if (out.dmarc) {
    for (const DkimVerdict& d : out.dkim) {
      if (d.result == AuthResult::kPass && RelaxedAligned(d.domain, out.dmarc->from_domain)) {
        out.dmarc->dkim_aligned = true;
      }
    }
    out.dmarc->spf_aligned = out.spf && out.spf->result == AuthResult::kPass &&
                             RelaxedAligned(out.spf->domain, out.dmarc->from_domain);
  }
  return out;
}

}  // namespace becguard::auth
