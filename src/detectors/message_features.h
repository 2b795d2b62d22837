// MessageFeatures: what the engine derives once per message for the learned-context detectors:
// payment details from the new text and attachments, the SimHash fingerprint, and the writing
// style of the sender's own text.
#pragma once

#include <cstdint>
#include <vector>

#include "payment/payment_details.h"
#include "style/features.h"

namespace becguard::detectors {

struct MessageFeatures {
  std::vector<payment::PaymentDetail> payments;  // new text first, then attachments
  std::uint64_t simhash = 0;                     // text::SimHash of new text + attachment text
  style::StyleSample style;                      // of the new text without signature/forwards
};

}  // namespace becguard::detectors
