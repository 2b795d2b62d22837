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

detectors::MessageFeatures ComputeFeatures(const ParsedMessage& message);

// Addresses, domains, names, thread ids and counterparties of the message; counterparties
// include the real domains that lookalike domains in the message imitate, so a lookalike's
// bank details are compared with the real partner's.
context::ContextQuery BuildQuery(const ParsedMessage& message,
                                 const detectors::MessageFeatures& features,
                                 const domain::LookalikeMatcher& lookalikes);

context::LearnRecord BuildLearnRecord(const ParsedMessage& message,
                                      const detectors::MessageFeatures& features,
                                      const context::OrgDirectory& org);

}  // namespace becguard::engine
