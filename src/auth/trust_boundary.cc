#include "auth/trust_boundary.h"

#include <string>

namespace becguard::auth {
namespace {

bool IsReceived(std::string_view name) {
  constexpr std::string_view kName = "received";
  if (name.size() != kName.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i] >= 'A' && name[i] <= 'Z' ? static_cast<char>(name[i] + 32) : name[i];
    if (c != kName[i]) return false;
  }
  return true;
}

}  // namespace

bool HostMatches(std::string_view host, const std::vector<std::string>& trusted_hosts) {
  std::string lower(host);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  while (!lower.empty() && lower.back() == '.') lower.pop_back();
  if (lower.empty()) return false;
  for (const std::string& pattern : trusted_hosts) {
    if (pattern.starts_with("*.")) {
      const std::string_view suffix = std::string_view(pattern).substr(1);  // ".example.com"
      if (lower.size() > suffix.size() && lower.ends_with(suffix)) return true;
    } else if (lower == pattern) {
      return true;
    }
  }
  return false;
}

TrustBoundary FindTrustBoundary(const ParsedMessage& message,
                                const std::vector<std::string>& trusted_hosts) {
  TrustBoundary boundary;
  boundary.header_index = message.headers.size();
  if (trusted_hosts.empty()) return boundary;
  std::size_t hop = 0;
  for (std::size_t i = 0; i < message.headers.size() && hop < message.received.size(); ++i) {
    if (!IsReceived(message.headers[i].name)) continue;
    const ReceivedHop& received = message.received[hop++];
    if (!HostMatches(received.by_host, trusted_hosts)) {
      // Above the trusted MTAs (a later local hop): keep looking. Below them: the boundary.
      if (boundary.entry != nullptr) break;
      continue;
    }
    boundary.entry = &received;
    boundary.header_index = i;
    // A relay between two trusted MTAs: the mail entered further down.
    if (!HostMatches(received.from_host, trusted_hosts)) break;
  }
  return boundary;
}

}  // namespace becguard::auth
