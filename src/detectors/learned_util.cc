#include "detectors/learned_util.h"

#include "domain/domain_tools.h"
#include "text/normalize.h"

#include <ctime>

namespace becguard::detectors {

const context::LearnedContext* LearnedWithHistory(const DetectorContext& context,
                                                  std::int64_t min_history) {
  if (context.learned == nullptr) return nullptr;
  if (context.learned->learned_messages <= 0) return nullptr;
  if (context.learned->learned_messages < min_history) return nullptr;
  return context.learned;
}

const context::Correspondent* FindCorrespondent(const context::LearnedContext& learned,
                                                std::string_view address) {
  const auto it = learned.correspondents.find(std::string(address));
  return it == learned.correspondents.end() ? nullptr : &it->second;
}

bool IsKnownCorrespondent(const context::LearnedContext& learned, std::string_view address) {
  const context::Correspondent* c = FindCorrespondent(learned, address);
  return c != nullptr && context::IsKnownCorrespondent(*c, learned.trust);
}

bool IsKnownDomain(const context::LearnedContext& learned, std::string_view registrable) {
  if (registrable.empty()) return false;
  const auto it = learned.domains.find(std::string(registrable));
  if (it != learned.domains.end() && context::IsKnownDomain(it->second, learned.trust)) {
    return true;
  }
  for (const auto& [address, c] : learned.correspondents) {
    if (c.registrable_domain == registrable && context::IsKnownCorrespondent(c, learned.trust)) {
      return true;
    }
  }
  return false;
}

Result<std::int64_t> ReadCount(const toml::table& table, std::string_view where,
                               std::string_view key, std::int64_t fallback) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return fallback;
  if (auto v = node->value_exact<std::int64_t>(); v && *v >= 0) return *v;
  return MakeError(ErrorCode::kInvalidArgument, "config: '" + std::string(key) + "' in " +
                                                    std::string(where) +
                                                    " must be a non-negative integer");
}

std::string FormatDate(std::int64_t unix_seconds) {
  if (unix_seconds == 0) return {};
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return {};
  char buf[16];
  if (std::strftime(buf, sizeof(buf), "%Y-%m-%d", &tm) == 0) return {};
  return buf;
}

std::vector<std::string> StrangerWearingKnownName(const DetectorContext& context,
                                                  std::string_view display_name,
                                                  std::string_view address,
                                                  std::string_view registrable) {
  if (context.learned == nullptr || address.empty()) return {};
  // Our own mailboxes are never strangers, and a role name ("Accounts Payable") is nobody's.
  if (context.org.IsOrgDomain(registrable)) return {};
  if (context::OrgDirectory::IsGenericName(display_name)) return {};
  const std::string key = text::NameKey(display_name);
  // Five bytes: two CJK characters or a five-letter name; shorter keys name nobody reliably.
  if (key.size() < 5) return {};
  const auto it = context.learned->name_addresses.find(key);
  if (it == context.learned->name_addresses.end() || it->second.empty()) return {};
  for (const std::string& known : it->second) {
    if (known == address) return {};
    const std::size_t at = known.rfind('@');
    if (at != std::string::npos && domain::RegistrableDomain(known.substr(at + 1)) == registrable) {
      return {};  // a new address at the same organisation: a colleague's second mailbox
    }
  }
  return it->second;
}

}  // namespace becguard::detectors
