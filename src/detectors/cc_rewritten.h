// header.cc_rewritten: a To/Cc entry carries a known person's name on an address not theirs.
//
// Catches the thread-hijack trick of keeping the colleagues' display names in Cc while their
// addresses are rewritten to the attacker's lookalike domain (or a free-mail box), so the victim
// believes the real people are watching and replies go to the attacker. A known person is one
// of OrgDirectory (staff, VIPs, partner contacts) or the From person themself.
// Strength: 1 for a lookalike domain, 0.7 for an unrelated domain, 0.5 for free-mail (people do
// copy their own private mailbox).
// Known false-positive shapes, not flagged: the person's real address or any address on their
// own organisation's domain; a namesake on another protected domain; the From person's name on
// another non-free-mail, non-lookalike domain (a second company mailbox).
// Thread-safe: the detector is immutable.
#pragma once

#include <memory>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct CcRewrittenConfig {
  // Strength for a known person's name on a free-mail address.
  double freemail_strength = 0.5;
};

Result<CcRewrittenConfig> ParseCcRewrittenConfig(const toml::table& section);

Result<std::unique_ptr<Detector>> CreateCcRewritten(const toml::table& section);

}  // namespace becguard::detectors
