// Parser of RFC 8601 Authentication-Results and RFC 8617 ARC-Authentication-Results header
// values: several results per header, comments anywhere (nested, escaped), quoted values,
// method versions, ptype.property=value, "reason=", the "none" no-result, and Exchange
// Online's variant without an authserv-id. Malformed parts are skipped, never fatal.
// Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace becguard::auth {

struct AuthProperty {
  std::string ptype;     // "smtp", "header", "body", "policy"; "" for Exchange's "action=none"
  std::string property;  // "mailfrom", "d", "from", ...
  std::string value;     // unquoted
};

struct MethodResult {
  std::string method;  // lower-case: "spf", "dkim", "dmarc", "arc", "compauth", ...
  std::string result;  // lower-case: "pass", "fail", ...
  std::string reason;
  std::string comment;  // the comment right after the result: "(p=REJECT sp=REJECT dis=NONE)"
  std::vector<AuthProperty> properties;

  // The value of ptype.property (case-insensitive names), or "" when absent.
  std::string Property(std::string_view ptype, std::string_view property) const;
};

struct AuthResultsHeader {
  std::string authserv_id;  // lower-case; empty when the header carries none (Exchange Online)
  int arc_instance = 0;     // ARC-Authentication-Results "i=" (0 for Authentication-Results)
  std::vector<MethodResult> results;  // empty for "none"
  bool malformed = false;             // some part could not be parsed and was skipped
};

// nullopt only when nothing at all can be read (empty value, no authserv-id and no result).
std::optional<AuthResultsHeader> ParseAuthenticationResults(std::string_view value);
std::optional<AuthResultsHeader> ParseArcAuthenticationResults(std::string_view value);

}  // namespace becguard::auth
