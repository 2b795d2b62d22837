// MessageFeatures: what the engine derives once per message for the learned-context detectors:
// payment details from the new text and attachments, and the SimHash fingerprint.
#pragma once

#include <cstdint>
#include <vector>

#include "payment/payment_details.h"

namespace becguard::detectors {

struct MessageFeatures {
  std::vector<payment::PaymentDetail> payments;  // new text first, then attachments
  std::uint64_t simhash = 0;                     // text::SimHash of new text + attachment text
};

}  // namespace becguard::detectors
