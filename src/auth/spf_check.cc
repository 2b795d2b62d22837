#include "auth/spf_check.h"

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>

#include <cstring>
#include <mutex>

extern "C" {
#include <spf2/spf.h>
#include <spf2/spf_dns.h>
}

namespace becguard::auth {
namespace {

struct LookupContext {
  const DnsResolver* resolver;
  DnsBudget* budget;
  bool temp_failed = false;
};

void Silent(const char*, int, const char*) {}

// libspf2 prints warnings (e.g. about odd records in mail we scan) to stderr by default.
void QuietLibspf2() {
  static std::once_flag once;
  std::call_once(once, [] {
    SPF_warning_handler = &Silent;
    SPF_info_handler = &Silent;
    SPF_debug_handler = &Silent;
  });
}

// The SPF_dns_server_t "lookup" hook: one DNS question, answered by our resolver in the shape
// libspf2's own resolver layer produces (herrno codes, A/AAAA as binary, names as text).
SPF_dns_rr_t* Lookup(SPF_dns_server_t* server, const char* domain, ns_type type, int) {
  auto* context = static_cast<LookupContext*>(server->hook);
  DnsType dns_type;
  switch (type) {
    case ns_t_a:
      dns_type = DnsType::kA;
      break;
    case ns_t_aaaa:
      dns_type = DnsType::kAaaa;
      break;
    case ns_t_mx:
      dns_type = DnsType::kMx;
      break;
    case ns_t_ptr:
      dns_type = DnsType::kPtr;
      break;
    case ns_t_txt:
      dns_type = DnsType::kTxt;
      break;
    default:
      return SPF_dns_rr_new_init(server, domain, type, 0, NO_DATA);
  }
  const DnsAnswer answer = context->resolver->Lookup(domain, dns_type, *context->budget);
  switch (answer.status) {
    case DnsAnswer::Status::kNxDomain:
      return SPF_dns_rr_new_init(server, domain, type, 0, HOST_NOT_FOUND);
    case DnsAnswer::Status::kNoData:
      return SPF_dns_rr_new_init(server, domain, type, 0, NO_DATA);
    case DnsAnswer::Status::kTempError:
      context->temp_failed = true;
      return SPF_dns_rr_new_init(server, domain, type, 0, TRY_AGAIN);
    case DnsAnswer::Status::kOk:
      break;
  }
  SPF_dns_rr_t* rr =
      SPF_dns_rr_new_init(server, domain, type, static_cast<int>(answer.ttl), NETDB_SUCCESS);
  if (rr == nullptr) return nullptr;
  int count = 0;
  for (const std::string& record : answer.records) {
    if (dns_type == DnsType::kA || dns_type == DnsType::kAaaa) {
      const bool v4 = dns_type == DnsType::kA;
      const std::size_t size = v4 ? sizeof(in_addr) : sizeof(in6_addr);
      if (SPF_dns_rr_buf_realloc(rr, count, size) != SPF_E_SUCCESS) break;
      void* target = v4 ? static_cast<void*>(&rr->rr[count]->a) : &rr->rr[count]->aaaa;
      if (inet_pton(v4 ? AF_INET : AF_INET6, record.c_str(), target) != 1) continue;
    } else {
      if (SPF_dns_rr_buf_realloc(rr, count, record.size() + 1) != SPF_E_SUCCESS) break;
      std::memcpy(rr->rr[count]->txt, record.c_str(), record.size() + 1);
    }
    ++count;
  }
  rr->num_rr = count;
  if (count == 0) rr->herrno = NO_DATA;
  return rr;
}

AuthResult FromSpf(SPF_result_t result) {
  switch (result) {
    case SPF_RESULT_PASS:
      return AuthResult::kPass;
    case SPF_RESULT_FAIL:
      return AuthResult::kFail;
    case SPF_RESULT_SOFTFAIL:
      return AuthResult::kSoftFail;
    case SPF_RESULT_NEUTRAL:
      return AuthResult::kNeutral;
    case SPF_RESULT_NONE:
      return AuthResult::kNone;
    case SPF_RESULT_TEMPERROR:
      return AuthResult::kTempError;
    case SPF_RESULT_PERMERROR:
      return AuthResult::kPermError;
    default:
      return AuthResult::kPermError;
  }
}

std::string DomainOf(const std::string& address) {
  const std::size_t at = address.rfind('@');
  std::string domain = at == std::string::npos ? address : address.substr(at + 1);
  for (char& c : domain) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return domain;
}

}  // namespace

SpfVerdict CheckSpf(const DnsResolver& resolver, const SpfInput& input, DnsBudget& budget) {
  QuietLibspf2();
  SpfVerdict verdict;
  verdict.helo = input.mail_from.empty();
  const std::string identity =
      verdict.helo ? (input.helo.empty() ? std::string() : "postmaster@" + input.helo)
                   : input.mail_from;
  verdict.domain = DomainOf(identity);
  if (verdict.domain.empty() || input.client_ip.empty()) {
    verdict.reason = "no identity to check";
    return verdict;
  }
  LookupContext context{&resolver, &budget, false};
  SPF_dns_server_t dns{};
  dns.lookup = &Lookup;
  dns.name = "becguard";
  dns.hook = &context;  // destroy stays null: libspf2 must not free our stack object

  SPF_server_t* server = SPF_server_new_dns(&dns, 0);
  if (server == nullptr) {
    verdict.result = AuthResult::kTempError;
    verdict.reason = "libspf2 could not start";
    return verdict;
  }
  SPF_request_t* request = SPF_request_new(server);
  const bool v6 = input.client_ip.find(':') != std::string::npos;
  SPF_errcode_t status = v6 ? SPF_request_set_ipv6_str(request, input.client_ip.c_str())
                            : SPF_request_set_ipv4_str(request, input.client_ip.c_str());
  if (status != SPF_E_SUCCESS) {
    verdict.result = AuthResult::kPermError;
    verdict.reason = "bad client IP " + input.client_ip;
  } else {
    if (!input.helo.empty()) SPF_request_set_helo_dom(request, input.helo.c_str());
    SPF_request_set_env_from(request, identity.c_str());
    SPF_response_t* response = nullptr;
    SPF_request_query_mailfrom(request, &response);
    if (response != nullptr) {
      verdict.result = FromSpf(SPF_response_result(response));
      if (const char* comment = SPF_response_get_header_comment(response)) {
        verdict.reason = comment;
      }
      SPF_response_free(response);
    } else {
      verdict.result = AuthResult::kTempError;
    }
    // libspf2 reports an unanswered lookup as permerror; RFC 7208 §2.6.6 says temperror.
    // Lookups run in evaluation order, so a failed one decided everything after it.
    if (context.temp_failed && verdict.result != AuthResult::kPass) {
      verdict.result = AuthResult::kTempError;
      verdict.reason = "DNS lookup failed or timed out";
    }
  }
  SPF_request_free(request);
  SPF_server_free(server);
  return verdict;
}

}  // namespace becguard::auth
