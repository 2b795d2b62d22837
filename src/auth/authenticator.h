// Authenticator: the authentication stage of the engine (parse -> auth -> detect). Per message
// it trusts the Authentication-Results of configured authserv-ids above the trust boundary
// and, in verify mode, checks SPF, DKIM and DMARC itself over DNS; the result is one
// AuthVerdicts that detectors read. DNS happens here and nowhere else in a scan.
// Thread-safe: Evaluate is const and may run on many threads (the resolver cache is locked).
#pragma once

#include <cstddef>
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
  // Fails on a bad resolver address (verify mode only). Messages larger than
  // max_message_bytes (the parser's limit) are not DKIM-verified: hashing what the parser
  // will not read is a cheap way to make a scanner spend CPU.
  static Result<std::unique_ptr<Authenticator>> Create(const AuthConfig& config,
                                                       std::size_t max_message_bytes = 25u << 20);

  AuthVerdicts Evaluate(const ParsedMessage& message, std::string_view raw,
                        const std::optional<SmtpEnvelope>& envelope) const;

  // Null unless mode is verify.
  const DnsResolver* resolver() const { return resolver_.get(); }

 private:
  Authenticator(AuthConfig config, std::size_t max_message_bytes)
      : config_(std::move(config)), max_message_bytes_(max_message_bytes) {}

  AuthConfig config_;
  std::size_t max_message_bytes_;
  std::unique_ptr<DnsResolver> resolver_;
  std::unique_ptr<DkimVerifier> dkim_;
};

}  // namespace becguard::auth
