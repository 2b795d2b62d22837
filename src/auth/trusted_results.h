// Authentication results becguard may believe without verifying: Authentication-Results (and,
// failing those, ARC-Authentication-Results) written by a configured authserv-id above the
// trust boundary, or by Exchange Online (no authserv-id) when that is explicitly trusted.
// A header naming a trusted id below the boundary, or any other id, is the sender's word and
// is ignored. Per method, the topmost trusted result wins.
// Stateless; thread-safe.
#pragma once

#include "auth/auth_verdicts.h"
#include "auth/trust_boundary.h"
#include "becguard/config.h"
#include "becguard/message.h"

namespace becguard::auth {

AuthVerdicts TrustedVerdicts(const ParsedMessage& message, const AuthConfig& config,
                             const TrustBoundary& boundary);

}  // namespace becguard::auth
