// MessageFeatures: what the engine derives once per message for the detectors: payment details
// from the new text and attachments, the SimHash fingerprint, the writing style of the sender's
// own text, and the authentication verdicts (verified or trusted SPF/DKIM/DMARC; the only DNS of
// a scan happens before detection).
#pragma once

#include <cstdint>
#include <vector>

#include "auth/auth_verdicts.h"
#include "payment/payment_details.h"
#include "style/features.h"

namespace becguard::detectors {

struct MessageFeatures {
  std::vector<payment::PaymentDetail> payments;  // new text first, then attachments
  std::uint64_t simhash = 0;                     // text::SimHash of new text + attachment text
  auth::AuthVerdicts auth;   // empty (not evaluated) unless [auth] trusts or verifies results
  style::StyleSample style;  // of the new text without signature/forwards
};

}  // namespace becguard::detectors
