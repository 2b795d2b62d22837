// The Authentication-Results / ARC-Authentication-Results parser under libFuzzer: attacker-
// written header values must never crash, loop or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "auth/auth_results_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view value(reinterpret_cast<const char*>(data), size);
  if (auto header = becguard::auth::ParseAuthenticationResults(value)) {
    for (const auto& result : header->results) (void)result.Property("smtp", "mailfrom");
  }
  (void)becguard::auth::ParseArcAuthenticationResults(value);
  return 0;
}
