// SPF (RFC 7208) of the SMTP envelope with libspf2, its DNS answered by our DnsResolver (so the
// server, timeouts and cache are ours, not the system resolver's).
// Thread-safe: each call builds its own libspf2 server and request.
#pragma once

#include <string>

#include "auth/auth_verdicts.h"
#include "auth/dns_resolver.h"

namespace becguard::auth {

struct SpfInput {
  std::string client_ip;  // required
  std::string helo;
  std::string mail_from;  // empty: null sender, the HELO identity is checked
};

// kNone when the identity has no domain to check; kTempError when DNS failed or timed out.
SpfVerdict CheckSpf(const DnsResolver& resolver, const SpfInput& input, DnsBudget& budget);

}  // namespace becguard::auth
