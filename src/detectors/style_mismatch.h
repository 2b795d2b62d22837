// style.mismatch: the message does not read like its claimed sender.
//
// Catches the CEO-fraud mail written by someone else: from a hijacked mailbox (the address is
// genuine) or beside a lookalike or display-name trick (then the profile of the person the
// message claims to be, when the organisation config binds the address to a Person).
// Signals: MessageFeatures.style (the sender's own text: no quoted history, signature or
// forwarded block) against the claimed sender's profile in LearnedContext.style_profiles, with
// LearnedContext.style_impostors as the population it must stand out from (style::Verifier,
// z-normalised General Impostors). Strength 0.5-1 by how far below the threshold it scores.
// Silent unless the profile is mature (min_messages, min_profile_words), the message has
// min_words of its own and the store supplied min_impostors other senders' profiles.
// Known false-positive shapes, suppressed: bulk and list mail, auto-replies; remaining ones are
// an assistant writing from the executive's account and pasted text, which is why the finding
// alone stays below "suspicious" (data/scores.toml).
// Thread-safe: the detector is immutable.
#pragma once

#include <cstdint>
#include <memory>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "detectors/detector.h"

namespace becguard::detectors {

struct StyleMismatchConfig {
  std::int64_t min_messages = 20;         // learned messages in the profile
  std::int64_t min_profile_words = 1000;  // words in those messages together
  std::int64_t min_words = 50;            // words of the message's own text
  std::int64_t min_impostors = 5;         // other senders' profiles to compare with
  // same_author score (0-1) below which the finding fires; see docs/BENCHMARKS.md for the
  // detection / false-positive trade-off measured on enron-authors.
  double threshold = 0.15;
};

Result<StyleMismatchConfig> ParseStyleMismatchConfig(const toml::table& section);

Result<std::unique_ptr<Detector>> CreateStyleMismatch(const toml::table& section);

}  // namespace becguard::detectors
