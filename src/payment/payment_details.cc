#include "payment/payment_details.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "payment/extractors.h"
#include "payment/scan_text.h"
#include "text/utf8.h"

namespace becguard::payment {
namespace {

constexpr std::size_t kLabelRadius = 300;  // how far a holder / bank label may be from a detail

bool IsMaskSeparator(char32_t cp) { return cp == ' ' || cp == '-' || cp == ':' || cp == '|'; }

}  // namespace

std::string_view DetailKindName(DetailKind kind) {
  switch (kind) {
    case DetailKind::kIban:
      return "iban";
    case DetailKind::kSwiftBic:
      return "swift_bic";
    case DetailKind::kUsRoutingAccount:
      return "us_routing_account";
    case DetailKind::kUkSortCodeAccount:
      return "uk_sort_code_account";
    case DetailKind::kJapanBankAccount:
      return "japan_bank_account";
    case DetailKind::kAccountNumber:
      return "account_number";
  }
  return "unknown";
}

const LabelledValue* Nearest(const std::vector<LabelledValue>& values, std::size_t pos,
                             std::size_t radius) {
  const LabelledValue* best = nullptr;
  std::size_t best_d = radius + 1;
  for (const LabelledValue& v : values) {
    const std::size_t d = v.pos > pos ? v.pos - pos : pos - v.pos;
    if (d < best_d) {
      best_d = d;
      best = &v;
    }
  }
  return best;
}

std::vector<PaymentDetail> ExtractPaymentDetails(std::string_view text, std::string_view source) {
  const ScanText t(text);
  const std::vector<LabelledValue> holders = FindHolders(t);
  const std::vector<LabelledValue> banks = FindBankNames(t);
  std::vector<Found> found;
  FindIbans(t, &found);
  FindBics(t, &found);
  FindUsRouting(t, &found);
  FindUkSortCodes(t, &found);
  FindJapanAccounts(t, holders, banks, &found);
  FindGenericAccounts(t, &found);
  std::stable_sort(found.begin(), found.end(),
                   [](const Found& a, const Found& b) { return a.pos < b.pos; });

  std::vector<PaymentDetail> details;
  for (Found& f : found) {
    const bool dup = std::any_of(details.begin(), details.end(), [&](const PaymentDetail& d) {
      return d.kind == f.detail.kind && d.value == f.detail.value;
    });
    if (dup) continue;
    PaymentDetail d = std::move(f.detail);
    if (d.holder.empty()) {
      if (const LabelledValue* h = Nearest(holders, f.pos, kLabelRadius)) d.holder = h->value;
    }
    if (d.bank_name.empty()) {
      if (const LabelledValue* b = Nearest(banks, f.pos, kLabelRadius)) d.bank_name = b->value;
    }
    d.source = std::string(source);
    details.push_back(std::move(d));
  }
  return details;
}

std::string MaskValue(std::string_view value) {
  // Code points of the value, so multi-byte names are masked one '*' per character.
  std::vector<std::pair<std::size_t, std::size_t>> chars;  // (offset, length)
  for (std::size_t i = 0; i < value.size();) {
    std::size_t len = text::Utf8SequenceLength(value, i);
    if (len == 0) len = 1;
    chars.emplace_back(i, len);
    i += len;
  }
  std::size_t keep = 0;
  std::size_t keep_from = chars.size();
  while (keep_from > 0 && keep < 4) {
    --keep_from;
    const auto [off, len] = chars[keep_from];
    const char32_t cp =
        len == 1 ? static_cast<unsigned char>(value[off]) : text::DecodeUtf8At(value, off, len);
    if (!IsMaskSeparator(cp)) ++keep;
  }
  std::string out;
  out.reserve(value.size());
  for (std::size_t k = 0; k < chars.size(); ++k) {
    const auto [off, len] = chars[k];
    const std::string_view c = value.substr(off, len);
    if (k >= keep_from || (len == 1 && IsMaskSeparator(static_cast<unsigned char>(c[0])))) {
      out.append(c);
    } else {
      out.push_back('*');
    }
  }
  return out;
}

}  // namespace becguard::payment
