// The trust boundary of a message: which of its headers the organisation's own MTAs wrote.
// Headers are prepended hop by hop, so everything above the Received header of the hop where
// mail entered the trusted MTAs is theirs, and everything below may have been written by the
// sender, an attacker included. That hop also gives the SMTP client IP and HELO when the
// envelope is not known (`becguard scan` of a stored file).
// Stateless; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "becguard/message.h"

namespace becguard::auth {

struct TrustBoundary {
  // The hop where mail entered the trusted MTAs; nullptr when no Received header was written
  // by one of them (or none is configured).
  const ReceivedHop* entry = nullptr;
  // Index in ParsedMessage::headers of the entry hop's Received header; headers before it
  // were written by trusted MTAs. headers.size() when entry is nullptr.
  std::size_t header_index = 0;
};

// `trusted_hosts` are lower-case host names; "*.example.com" matches any subdomain.
bool HostMatches(std::string_view host, const std::vector<std::string>& trusted_hosts);

TrustBoundary FindTrustBoundary(const ParsedMessage& message,
                                const std::vector<std::string>& trusted_hosts);

}  // namespace becguard::auth
