// Authenticator: the authentication stage of the engine (parse -> auth -> detect). Per message
// it trusts the Authentication-Results of configured authserv-ids above the trust boundary
// and, in verify mode, checks SPF, DKIM and DMARC itself over DNS; the result is one
// AuthVerdicts that detectors read. DNS happens here and nowhere else in a scan.
// Thread-safe: Evaluate is const and may run on many threads (the resolver cache is locked).
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "auth/auth_verdicts.h"
#include "auth/dkim_check.h"
#include "auth/dns_resolver.h"
#include "becguard/config.h"
#include "becguard/engine.h"
#include "becguard/message.h"
#include "becguard/result.h"

namespace becguard::auth {

class Authenticator {
 public:
  // Fails on a bad resolver address (verify mode only).
  static Result<std::unique_ptr<Authenticator>> Create(const AuthConfig& config);

  AuthVerdicts Evaluate(const ParsedMessage& message, std::string_view raw,
                        const std::optional<SmtpEnvelope>& envelope) const;

  // Null unless mode is verify.
  const DnsResolver* resolver() const { return resolver_.get(); }

 private:
  explicit Authenticator(AuthConfig config) : config_(std::move(config)) {}

  AuthConfig config_;
  std::unique_ptr<DnsResolver> resolver_;
  std::unique_ptr<DkimVerifier> dkim_;
};

}  // namespace becguard::auth
