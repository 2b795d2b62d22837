// Lexicon: the intent vocabulary (English, Japanese, ...) loaded from data/lexicons/*.txt and
// matched once per message over the normalised subject and new text.
//
// File format, one pattern per line:   <intent> <TAB> <name> <TAB> <regex>
// '#' starts a comment line. Patterns run on text::Normalize output (case-folded NFKC), so
// write them in lower case with ASCII digits and half-width forms already folded.
// Immutable after Load; Scan is thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "becguard/result.h"
#include "patterns/pattern_set.h"

namespace becguard::patterns {

enum class Intent {
  // Intents that become content.* findings.
  kPaymentChange,  // bank account / payment details change
  kWireTransfer,
  kUrgency,
  kSecrecy,
  kGiftCard,
  kAcquisition,
  kLegalCounsel,
  kAvailability,   // "are you available", "reply to me", "in a meeting"
  kPretext,        // pandemic, lockdown, audit, technical problem with the account
  kPaymentHold,    // hold the payment, pay earlier
  kPayrollChange,  // direct deposit / salary account change
  // Context intents: no finding of their own, used by other detectors.
  kFinancialContext,  // invoice, payment, remittance, 請求書, 振込
  kExecutiveContext,  // CEO, president, 社長, board
  kMarketingContext,  // unsubscribe, newsletter, 配信停止
  kAutoReplyContext,  // out of office, 不在
};

inline constexpr int kIntentCount = static_cast<int>(Intent::kAutoReplyContext) + 1;

std::string_view IntentName(Intent intent);  // "payment_change", ..., as written in lexicons
std::optional<Intent> IntentFromName(std::string_view name);

struct IntentHit {
  Intent intent;
  std::string pattern_name;  // lexicon entry name
  bool in_subject = false;
  std::string excerpt;  // the matched text (normalised), for evidence
};

// Lexicon hits for one message.
class IntentHits {
 public:
  void Add(IntentHit hit);
  bool Has(Intent intent) const { return counts_[static_cast<int>(intent)] > 0; }
  int Count(Intent intent) const { return counts_[static_cast<int>(intent)]; }
  const std::vector<IntentHit>& hits() const { return hits_; }
  // First hit of this intent, or nullptr.
  const IntentHit* First(Intent intent) const;

 private:
  std::vector<IntentHit> hits_;
  std::array<int, kIntentCount> counts_{};
};

class Lexicon {
 public:
  // Loads every *.txt in dir (sorted by name). Unknown intents or bad regexes fail.
  static Result<Lexicon> LoadDir(const std::string& dir, const std::string& cache_dir = "");
  static Result<Lexicon> FromText(std::string_view lexicon_text);

  IntentHits Scan(std::string_view normalized_subject, std::string_view normalized_text) const;
  std::size_t size() const { return set_.size(); }

 private:
  explicit Lexicon(PatternSet set) : set_(std::move(set)) {}
  PatternSet set_;
};

}  // namespace becguard::patterns
