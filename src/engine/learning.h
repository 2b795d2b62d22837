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
// learned into a store, so a scan without a store skips its cost (tens of microseconds).
detectors::MessageFeatures ComputeFeatures(const ParsedMessage& message, bool with_style);

// Addresses, domains, names, thread ids and counterparties of the message; counterparties
// include the real domains that lookalike domains in the message imitate, so a lookalike's
// bank details are compared with the real partner's. With `org`, the claimed sender's writing-
// style profiles (address, configured person and that person's other addresses) and an
// impostor sample are asked for too.
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
// Profiles with fewer messages are too noisy to stand for a writer.
inline constexpr std::int64_t kStyleImpostorMinMessages = 20;

context::LearnRecord BuildLearnRecord(const ParsedMessage& message,
                                      const detectors::MessageFeatures& features,
                                      const context::OrgDirectory& org);

}  // namespace becguard::engine
