#include "dkim_test_signer.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <vector>

#define _Bool bool
extern "C" {
#include <opendkim/dkim.h>
}
#undef _Bool

namespace becguard::auth::testing {

DkimTestKey GenerateDkimKey(int bits) {
  DkimTestKey key;
  EVP_PKEY* pkey = EVP_RSA_gen(static_cast<unsigned int>(bits));
  if (pkey == nullptr) return key;
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, pkey, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  key.private_pem.assign(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  const int der_size = i2d_PUBKEY(pkey, nullptr);
  std::vector<unsigned char> der(static_cast<std::size_t>(der_size));
  unsigned char* out = der.data();
  i2d_PUBKEY(pkey, &out);
  std::vector<unsigned char> b64(static_cast<std::size_t>(4 * ((der_size + 2) / 3) + 1));
  const int b64_size = EVP_EncodeBlock(b64.data(), der.data(), der_size);
  key.public_base64.assign(reinterpret_cast<char*>(b64.data()), static_cast<std::size_t>(b64_size));
  EVP_PKEY_free(pkey);
  return key;
}

std::string DkimSign(const std::string& message, const DkimTestKey& key, const std::string& domain,
                     const std::string& selector) {
  DKIM_LIB* lib = dkim_init(nullptr, nullptr);
  if (lib == nullptr) return {};
  unsigned int flags = DKIM_LIBFLAGS_FIXCRLF;
  dkim_options(lib, DKIM_OP_SETOPT, DKIM_OPTS_FLAGS, &flags, sizeof flags);
  DKIM_STAT status = DKIM_STAT_OK;
  std::string secret = key.private_pem;
  DKIM* dkim = dkim_sign(lib, reinterpret_cast<const unsigned char*>("test"), nullptr,
                         reinterpret_cast<unsigned char*>(secret.data()),
                         reinterpret_cast<const unsigned char*>(selector.c_str()),
                         reinterpret_cast<const unsigned char*>(domain.c_str()), DKIM_CANON_RELAXED,
                         DKIM_CANON_RELAXED, DKIM_SIGN_RSASHA256, -1, &status);
  std::string signed_message;
  if (dkim != nullptr) {
    std::string copy = message;
    status = dkim_chunk(dkim, reinterpret_cast<unsigned char*>(copy.data()), copy.size());
    if (status == DKIM_STAT_OK) status = dkim_chunk(dkim, nullptr, 0);
    if (status == DKIM_STAT_OK) status = dkim_eom(dkim, nullptr);
    unsigned char* header = nullptr;
    size_t length = 0;
    constexpr std::string_view kName = "DKIM-Signature: ";
    if (status == DKIM_STAT_OK &&
        dkim_getsighdr_d(dkim, kName.size(), &header, &length) == DKIM_STAT_OK) {
      // The header comes folded with CRLF; use the message's own line ends.
      std::string value = reinterpret_cast<char*>(header);
      const bool crlf = message.find("\r\n") != std::string::npos;
      if (!crlf) {
        for (std::size_t at; (at = value.find("\r\n")) != std::string::npos;) value.erase(at, 1);
      }
      signed_message = std::string(kName) + value + (crlf ? "\r\n" : "\n") + message;
    }
    dkim_free(dkim);
  }
  dkim_close(lib);
  return signed_message;
}

}  // namespace becguard::auth::testing
