// sender.display_name_spoof: the From display name claims someone the address is not.
//
// Catches CEO fraud and payroll diversion where the visible name does the lying:
//  - a display name holding another address ("Jane Doe <jane@real.com>" <x@evil.net>),
//    strength 1 (0.5 when the shown address is on the same registrable domain);
//  - phishing-kit text "secured by [mailto:...]" in the display name, strength 1;
//  - a VIP's name (OrgDirectory) on an address that is not theirs: strength 1 off the VIP's
//    domains, 0.5 on another address of their own organisation's domain, 1 when that
//    organisation address fails DMARC (the exact-domain spoof; see auth_results);
//  - a known staff or partner person's name on free-mail or a lookalike domain, or on their
//    own domain failing DMARC, strength 0.7;
//  - bidi or zero-width characters in the display name, strength 0.8.
// Known false-positive shapes, not flagged: the person writing from a configured address; a
// first name alone (names match only on all their tokens); list From-munging ("X via List");
// a namesake on an unrelated business domain.
// Thread-safe: the detector is immutable.
#pragma once

#include <memory>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct DisplayNameSpoofConfig {
  // Strength for a known (non-VIP) person's name on free-mail or a lookalike.
  double known_person_strength = 0.7;
  // Strength for invisible/bidi characters in the display name.
  double invisible_strength = 0.8;
};

Result<DisplayNameSpoofConfig> ParseDisplayNameSpoofConfig(const toml::table& section);

Result<std::unique_ptr<Detector>> CreateDisplayNameSpoof(const toml::table& section);

}  // namespace becguard::detectors
