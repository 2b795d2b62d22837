// DomainList: sorted registrable domains with parent-domain lookup.
#include <algorithm>
#include <fstream>
#include <string>
#include <utility>

#include "domain/domain_tools.h"
#include "domain/host_name.h"

namespace becguard::domain {
namespace {

std::string_view Trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<DomainList> DomainList::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return MakeError(ErrorCode::kNotFound, path + ": cannot open domain list");
  std::vector<std::string> domains;
  std::string line;
  while (std::getline(in, line)) {
    std::string_view entry = line;
    if (const std::size_t hash = entry.find('#'); hash != std::string_view::npos) {
      entry = entry.substr(0, hash);
    }
    entry = Trim(entry);
    // A line holds one domain; anything after it (a note, a second word) is ignored.
    if (const std::size_t blank = entry.find_first_of(" \t"); blank != std::string_view::npos) {
      entry = entry.substr(0, blank);
    }
    if (!entry.empty()) domains.emplace_back(entry);
  }
  if (in.bad()) return MakeError(ErrorCode::kUnavailable, path + ": read error");
  return FromDomains(std::move(domains));
}

DomainList DomainList::FromDomains(std::vector<std::string> domains) {
  DomainList list;
  list.domains_.reserve(domains.size());
  for (const std::string& domain : domains) {
    const internal::CanonicalHost canonical(domain);
    if (!canonical.empty()) list.domains_.emplace_back(canonical.view());
  }
  std::sort(list.domains_.begin(), list.domains_.end());
  list.domains_.erase(std::unique(list.domains_.begin(), list.domains_.end()), list.domains_.end());
  return list;
}

bool DomainList::Contains(std::string_view registrable_domain) const {
  if (domains_.empty()) return false;
  const internal::CanonicalHost canonical(registrable_domain);
  std::string_view name = canonical.view();
  while (!name.empty()) {
    if (std::binary_search(domains_.begin(), domains_.end(), name,
                           [](std::string_view a, std::string_view b) { return a < b; })) {
      return true;
    }
    const std::size_t dot = name.find('.');
    if (dot == std::string_view::npos) break;
    name.remove_prefix(dot + 1);
  }
  return false;
}

}  // namespace becguard::domain
