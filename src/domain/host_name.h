// Internal: canonical host names and their registrable part (libpsl), shared by
// RegistrableDomain, LookalikeMatcher and DomainList. CanonicalHost is a value type (not
// shared between threads); the functions are thread-safe (the PSL context is immutable).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/ascii.h"

namespace becguard::domain::internal {

// A host reduced to lower-case ASCII without surrounding dots; IDN labels become punycode.
// ASCII hosts that fit the inline buffer cost no allocation (the common case: every address
// of every message goes through here).
class CanonicalHost {
 public:
  explicit CanonicalHost(std::string_view host);
  CanonicalHost(const CanonicalHost&) = delete;
  CanonicalHost& operator=(const CanonicalHost&) = delete;

  std::string_view view() const { return {data_, size_}; }
  const char* c_str() const { return data_; }  // NUL-terminated
  bool empty() const { return size_ == 0; }

 private:
  void Assign(std::string_view ascii);

  std::array<char, 256> inline_{};
  std::string heap_;
  const char* data_ = inline_.data();
  std::size_t size_ = 0;
};

// Registrable domain of a canonical host as a view into it; the host itself when the PSL has
// no answer (single label, a public suffix itself) and for IP literals.
std::string_view RegistrablePart(const CanonicalHost& host);

// A registrable domain split at its first dot: "kestrelmarine" + "com.sg". suffix is empty
// for single-label names.
struct DomainSplit {
  std::string_view label;
  std::string_view suffix;
};
DomainSplit SplitRegistrable(std::string_view registrable);

}  // namespace becguard::domain::internal
