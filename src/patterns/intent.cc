// Intent names and IntentHits (declared in lexicon.h).
#include <array>
#include <utility>

#include "patterns/lexicon.h"

namespace becguard::patterns {
namespace {

// Order follows the Intent enum; these are the names written in data/lexicons/*.txt.
constexpr std::array<std::string_view, kIntentCount> kIntentNames{
    "payment_change",    "wire_transfer",     "urgency",
    "secrecy",           "gift_card",         "acquisition",
    "legal_counsel",     "availability",      "pretext",
    "payment_hold",      "payroll_change",    "financial_context",
    "executive_context", "marketing_context", "auto_reply_context",
};

}  // namespace

std::string_view IntentName(Intent intent) { return kIntentNames[static_cast<int>(intent)]; }

std::optional<Intent> IntentFromName(std::string_view name) {
  for (int i = 0; i < kIntentCount; ++i) {
    if (kIntentNames[i] == name) return static_cast<Intent>(i);
  }
  return std::nullopt;
}

void IntentHits::Add(IntentHit hit) {
  ++counts_[static_cast<int>(hit.intent)];
  hits_.push_back(std::move(hit));
}

const IntentHit* IntentHits::First(Intent intent) const {
  for (const IntentHit& hit : hits_) {
    if (hit.intent == intent) return &hit;
  }
  return nullptr;
}

}  // namespace becguard::patterns
