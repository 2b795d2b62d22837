// header.reply_to_mismatch: replies go somewhere other than the sender.
//
// Catches the thread-hijack trick where From keeps the partner's (or CEO's) real name and
// address and Reply-To sends the answer to the attacker: a free-mail box whose local part
// embeds the real address (alice.eve.company-a@mail.com for alice.eve@company-a.com), or a
// lookalike of a protected domain. Strength 1 for those (a free-mail Reply-To only when From is
// not itself free-mail); 0.5 for any other foreign Reply-To when From claims an
// organisation/partner domain or a VIP's name.
// Known false-positive shapes, suppressed: mailing lists (Reply-To the list; DMARC From-munging
// "X via List" with Reply-To the poster), both domains on the same protected side (a subsidiary),
// hosted platforms and ESPs sending for a business (From platform, Reply-To the business's own
// non-free-mail domain), a private sender replying from another free-mail box.
// Thread-safe: the detector is immutable.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct ReplyToMismatchConfig {
  // Hosted invoicing / notification platforms that send for their customers, besides the ESP
  // list (registrable domains or hosts, e.g. "notification.example-books.com").
  std::vector<std::string> platform_domains;
  // Strength of a foreign, non-free-mail, non-lookalike Reply-To on a protected From.
  double weak_strength = 0.5;
};

Result<ReplyToMismatchConfig> ParseReplyToMismatchConfig(const toml::table& section);

Result<std::unique_ptr<Detector>> CreateReplyToMismatch(const toml::table& section);

}  // namespace becguard::detectors
