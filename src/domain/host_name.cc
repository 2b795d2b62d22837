#include "domain/host_name.h"

#include <idn2.h>
#include <libpsl.h>

#include <cstdlib>
#include <memory>

namespace becguard::domain::internal {
namespace {

// Prefers the system's (newer) list; the compiled-in one is the fallback. Never freed: it lives
// as long as the process and is only read.
const psl_ctx_t* Psl() {
  static const psl_ctx_t* const ctx = [] {
    const psl_ctx_t* latest = psl_latest(nullptr);
    return latest != nullptr ? latest : psl_builtin();
  }();
  return ctx;
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

struct FreeDeleter {
  void operator()(char* p) const { std::free(p); }
};

// UTS #46 non-transitional mapping (also lower-cases and maps ideographic full stops);
// transitional as a second try because it accepts a few inputs the former rejects.
std::string ToAscii(std::string_view utf8) {
  const std::string input(utf8);
  for (int flags : {IDN2_NONTRANSITIONAL, IDN2_TRANSITIONAL}) {
    char* out = nullptr;
    if (idn2_to_ascii_8z(input.c_str(), &out, flags) == IDN2_OK && out != nullptr) {
      std::unique_ptr<char, FreeDeleter> holder(out);
      return std::string(out);
    }
    std::free(out);
  }
  return input;  // not convertible: compared byte-wise, like any unknown name
}

bool IsIpLiteral(std::string_view host) {
  if (host.empty()) return false;
  if (host.front() == '[' || host.find(':') != std::string_view::npos) return true;
  // No public suffix is numeric, so a numeric last label means a dotted IPv4 address.
  const std::size_t dot = host.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  if (last.empty()) return false;
  for (char c : last) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

CanonicalHost::CanonicalHost(std::string_view host) {
  // Surrounding blanks and dots carry no meaning ("example.com." is fully qualified).
  while (!host.empty() && (host.front() == '.' || host.front() == ' ' || host.front() == '\t')) {
    host.remove_prefix(1);
  }
  while (!host.empty() && (host.back() == '.' || host.back() == ' ' || host.back() == '\t')) {
    host.remove_suffix(1);
  }
  if (IsAscii(host)) {
    Assign(host);
  } else {
    const std::string ascii = ToAscii(host);
    std::string_view view = ascii;
    while (!view.empty() && view.back() == '.') view.remove_suffix(1);
    Assign(view);
  }
}

void CanonicalHost::Assign(std::string_view ascii) {
  char* dest = inline_.data();
  if (ascii.size() >= inline_.size()) {
    heap_.resize(ascii.size());
    dest = heap_.data();
  }
  for (std::size_t i = 0; i < ascii.size(); ++i) dest[i] = AsciiLower(ascii[i]);
  dest[ascii.size()] = '\0';
  data_ = dest;
  size_ = ascii.size();
}

std::string_view RegistrablePart(const CanonicalHost& host) {
  if (host.empty() || IsIpLiteral(host.view())) return host.view();
  const char* registrable = psl_registrable_domain(Psl(), host.c_str());
  if (registrable == nullptr) return host.view();
  const auto offset = static_cast<std::size_t>(registrable - host.c_str());
  return host.view().substr(offset);
}

DomainSplit SplitRegistrable(std::string_view registrable) {
  const std::size_t dot = registrable.find('.');
  if (dot == std::string_view::npos) return {registrable, {}};
  return {registrable.substr(0, dot), registrable.substr(dot + 1)};
}

}  // namespace becguard::domain::internal
