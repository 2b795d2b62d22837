#include "detectors/message_traits.h"
#include "core/ascii.h"

#include <algorithm>

namespace becguard::detectors {
namespace {

std::string Trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

bool HasHeader(const ParsedMessage& message, std::string_view name) {
  return message.FindHeader(name) != nullptr;
}

std::string HeaderLower(const ParsedMessage& message, std::string_view name) {
  const Header* header = message.FindHeader(name);
  return header == nullptr ? std::string() : AsciiLower(Trimmed(header->value));
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

bool IsMailingList(const ParsedMessage& message) {
  if (HasHeader(message, "List-Id") || HasHeader(message, "List-Post") ||
      HasHeader(message, "X-ML-Name") || HasHeader(message, "Mailing-List") ||
      HasHeader(message, "X-Mailman-Version")) {
    return true;
  }
  const std::string precedence = HeaderLower(message, "Precedence");
  return HasHeader(message, "List-Unsubscribe") && (precedence == "list" || precedence == "bulk");
}

bool IsBulkMail(const ParsedMessage& message, const domain::DomainList& esp) {
  if (IsMailingList(message) || HasHeader(message, "List-Unsubscribe")) return true;
  const std::string precedence = HeaderLower(message, "Precedence");
  if (precedence == "bulk" || precedence == "list" || precedence == "junk") return true;
  if (message.return_path && !message.return_path->domain.empty()) {
    const Address& rp = *message.return_path;
    const std::string& reg = rp.registrable_domain.empty() ? rp.domain : rp.registrable_domain;
    if (esp.Contains(reg) || esp.Contains(rp.domain)) return true;
  }
  return false;
}

bool IsAutoReply(const ParsedMessage& message) {
  if (const Header* h = message.FindHeader("Auto-Submitted"); h != nullptr) {
    const std::string value = AsciiLower(Trimmed(h->value));
    // "no" may carry comments: "no (manually sent)".
    if (!value.empty() && value != "no" && !StartsWith(value, "no ") && !StartsWith(value, "no;") &&
        !StartsWith(value, "no(")) {
      return true;
    }
  }
  if (HasHeader(message, "X-Autoreply") || HasHeader(message, "X-Autorespond")) return true;
  return HeaderLower(message, "Precedence") == "auto_reply";
}

std::string ListPostAddress(const ParsedMessage& message) {
  const std::string value = HeaderLower(message, "List-Post");
  const auto at = value.find("mailto:");
  if (at == std::string::npos) return {};
  std::string address = value.substr(at + 7);
  const auto end = address.find_first_of(">?, \t");
  if (end != std::string::npos) address.resize(end);
  return address;
}

bool IsListMungedFrom(const ParsedMessage& message) {
  const Address* from = message.header_from();
  if (from == nullptr || !IsMailingList(message)) return false;
  const std::string name = AsciiLower(from->display_name);
  if (name.find(" via ") != std::string::npos) return true;
  // Lists that rewrite From to their own address without the "via" text.
  const std::string post = ListPostAddress(message);
  return !post.empty() && post == from->address;
}

bool IsBounceAddress(const Address& address) {
  const std::string local = AsciiLower(address.local_part);
  if (local.empty()) return false;
  // VERP and SRS encode the recipient or the original sender with '=' ("x-bounces+u=d.com",
  // "sentto-1-2-u=d.com", "SRS0=h=t=d.com=u", "prvs=tag=u"); people's mailboxes do not.
  if (local.find('=') != std::string::npos) return true;
  if (local.find("bounce") != std::string::npos) return true;
  static constexpr std::string_view kPrefixes[] = {"owner-", "return-", "list-errors", "errors-"};
  for (std::string_view prefix : kPrefixes) {
    if (StartsWith(local, prefix)) return true;
  }
  static constexpr std::string_view kSuffixes[] = {"-errors", "-owner"};
  for (std::string_view suffix : kSuffixes) {
    if (EndsWith(local, suffix)) return true;
  }
  // Hosts dedicated to bounce processing: bounces.example.com, returns.example.com.
  const std::string host = AsciiLower(address.domain);
  const std::string_view first = std::string_view(host).substr(0, host.find('.'));
  return first != host && (StartsWith(first, "bounce") || first == "returns" || first == "return");
}

}  // namespace becguard::detectors
