#include "context/trust.h"

#include "context/learned_context.h"

namespace becguard::context {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

bool SightingsSuffice(std::int64_t sightings, std::int64_t first_learned, std::int64_t last_learned,
                      const TrustRules& rules) {
  if (sightings < rules.min_sightings) return false;
  if (first_learned == 0 || last_learned == 0) return false;
  return last_learned - first_learned >= rules.min_sighting_days * kSecondsPerDay;
}

}  // namespace

bool IsKnownCorrespondent(const Correspondent& correspondent, const TrustRules& rules) {
  if (correspondent.vouched_messages > 0) return true;
  return SightingsSuffice(correspondent.messages_from + correspondent.messages_to,
                          correspondent.first_learned, correspondent.last_learned, rules);
}

bool IsKnownDomain(const DomainHistory& domain, const TrustRules& rules) {
  if (domain.vouched_messages > 0) return true;
  return SightingsSuffice(domain.messages_from, domain.first_learned, domain.last_learned, rules);
}

bool IsOnFile(const KnownPayment& payment, const TrustRules& rules) {
  if (payment.times_vouched > 0) return true;
  return SightingsSuffice(payment.times_seen, payment.first_learned, payment.last_learned, rules);
}

}  // namespace becguard::context
