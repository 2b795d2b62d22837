#include "store/record_keys.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace becguard::store {
namespace {

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

void Mix(std::uint64_t& hash, std::string_view bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= kFnvPrime;
  }
  // A separator byte keeps ("ab", "c") and ("a", "bc") apart.
  hash ^= 0xff;
  hash *= kFnvPrime;
}

struct KindCode {
  payment::DetailKind kind;
  std::string_view code;
};

constexpr KindCode kKindCodes[] = {
    {payment::DetailKind::kIban, "iban"},
    {payment::DetailKind::kSwiftBic, "swift_bic"},
    {payment::DetailKind::kUsRoutingAccount, "us_routing_account"},
    {payment::DetailKind::kUkSortCodeAccount, "uk_sort_code_account"},
    {payment::DetailKind::kJapanBankAccount, "japan_bank_account"},
    {payment::DetailKind::kAccountNumber, "account_number"},
};

}  // namespace

std::string MessageKey(const context::LearnRecord& record) {
  if (!record.message_id.empty()) return record.message_id;
  std::uint64_t hash = kFnvOffset;
  Mix(hash, std::to_string(record.date));
  Mix(hash, record.from_address);
  Mix(hash, record.normalized_subject);
  char buffer[48];
  std::snprintf(buffer, sizeof(buffer), "<synthetic-%016llx@becguard>",
                static_cast<unsigned long long>(hash));
  return buffer;
}

std::string AddressDomain(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos) return "";
  return std::string(address.substr(at + 1));
}

std::string SenderDomain(const context::LearnRecord& record) {
  if (!record.from_domain.empty()) return record.from_domain;
  return AddressDomain(record.from_address);
}

std::vector<std::pair<std::string, std::string>> UniqueRecipients(
    const context::LearnRecord& record) {
  std::vector<std::pair<std::string, std::string>> out;
  std::set<std::string_view> seen;
  for (const auto& recipient : record.recipients) {
    if (recipient.first.empty() || !seen.insert(recipient.first).second) continue;
    out.push_back(recipient);
  }
  return out;
}

std::vector<payment::PaymentDetail> UniquePayments(const context::LearnRecord& record) {
  std::vector<payment::PaymentDetail> out;
  for (const auto& detail : record.payments) {
    if (detail.value.empty()) continue;
    const bool duplicate = std::any_of(out.begin(), out.end(), [&](const auto& kept) {
      return kept.kind == detail.kind && kept.value == detail.value;
    });
    if (!duplicate) out.push_back(detail);
  }
  return out;
}

std::array<std::uint16_t, 4> SimHashBands(std::uint64_t simhash) {
  return {static_cast<std::uint16_t>(simhash), static_cast<std::uint16_t>(simhash >> 16),
          static_cast<std::uint16_t>(simhash >> 32), static_cast<std::uint16_t>(simhash >> 48)};
}

std::string_view PaymentKindCode(payment::DetailKind kind) {
  for (const auto& entry : kKindCodes) {
    if (entry.kind == kind) return entry.code;
  }
  return "account_number";
}

bool PaymentKindFromCode(std::string_view code, payment::DetailKind* kind) {
  for (const auto& entry : kKindCodes) {
    if (entry.code == code) {
      *kind = entry.kind;
      return true;
    }
  }
  return false;
}

}  // namespace becguard::store
