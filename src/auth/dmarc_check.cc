#include "auth/dmarc_check.h"

#include <sys/socket.h>

#include <cstring>
#include <filesystem>
#include <mutex>

extern "C" {
#include <opendmarc/dmarc.h>
}

#include "domain/domain_tools.h"

namespace becguard::auth {
namespace {

constexpr const char* kSuffixList = "/usr/share/publicsuffix/public_suffix_list.dat";

// libopendmarc computes relaxed alignment from a public suffix file; without one it compares
// whole names, so load Debian's list once for the process.
void InitLibrary() {
  static std::once_flag once;
  std::call_once(once, [] {
    static OPENDMARC_LIB_T lib{};
    std::error_code ec;
    if (std::filesystem::exists(kSuffixList, ec)) {
      lib.tld_type = OPENDMARC_TLD_TYPE_MOZILLA;
      std::strncpy(reinterpret_cast<char*>(lib.tld_source_file), kSuffixList,
                   sizeof lib.tld_source_file - 1);
    } else {
      lib.tld_type = OPENDMARC_TLD_TYPE_NONE;
    }
    opendmarc_policy_library_init(&lib);
  });
}

unsigned char* U(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

enum class Fetch { kFound, kAbsent, kTempError };

Fetch FetchRecord(const DnsResolver& resolver, const std::string& domain, DnsBudget& budget,
                  std::string& record) {
  const DnsAnswer answer = resolver.Lookup("_dmarc." + domain, DnsType::kTxt, budget);
  if (answer.status == DnsAnswer::Status::kTempError) return Fetch::kTempError;
  for (const std::string& r : answer.records) {
    // RFC 7489 §6.6.3: only records starting with "v=DMARC1" count.
    if (r.size() >= 8 && (r.compare(0, 8, "v=DMARC1") == 0 || r.compare(0, 8, "v=dmarc1") == 0)) {
      record = r;
      return Fetch::kFound;
    }
  }
  return Fetch::kAbsent;
}

int SpfOutcome(AuthResult result) {
  switch (result) {
    case AuthResult::kPass:
      return DMARC_POLICY_SPF_OUTCOME_PASS;
    case AuthResult::kFail:
    case AuthResult::kSoftFail:
      return DMARC_POLICY_SPF_OUTCOME_FAIL;
    case AuthResult::kTempError:
      return DMARC_POLICY_SPF_OUTCOME_TMPFAIL;
    default:
      return DMARC_POLICY_SPF_OUTCOME_NONE;
  }
}

int DkimOutcome(AuthResult result) {
  switch (result) {
    case AuthResult::kPass:
      return DMARC_POLICY_DKIM_OUTCOME_PASS;
    case AuthResult::kFail:
      return DMARC_POLICY_DKIM_OUTCOME_FAIL;
    case AuthResult::kTempError:
      return DMARC_POLICY_DKIM_OUTCOME_TMPFAIL;
    default:
      return DMARC_POLICY_DKIM_OUTCOME_NONE;
  }
}

std::string PolicyName(int p) {
  switch (p) {
    case DMARC_RECORD_P_REJECT:
      return "reject";
    case DMARC_RECORD_P_QUARANTINE:
      return "quarantine";
    case DMARC_RECORD_P_NONE:
      return "none";
    default:
      return "";
  }
}

}  // namespace

DmarcVerdict CheckDmarc(const DnsResolver& resolver, const DmarcInput& input, DnsBudget& budget) {
  InitLibrary();
  DmarcVerdict verdict;
  verdict.from_domain = input.from_domain;
  if (input.from_domain.empty()) {
    verdict.result = AuthResult::kPermError;
    verdict.reason = "no From domain";
    return verdict;
  }
  std::string record;
  std::string org = domain::RegistrableDomain(input.from_domain);
  Fetch fetched = FetchRecord(resolver, input.from_domain, budget, record);
  bool from_org = false;
  if (fetched == Fetch::kAbsent && !org.empty() && org != input.from_domain) {
    fetched = FetchRecord(resolver, org, budget, record);
    from_org = fetched == Fetch::kFound;
  }
  if (fetched == Fetch::kTempError) {
    verdict.result = AuthResult::kTempError;
    verdict.reason = "DMARC record lookup failed";
    return verdict;
  }
  if (fetched == Fetch::kAbsent) {
    verdict.result = AuthResult::kNone;
    verdict.reason = "no DMARC record";
    return verdict;
  }

  std::string ip = input.client_ip.empty() ? std::string("0.0.0.0") : input.client_ip;
  const int ip_type =
      ip.find(':') != std::string::npos ? DMARC_POLICY_IP_TYPE_IPV6 : DMARC_POLICY_IP_TYPE_IPV4;
  DMARC_POLICY_T* policy = opendmarc_policy_connect_init(U(ip), ip_type);
  if (policy == nullptr) {
    verdict.result = AuthResult::kTempError;
    verdict.reason = "libopendmarc could not start";
    return verdict;
  }
  std::string from = input.from_domain;
  opendmarc_policy_store_from_domain(policy, U(from));
  std::string found_at = from_org ? org : from;
  const int parsed =
      opendmarc_policy_store_dmarc(policy, U(record), U(from), from_org ? U(found_at) : nullptr);
  if (parsed != DMARC_PARSE_OKAY) {
    verdict.result = AuthResult::kPermError;
    verdict.reason = std::string("bad DMARC record: ") + opendmarc_policy_status_to_str(parsed);
    opendmarc_policy_connect_shutdown(policy);
    return verdict;
  }
  if (input.spf && !input.spf->domain.empty()) {
    std::string spf_domain = input.spf->domain;
    std::string human(AuthResultName(input.spf->result));
    opendmarc_policy_store_spf(
        policy, U(spf_domain), SpfOutcome(input.spf->result),
        input.spf->helo ? DMARC_POLICY_SPF_ORIGIN_HELO : DMARC_POLICY_SPF_ORIGIN_MAILFROM,
        U(human));
  }
  for (const DkimVerdict& dkim : input.dkim) {
    if (dkim.domain.empty()) continue;
    std::string d = dkim.domain, selector = dkim.selector;
    std::string human(AuthResultName(dkim.result));
    opendmarc_policy_store_dkim(policy, U(d), U(selector), DkimOutcome(dkim.result), U(human));
  }
  const int outcome = opendmarc_get_policy_to_enforce(policy);
  int dkim_alignment = 0, spf_alignment = 0, p = 0, sp = 0;
  opendmarc_policy_fetch_alignment(policy, &dkim_alignment, &spf_alignment);
  opendmarc_policy_fetch_p(policy, &p);
  opendmarc_policy_fetch_sp(policy, &sp);
  verdict.dkim_aligned = dkim_alignment == DMARC_POLICY_DKIM_ALIGNMENT_PASS;
  verdict.spf_aligned = spf_alignment == DMARC_POLICY_SPF_ALIGNMENT_PASS;
  const bool subdomain_policy = opendmarc_get_policy_token_used(policy) == DMARC_USED_POLICY_IS_SP;
  verdict.policy = PolicyName(subdomain_policy && sp != 0 ? sp : p);
  switch (outcome) {
    case DMARC_POLICY_PASS:
      verdict.result = AuthResult::kPass;
      break;
    case DMARC_POLICY_REJECT:
    case DMARC_POLICY_QUARANTINE:
    case DMARC_POLICY_NONE:
      verdict.result = AuthResult::kFail;
      verdict.reason = verdict.dkim_aligned || verdict.spf_aligned ? "aligned identity did not pass"
                                                                   : "no aligned SPF or DKIM pass";
      break;
    default:
      verdict.result = AuthResult::kNone;
      break;
  }
  opendmarc_policy_connect_shutdown(policy);
  return verdict;
}

}  // namespace becguard::auth
