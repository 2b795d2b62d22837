// Style profile keys (see learned_context.h).
#include "context/learned_context.h"
#include "text/normalize.h"

namespace becguard::context {

std::string StyleKeyForAddress(std::string_view address) { return "addr:" + std::string(address); }

std::string StyleKeyForPerson(std::string_view person_name) {
  return "person:" + text::NameKey(person_name);
}

}  // namespace becguard::context
