// RegistrableDomain: the entry point used for every address of every message.
#include "domain/domain_tools.h"
#include "domain/host_name.h"

namespace becguard::domain {

std::string RegistrableDomain(std::string_view host) {
  const internal::CanonicalHost canonical(host);
  return std::string(internal::RegistrablePart(canonical));
}

}  // namespace becguard::domain
