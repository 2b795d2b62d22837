// LookalikeMatcher: precomputes the protected domains and picks the most specific technique.
#include <algorithm>
#include <utility>

#include "domain/domain_tools.h"
#include "domain/host_name.h"
#include "domain/lookalike_checks.h"

namespace becguard::domain {

struct LookalikeMatcher::Entry : internal::ProtectedDomain {};

namespace {

std::vector<std::string> SplitLabels(std::string_view name) {
  std::vector<std::string> labels;
  while (!name.empty()) {
    const std::size_t dot = name.find('.');
    labels.emplace_back(name.substr(0, dot));
    if (dot == std::string_view::npos) break;
    name.remove_prefix(dot + 1);
  }
  return labels;
}

}  // namespace

LookalikeMatcher::LookalikeMatcher(std::vector<std::string> protected_domains,
                                   LookalikeOptions options)
    : options_(options) {
  for (const std::string& domain : protected_domains) {
    const internal::CanonicalHost canonical(domain);
    const std::string registrable(internal::RegistrablePart(canonical));
    if (registrable.empty()) continue;
    if (std::find(protected_.begin(), protected_.end(), registrable) != protected_.end()) continue;
    protected_.push_back(registrable);
    const internal::DomainSplit split = internal::SplitRegistrable(registrable);
    // A name without a public suffix (a typo, "localhost") can be protected but not imitated.
    if (split.suffix.empty()) continue;
    auto entry = std::make_shared<Entry>();
    entry->domain = registrable;
    entry->label = std::string(split.label);
    entry->suffix = std::string(split.suffix);
    entry->suffix_labels = SplitLabels(split.suffix);
    entry->key = internal::LabelKey(split.label);
    entries_.push_back(std::move(entry));
  }
  std::sort(protected_.begin(), protected_.end());
}

bool LookalikeMatcher::IsProtected(std::string_view host) const {
  const internal::CanonicalHost canonical(host);
  const std::string_view registrable = internal::RegistrablePart(canonical);
  return std::binary_search(protected_.begin(), protected_.end(), registrable,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

std::optional<LookalikeMatch> LookalikeMatcher::Match(std::string_view host) const {
  if (entries_.empty()) return std::nullopt;
  const internal::CanonicalHost canonical(host);
  internal::Candidate candidate;
  candidate.host = canonical.view();
  candidate.domain = internal::RegistrablePart(canonical);
  if (candidate.domain.empty() ||
      std::binary_search(protected_.begin(), protected_.end(), candidate.domain,
                         [](std::string_view a, std::string_view b) { return a < b; })) {
    return std::nullopt;
  }
  const internal::DomainSplit split = internal::SplitRegistrable(candidate.domain);
  if (split.suffix.empty()) return std::nullopt;  // single label or IP literal
  candidate.label = split.label;
  candidate.suffix = split.suffix;
  candidate.idn = split.label.starts_with("xn--");
  candidate.key = internal::LabelKey(split.label);

  std::optional<internal::Technique> best;
  const Entry* best_entry = nullptr;
  for (const auto& entry : entries_) {
    auto found = internal::Compare(*entry, candidate, options_);
    if (!found) continue;
    if (!best || found->rank < best->rank ||
        (found->rank == best->rank && found->distance < best->distance)) {
      best = std::move(found);
      best_entry = entry.get();
    }
  }
  if (!best) return std::nullopt;
  return LookalikeMatch{best_entry->domain, std::move(best->name), best->distance};
}

}  // namespace becguard::domain
