// The learned-context stage of the engine: what is derived from a message once (payment
// details, fingerprint), what the store is asked about it, and what it teaches the store.
// Pure functions of the parsed message; thread-safe.
#pragma once

#include "becguard/message.h"
#include "context/learned_context.h"
#include "context/org_directory.h"
#include "detectors/message_features.h"
#include "domain/domain_tools.h"

namespace becguard::engine {

// `with_style`: the writing-style sample is only read against learned profiles and only
// learned into a store, so a scan computes it (tens of microseconds) only when the snapshot
// holds the claimed sender's profile or the message is learned (AddStyleSample).
detectors::MessageFeatures ComputeFeatures(const ParsedMessage& message, bool with_style);
void AddStyleSample(const ParsedMessage& message, detectors::MessageFeatures& features);

// Addresses, domains, names, thread ids and counterparties of the message; counterparties
// include the real domains that lookalike domains in the message imitate, so a lookalike's
// bank details are compared with the real partner's. With `org`, and when the message has text
// of its own, the claimed sender's writing-style profiles (address, configured person and that
// person's other addresses) and an impostor sample are asked for too.
context::ContextQuery BuildQuery(const ParsedMessage& message,
                                 const detectors::MessageFeatures& features,
                                 const domain::LookalikeMatcher& lookalikes,
                                 const context::OrgDirectory* org = nullptr);

// Style profile keys of the From sender: their address first, then each configured person who
// owns it and, with `all_addresses`, those people's other addresses.
std::vector<std::string> StyleKeys(const ParsedMessage& message, const context::OrgDirectory& org,
                                   bool all_addresses);

// Impostor profiles asked for per message (the verifier's cost grows with them).
inline constexpr int kStyleImpostors = 16;

// How a message came to be learned: taught explicitly (`becguard learn`, a confirmation), or
// learned while scanning. Decides LearnRecord::vouched (context/trust.h).
enum class LearnSource { kTaught, kScanned };

// The record `message` teaches. Taught messages are vouched for; scanned ones only when they are
// the organisation's own mail and authenticated as such (an attacker can write any From).
// `learned_at` is the wall clock (unix seconds).
context::LearnRecord BuildLearnRecord(const ParsedMessage& message,
                                      const detectors::MessageFeatures& features,
                                      const context::OrgDirectory& org, LearnSource source,
                                      std::int64_t learned_at);

}  // namespace becguard::engine

namespace becguard {

// A scanned message's lesson (ScanReport::lesson), written by Engine::Teach.
struct Lesson {
  context::LearnRecord record;
};

}  // namespace becguard

namespace becguard::engine {}  // namespace becguard::engine
