#include "store/snapshot_limits.h"

#include <algorithm>
#include <tuple>

namespace becguard::store {

void KeepRecentPayments(std::vector<context::KnownPayment>& payments) {
  std::sort(payments.begin(), payments.end(), [](const auto& a, const auto& b) {
    return std::tie(b.last_seen, a.counterparty_domain, a.counterparty_address, a.kind, a.value) <
           std::tie(a.last_seen, b.counterparty_domain, b.counterparty_address, b.kind, b.value);
  });
  if (payments.size() > static_cast<std::size_t>(kMaxPayments)) payments.resize(kMaxPayments);
}

void KeepNewestSimilar(std::vector<context::MessageFingerprint>& similar) {
  std::sort(similar.begin(), similar.end(), [](const auto& a, const auto& b) {
    return std::tie(b.date, a.message_id) < std::tie(a.date, b.message_id);
  });
  similar.erase(
      std::unique(similar.begin(), similar.end(),
                  [](const auto& a, const auto& b) { return a.message_id == b.message_id; }),
      similar.end());
  if (similar.size() > static_cast<std::size_t>(kMaxSimilar)) similar.resize(kMaxSimilar);
}

std::string JoinPaymentValues(const std::vector<std::string>& values) {
  std::string joined;
  for (const std::string& value : values) {
    if (!joined.empty()) joined += '\n';
    joined += value;
  }
  return joined;
}

std::vector<std::string> SplitPaymentValues(std::string_view joined) {
  std::vector<std::string> values;
  for (std::size_t start = 0; start < joined.size();) {
    const std::size_t end = std::min(joined.find('\n', start), joined.size());
    values.emplace_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return values;
}

}  // namespace becguard::store
