// thread.near_duplicate: the message is nearly the same text as an earlier one, but from
// someone else, or from the same counterparty with different bank details.
//
// Catches the intercepted invoice: the attacker copies the vendor's genuine invoice or reminder
// and re-sends it from a lookalike or free-mail address, or (with access to the vendor's
// mailbox) from the real address with only the account number changed.
// Signals: MessageFeatures.simhash against the store's fingerprints of earlier messages
// (LearnedContext.similar), their sender, and their payment values against
// MessageFeatures.payments. Strength 1.
// Known false-positive shapes, suppressed: the same message seen again (same Message-ID), our
// own people forwarding a vendor's mail internally, bulk mail (one template, many senders),
// texts too short to fingerprint (SimHash 0), the same counterparty re-sending with the same or
// no bank details.
// Thread-safe: the detector is immutable.
#pragma once

#include <cstdint>
#include <memory>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct NearDuplicateConfig {
  std::int64_t min_history = 1;  // learned messages; a comparison needs fingerprints anyway
  // SimHash bits that may differ. Measured on a 150-word reminder, rewriting one sentence moves
  // 3-17 bits and unrelated texts differ by about 32, so 10 keeps the intercepted-invoice edit.
  std::int64_t max_distance = 10;
  double strength = 1.0;
};

Result<NearDuplicateConfig> ParseNearDuplicateConfig(const toml::table& section);

Result<std::unique_ptr<Detector>> CreateNearDuplicate(const toml::table& section);

}  // namespace becguard::detectors
