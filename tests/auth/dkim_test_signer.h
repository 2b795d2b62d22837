// Test support: an RSA key generated at test time and DKIM signing with libopendkim, so the
// auth tests verify signatures no fixture file could have gone stale on. Not thread-safe.
#pragma once

#include <string>

namespace becguard::auth::testing {

struct DkimTestKey {
  std::string private_pem;
  std::string public_base64;  // SubjectPublicKeyInfo DER, for the p= tag
  std::string TxtRecord() const { return "v=DKIM1; k=rsa; p=" + public_base64; }
};

DkimTestKey GenerateDkimKey(int bits = 2048);

// The message with a DKIM-Signature header (relaxed/relaxed, rsa-sha256) prepended; "" when
// signing failed.
std::string DkimSign(const std::string& message, const DkimTestKey& key, const std::string& domain,
                     const std::string& selector);

}  // namespace becguard::auth::testing
