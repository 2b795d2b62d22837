// sender.first_contact: the From address was never seen in the organisation's mail.
//
// Catches the opening move of most BEC: a stranger writing as a supplier, lawyer or executive
// from an address nobody has exchanged mail with. Signals, from the learned store: the address
// (never sent, never written to), its registrable domain (never seen at all) and the display
// name (used before by a known correspondent on other addresses, or an organisation/partner
// person's name). Strength: 1 for a never-seen domain carrying a known name, 0.6 for a
// never-seen domain, 0.3 for a new address at a known domain (a new colleague of a customer is
// common). Free-mail domains identify nobody, so there a new address counts as a new domain
// only for the name rule (a known name on a new free-mail address is strong).
// Known false-positive shapes, suppressed: an empty or young store (fewer than min_history
// learned messages: everything would be "new"), organisation senders on their own directory
// address, mailing lists and bulk mail (newsletters start by being new), auto-replies.
// Thread-safe: the detector is immutable.
#pragma once

#include <cstdint>
#include <memory>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct FirstContactConfig {
  std::int64_t min_history = 20;       // learned messages before "never seen" means anything
  double name_strength = 1.0;          // new domain + a known correspondent's / person's name
  double new_domain_strength = 0.6;    // new registrable domain
  double known_domain_strength = 0.3;  // new address at a known domain
};

Result<FirstContactConfig> ParseFirstContactConfig(const toml::table& section);

Result<std::unique_ptr<Detector>> CreateFirstContact(const toml::table& section);

}  // namespace becguard::detectors
