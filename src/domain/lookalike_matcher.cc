// LookalikeMatcher: precomputes the protected domains and picks the most specific technique.
#include <algorithm>
#include <iterator>
#include <memory>
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

// Second-level labels that registries or resellers use like a public suffix without being in
// the PSL ("b-company.com.cc": the PSL only knows "cc"). A protected name that psl reduces to
// "com.cc" keeps its own label instead.
bool IsPseudoSuffixLabel(std::string_view label) {
  static constexpr std::string_view kLabels[] = {"ac",  "co",  "com", "edu", "go", "gob", "gov",
                                                 "ltd", "mil", "ne",  "net", "or", "org", "plc"};
  return std::find(std::begin(kLabels), std::end(kLabels), label) != std::end(kLabels);
}

// The host's labels ending with `registrable` plus the one before it, if there is one.
std::string_view ExtendByOneLabel(std::string_view host, std::string_view registrable) {
  const std::size_t start = host.size() - registrable.size();
  if (start < 2) return registrable;
  const std::size_t dot = host.rfind('.', start - 2);
  return host.substr(dot == std::string_view::npos ? 0 : dot + 1);
}

// Whether `name` or one of its parent domains is in the sorted list.
bool InListOrParent(const std::vector<std::string>& sorted, std::string_view name) {
  while (!name.empty()) {
    if (std::binary_search(sorted.begin(), sorted.end(), name,
                           [](std::string_view a, std::string_view b) { return a < b; })) {
      return true;
    }
    const std::size_t dot = name.find('.');
    if (dot == std::string_view::npos) break;
    name.remove_prefix(dot + 1);
  }
  return false;
}

}  // namespace

LookalikeMatcher::LookalikeMatcher(std::vector<std::string> protected_domains,
                                   LookalikeOptions options)
    : options_(options) {
  for (const std::string& domain : protected_domains) {
    const internal::CanonicalHost canonical(domain);
    std::string_view part = internal::RegistrablePart(canonical);
    const bool unlisted_suffix =
        part != canonical.view() && IsPseudoSuffixLabel(internal::SplitRegistrable(part).label);
    if (unlisted_suffix) part = ExtendByOneLabel(canonical.view(), part);
    const std::string registrable(part);
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
    entry->label_chars = internal::CharSet(entry->label);
    entry->key_chars = internal::CharSet(entry->key);
    entry->unlisted_suffix = unlisted_suffix;
    entries_.push_back(std::move(entry));
  }
  std::sort(protected_.begin(), protected_.end());
}

bool LookalikeMatcher::IsProtected(std::string_view host) const {
  const internal::CanonicalHost canonical(host);
  return !canonical.empty() && InListOrParent(protected_, canonical.view());
}

std::optional<LookalikeMatch> LookalikeMatcher::Match(std::string_view host) const {
  if (entries_.empty()) return std::nullopt;
  const internal::CanonicalHost canonical(host);
  internal::Candidate candidate;
  candidate.host = canonical.view();
  if (canonical.empty() || InListOrParent(protected_, canonical.view())) return std::nullopt;
  candidate.domain = internal::RegistrablePart(canonical);
  for (const auto& entry : entries_) {
    if (entry->unlisted_suffix && candidate.domain == entry->suffix) {
      candidate.domain = ExtendByOneLabel(candidate.host, candidate.domain);
      break;
    }
  }
  const internal::DomainSplit split = internal::SplitRegistrable(candidate.domain);
  if (split.suffix.empty()) return std::nullopt;  // single label or IP literal
  candidate.label = split.label;
  candidate.suffix = split.suffix;
  candidate.idn = split.label.starts_with("xn--");
  candidate.key = internal::LabelKey(split.label);
  candidate.label_chars = internal::CharSet(candidate.label);
  candidate.key_chars = internal::CharSet(candidate.key);

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
