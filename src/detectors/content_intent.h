// content.*: what the text asks for — bank or payment change, wire transfer, urgency, secrecy,
// gift cards, acquisition, outside counsel, "are you available", pretexts, payment hold,
// payroll change — in English and Japanese.
//
// Catches the request half of every BEC case: the hijacked-thread reply asking to pay a
// "subsidiary account", the CEO's "are you at your desk? keep this between us", the gift-card
// errand, the 振込先口座変更 notice, the payroll diversion. It never scans text itself: the engine
// runs the lexicon (data/lexicons/*.txt) once per message and this detector turns
// DetectorContext::intents into one finding per content intent present, with the first matched
// span as evidence and a strength that grows with the number of distinct phrases
// (0.6 for one, +0.2 per further phrase, at most 1).
//
// Known false-positive shapes: executives really write "urgent" and "acquisition"; vendors
// announce genuine bank changes; AP forums, newsletters and security awareness mail quote BEC
// phrasing; HR confirms direct-deposit changes. That is why content findings carry low weights
// and count for the verdict mainly in composites with an identity anomaly. Newsletters (marketing
// text plus a List-Unsubscribe header) and auto-replies (auto-reply text plus an Auto-Submitted
// style header) get no content findings at all, which can be switched off.
// Thread-safe: the detector is immutable.
#pragma once

#include <memory>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct ContentIntentConfig {
  // No content findings for auto-replies: auto_reply_context in the text AND an auto-reply
  // header (Auto-Submitted, X-Autoreply, ...). Out-of-office notes routinely say "for urgent
  // payment matters contact ...".
  bool suppress_in_auto_replies = true;
  // No content findings for newsletters: marketing_context in the text AND a List-Unsubscribe
  // header. Finance newsletters discuss "urgent bank changes" and "gift-card scams".
  bool suppress_in_marketing = true;
};

Result<ContentIntentConfig> ParseContentIntentConfig(const toml::table& section);

Result<std::unique_ptr<Detector>> CreateContentIntent(const toml::table& section);

}  // namespace becguard::detectors
