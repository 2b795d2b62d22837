// header.receipt_to_other: read/delivery receipts or errors are requested to another domain.
//
// Catches the thread-hijack trick of adding Return-Receipt-To / Disposition-Notification-To
// (and sometimes Errors-To) pointing at the attacker's mailbox, so the attacker learns when the
// forged mail was delivered and opened. Strength 1 when that address is free-mail or a
// lookalike, 0.7 when From claims an organisation/partner domain, 0.5 otherwise.
// Known false-positive shapes, suppressed: receipts to the sender's own address or domain
// (common practice in Japan), Errors-To the list bounce address on mailing-list posts or an ESP
// bounce domain, both domains on the same protected side.
// Thread-safe: the detector is immutable.
#pragma once

#include <memory>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct ReceiptToOtherConfig {
  // Also inspect Errors-To (a legacy bounce header that lists and ESPs still set).
  bool check_errors_to = true;
};

Result<ReceiptToOtherConfig> ParseReceiptToOtherConfig(const toml::table& section);

Result<std::unique_ptr<Detector>> CreateReceiptToOther(const toml::table& section);

}  // namespace becguard::detectors
