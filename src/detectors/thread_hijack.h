// thread.hijack: a reply into a known conversation from someone who was never part of it, and
// the fake reply ("RE:", "FW:", "返信:", quoted history) that pretends a conversation exists.
//
// Catches the attacker who read a vendor thread (compromised mailbox, intercepted mail) and
// answers it from a lookalike domain or a free-mail box, usually keeping the real person's name,
// and the cold lure dressed as an ongoing exchange so the reader trusts it.
// Signals: the store's ThreadInfo for the message's In-Reply-To/References (participants and
// their names); the From address, its display name, its domain against the participants'
// domains (lookalike), Reply-To; for fake replies IsReplySubject / quoted text with no thread the
// store knows, from a sender with no history.
// Strength: a stranger in a known thread 1 when they carry a participant's name, write from a
// lookalike of a participant's domain or send replies elsewhere; 0.6 otherwise; 0.3 when they
// share a participant's registrable domain or already have history with us (a colleague joining
// is common). Fake reply: 0.7.
// Known false-positive shapes: new colleagues joining a thread (weak, see above), our own
// directory people, mailing lists (list posts reach threads from the list address), auto-replies;
// fake-reply needs min_history learned messages, since early on every thread is unknown.
// Thread-safe: the detector is immutable.
#pragma once

#include <cstdint>
#include <memory>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct ThreadHijackConfig {
  std::int64_t min_history = 20;        // learned messages before a fake reply can be judged
  double impersonation_strength = 1.0;  // participant's name / lookalike / Reply-To elsewhere
  double stranger_strength = 0.6;       // unknown address, unrelated domain
  double colleague_strength = 0.3;      // same registrable domain as a participant, or known
  double fake_reply_strength = 0.7;
  std::int64_t max_participants_shown = 3;
};

Result<ThreadHijackConfig> ParseThreadHijackConfig(const toml::table& section);

Result<std::unique_ptr<Detector>> CreateThreadHijack(const toml::table& section);

}  // namespace becguard::detectors
