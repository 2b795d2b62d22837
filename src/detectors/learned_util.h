// Helpers shared by the learned-context detectors (first_contact, thread_hijack,
// payment_changed, near_duplicate): is there enough history to trust "never seen", what the
// store knows about an address, and integer config reads.
// Stateless functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "becguard/result.h"
#include "context/learned_context.h"
#include "detectors/detector.h"

namespace becguard::detectors {

// The snapshot when a store is configured and has learned at least `min_history` messages;
// nullptr otherwise (then "never seen" means nothing and the detector stays silent).
const context::LearnedContext* LearnedWithHistory(const DetectorContext& context,
                                                  std::int64_t min_history);

// The correspondent record of a lower-case address, or nullptr.
const context::Correspondent* FindCorrespondent(const context::LearnedContext& learned,
                                                std::string_view address);

// True when the address is a known correspondent under the snapshot's trust rules: the
// organisation wrote to it or vouched for its mail, or it wrote for long enough
// (context/trust.h). A few harmless messages from an attacker do not make it known.
bool IsKnownCorrespondent(const context::LearnedContext& learned, std::string_view address);

// True when mail from the registrable domain is known history under the same rules, or a known
// correspondent of the snapshot lives on it.
bool IsKnownDomain(const context::LearnedContext& learned, std::string_view registrable);

// The addresses the organisation's mail has seen wearing this display name, when `address` is
// none of them and none of them is on `registrable`: the name of a known correspondent worn by a
// stranger (Cc rewriting, display-name spoofing). Empty without a store, for names the store has
// not bound to any address, and for names too short to identify anyone.
std::vector<std::string> StrangerWearingKnownName(const DetectorContext& context,
                                                  std::string_view display_name,
                                                  std::string_view address,
                                                  std::string_view registrable);

// `key` as a non-negative integer, or `fallback` when absent; kInvalidArgument naming `where`.
Result<std::int64_t> ReadCount(const toml::table& table, std::string_view where,
                               std::string_view key, std::int64_t fallback);

// "2025-01-02" (UTC) for unix seconds; "" for 0.
std::string FormatDate(std::int64_t unix_seconds);

}  // namespace becguard::detectors
