// header.return_path_mismatch: the envelope sender (Return-Path) is unrelated to From.
//
// Catches spoofed-From mail sent from an attacker's VPS or mailbox: the From keeps the partner's
// or executive's real address while bounces go to postmaster@some-vps or a free-mail box, so the
// real sender never learns of the message. Strength 1 when the Return-Path is a lookalike, or
// free-mail under a protected From; 0.8 for any other unrelated Return-Path under a protected
// From; 0.5 for free-mail under an unprotected From (free-mail "send mail as" for a small
// business's own domain looks the same); 0.3 otherwise.
// Known false-positive shapes, suppressed: same registrable domain or subdomains; e-mail service
// providers (amazonses.com, sendgrid.net, mcsv.net bounce domains); mailing lists; bounce, VERP
// and SRS addresses (bounces+..., SRS0=..., prvs=...); both domains on the same protected side.
// Alignment-aware: dropped when SPF passes for the Return-Path domain and a DKIM signature of
// the From domain passes (the From domain authorised that mailer); raised to 1 (0.6 for
// unprotected From) when the From domain fails DMARC. Without authentication results,
// forwarders that do not rewrite the envelope remain a false-positive source.
// Thread-safe: the detector is immutable.
#pragma once

#include <memory>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct ReturnPathMismatchConfig {
  // Strength when neither side is protected, free-mail or lookalike (third-party mailers).
  double unrelated_strength = 0.3;
};

Result<ReturnPathMismatchConfig> ParseReturnPathMismatchConfig(const toml::table& section);

Result<std::unique_ptr<Detector>> CreateReturnPathMismatch(const toml::table& section);

}  // namespace becguard::detectors
