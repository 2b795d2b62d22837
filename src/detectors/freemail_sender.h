// sender.freemail: a business or executive request from a consumer mailbox.
//
// Catches CEO fraud, gift-card and payroll-diversion mail sent from gmail/outlook/mail.com/
// consumer-ISP boxes, and intercepted invoices re-sent from a free-mail copy of the vendor's
// mailbox. The From (or Reply-To) must be free-mail AND the message must carry business context:
//  - strength 1: a VIP's or known person's name in the display name (not their own configured
//    address), or intents payment_change / gift_card / payroll_change;
//  - strength 0.7: wire_transfer, acquisition, payment_hold, or availability together with
//    executive_context;
//  - strength 0.3: financial_context alone, when a recipient is an organisation address.
// Known false-positive shapes: private senders impersonating nobody ("are you free Saturday"
// to a friend: no name, no executive context, no finding); a freelancer billing from gmail
// (financial context only: 0.3); job applicants (no business intent: no finding); mailing-list
// posts (never flagged: written to the list, and munged lists put the poster in Reply-To).
// Thread-safe: the detector is immutable.
#pragma once

#include <memory>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct FreemailSenderConfig {
  // Also count a free-mail Reply-To under a non-free-mail From.
  bool check_reply_to = true;
  // Strength for financial context alone (invoices from a freelancer's gmail are common).
  double financial_context_strength = 0.3;
};

Result<FreemailSenderConfig> ParseFreemailSenderConfig(const toml::table& section);

Result<std::unique_ptr<Detector>> CreateFreemailSender(const toml::table& section);

}  // namespace becguard::detectors
