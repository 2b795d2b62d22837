// payment.changed: the message gives bank details that this counterparty never used, although
// it did use other details of the same kind before.
//
// Catches the payoff of invoice fraud: "our bank details have changed", the altered PDF
// invoice, the hijacked thread answered with a new IBAN. Signals: MessageFeatures.payments (new
// text and attachments) against the store's KnownPayments of the counterparty: the From
// registrable domain and, when the message replies into a known thread or carries a partner
// person's name, the domains of the thread's participants / that partner (the attacker writes
// from a lookalike or free-mail box, but pretends to be them).
// Strength 1 for a new value where the counterparty had exactly one of that kind; 0.6 where it
// already used two or more (some counterparties rotate accounts legitimately).
// Known false-positive shapes: a counterparty with no payment history (silent), a value the
// counterparty used before (silent), our own details in our outgoing mail (organisation senders
// are compared only with the organisation's own history).
// Thread-safe: the detector is immutable.
#pragma once

#include <cstdint>
#include <memory>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct PaymentChangedConfig {
  std::int64_t min_history = 1;    // learned messages; a comparison needs known payments anyway
  double changed_strength = 1.0;   // the counterparty had one value of this kind
  double rotating_strength = 0.6;  // ... two or more
  std::int64_t max_old_values_shown = 3;
};

Result<PaymentChangedConfig> ParsePaymentChangedConfig(const toml::table& section);

Result<std::unique_ptr<Detector>> CreatePaymentChanged(const toml::table& section);

}  // namespace becguard::detectors
