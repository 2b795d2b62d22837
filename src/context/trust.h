// Trust: what makes learned history count. Learning must not be a lever for an attacker: a
// sender who first mails a few harmless messages must not become a "known correspondent", and a
// bank account that only an incoming message ever showed must not become the account "on file".
//
// The rules (docs/STORE.md#trust):
// - Vouched mail counts at once: the organisation's own mail (outgoing or internal, and when
//   learned while scanning only if it authenticated as the organisation) and mail someone taught
//   explicitly (`becguard learn`, a confirmation).
// - Other mail (learned while scanning) counts only after `min_sightings` messages learned over
//   at least `min_sighting_days` days of wall-clock time: a slow, costly path for an attacker and
//   the normal one for a counterparty that writes every month.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>

namespace becguard::context {

struct Correspondent;
struct KnownPayment;
struct DomainHistory;

struct TrustRules {
  std::int64_t min_sightings = 5;
  std::int64_t min_sighting_days = 30;
};

// Mail to or from the address is history the detectors may rely on ("not a first contact").
bool IsKnownCorrespondent(const Correspondent& correspondent, const TrustRules& rules);

// Mail from the domain is history the detectors may rely on ("a known organisation").
bool IsKnownDomain(const DomainHistory& domain, const TrustRules& rules);

// The account is on file for its counterparty: paying it is what the organisation has done.
bool IsOnFile(const KnownPayment& payment, const TrustRules& rules);

}  // namespace becguard::context
