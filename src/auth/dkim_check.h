// DKIM (RFC 6376) verification of every signature of a message with libopendkim; key records
// are fetched through our DnsResolver by the library's key-lookup hook.
// Thread-safe: one DkimVerifier serves many threads (the library handle is shared read-only,
// each message gets its own verification handle).
#pragma once

#include <string_view>
#include <vector>

#include "auth/auth_verdicts.h"
#include "auth/dns_resolver.h"

struct dkim_lib;

namespace becguard::auth {

class DkimVerifier {
 public:
  explicit DkimVerifier(const DnsResolver& resolver);
  ~DkimVerifier();
  DkimVerifier(const DkimVerifier&) = delete;
  DkimVerifier& operator=(const DkimVerifier&) = delete;

  // One verdict per DKIM-Signature (at most max_signatures); empty when unsigned.
  // `raw` is the whole message as received (LF or CRLF line ends).
  std::vector<DkimVerdict> Verify(std::string_view raw, DnsBudget& budget,
                                  int max_signatures = 8) const;

 private:
  const DnsResolver& resolver_;
  dkim_lib* lib_;
};

}  // namespace becguard::auth
