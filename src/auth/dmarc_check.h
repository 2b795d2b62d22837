// DMARC (RFC 7489) with libopendmarc: the policy record of the From domain (or of its
// organisational domain, from the Public Suffix List), looked up through our DnsResolver, and
// identifier alignment of the SPF and DKIM results.
// Thread-safe: the library's suffix list is loaded once; each call has its own policy context.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/auth_verdicts.h"
#include "auth/dns_resolver.h"

namespace becguard::auth {

struct DmarcInput {
  std::string from_domain;  // header From domain, lower-case
  std::string client_ip;    // may be empty
  std::optional<SpfVerdict> spf;
  std::vector<DkimVerdict> dkim;
};

// kNone when the domain publishes no record; kTempError when DNS failed; kPermError for a
// record that does not parse.
DmarcVerdict CheckDmarc(const DnsResolver& resolver, const DmarcInput& input, DnsBudget& budget);

}  // namespace becguard::auth
