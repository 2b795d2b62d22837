#include "detectors/address_relation.h"

#include <algorithm>
#include <iterator>

#include "detectors/message_traits.h"

namespace becguard::detectors {
namespace {

std::string Alnum(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

// Role mailboxes exist at every company: "info@a.com" with Reply-To "info@b.com" embeds nothing.
bool IsRoleLocalPart(std::string_view alnum) {
  static constexpr std::string_view kRoles[] = {
      "info",     "sales",   "billing",  "admin",   "office",  "contact",   "support",
      "accounts", "invoice", "invoices", "noreply", "mail",    "finance",   "payroll",
      "hello",    "team",    "service",  "orders",  "account", "webmaster", "postmaster"};
  return std::find(std::begin(kRoles), std::end(kRoles), alnum) != std::end(kRoles);
}

// First label of a registrable domain: "kestrelmarine" for kestrelmarine.com.sg.
std::string_view FirstLabel(std::string_view registrable) {
  return registrable.substr(0, registrable.find('.'));
}

}  // namespace

std::string RegistrableOf(const Address& address) {
  if (!address.registrable_domain.empty()) return address.registrable_domain;
  if (address.domain.empty()) return {};
  return domain::RegistrableDomain(address.domain);
}

bool IsSameOrSubdomain(std::string_view candidate, std::string_view parent) {
  if (candidate.empty() || parent.empty()) return false;
  if (candidate == parent) return true;
  return candidate.size() > parent.size() &&
         candidate.substr(candidate.size() - parent.size()) == parent &&
         candidate[candidate.size() - parent.size() - 1] == '.';
}

bool SameProtectedSide(const context::OrgDirectory& org, std::string_view a, std::string_view b) {
  return (org.IsOrgDomain(a) && org.IsOrgDomain(b)) ||
         (org.IsPartnerDomain(a) && org.IsPartnerDomain(b));
}

bool OnHomeDomain(const context::OrgDirectory& org, const context::KnownPerson& who,
                  std::string_view registrable) {
  if (registrable.empty()) return false;
  for (const std::string& address : who.person->addresses) {
    const auto at = address.rfind('@');
    if (at == std::string::npos) continue;
    const std::string_view host = std::string_view(address).substr(at + 1);
    if (IsSameOrSubdomain(host, registrable) || IsSameOrSubdomain(registrable, host)) return true;
  }
  if (who.affiliation == context::Affiliation::kOrganization) return org.IsOrgDomain(registrable);
  return who.person->addresses.empty() && org.IsPartnerDomain(registrable);
}

std::string DescribeLookalike(const domain::LookalikeMatch& match) {
  std::string out = "lookalike of " + match.imitated + " (" + match.technique;
  if (match.distance > 0) out += ", distance " + std::to_string(match.distance);
  return out + ")";
}

std::string FormatAddress(const Address& address) {
  const std::string& name = address.display_name;
  if (name.empty()) return address.address;
  // Quoted when the name itself looks like address syntax, so "A <a@x> secured by" <b@y> reads
  // as one display name followed by the real address.
  if (name.find_first_of("<>@,;:\"()[]") == std::string::npos) {
    return name + " <" + address.address + ">";
  }
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') quoted.push_back('\\');
    quoted.push_back(c);
  }
  return quoted + "\" <" + address.address + ">";
}

Embeds EmbedsFromIdentity(const Address& candidate, const Address& from) {
  const std::string local = Alnum(candidate.local_part);
  if (local.empty()) return Embeds::kNothing;
  const std::string from_local = Alnum(from.local_part);
  // Strictly longer: the same local part on another business domain is usually the same person's
  // second mailbox, while the attack adds the company name around it.
  if (from_local.size() >= 4 && local.size() > from_local.size() && !IsRoleLocalPart(from_local) &&
      local.find(from_local) != std::string::npos) {
    return Embeds::kFromAddress;
  }
  const std::string label = Alnum(FirstLabel(RegistrableOf(from)));
  if (label.size() >= 4 && local.find(label) != std::string::npos) return Embeds::kFromDomain;
  return Embeds::kNothing;
}

AddressRelation Relate(const DetectorContext& context, const Address& candidate,
                       const Address* from) {
  AddressRelation r;
  r.registrable = RegistrableOf(candidate);
  if (r.registrable.empty()) return r;
  r.org_domain = context.org.IsOrgDomain(r.registrable);
  r.partner_domain = context.org.IsPartnerDomain(r.registrable);
  r.freemail =
      context.freemail.Contains(candidate.domain) || context.freemail.Contains(r.registrable);
  r.esp = context.esp.Contains(r.registrable) || context.esp.Contains(candidate.domain);
  if (!r.is_protected()) r.lookalike = context.lookalikes.Match(candidate.domain);
  if (from == nullptr) return r;
  const std::string from_reg = RegistrableOf(*from);
  r.same_registrable = r.registrable == from_reg ||
                       IsSameOrSubdomain(candidate.domain, from->domain) ||
                       IsSameOrSubdomain(from->domain, candidate.domain);
  if (!r.same_registrable) {
    r.embeds = EmbedsFromIdentity(candidate, *from);
    // "gmail" inside a Reply-To local part says nothing about a gmail From.
    if (r.embeds == Embeds::kFromDomain &&
        (context.freemail.Contains(from->domain) || context.freemail.Contains(from_reg) ||
         context.esp.Contains(from_reg))) {
      r.embeds = Embeds::kNothing;
    }
  }
  return r;
}

std::string AddressRelation::Describe() const {
  std::string out;
  auto add = [&out](std::string_view part) {
    if (!out.empty()) out += "; ";
    out += part;
  };
  if (freemail) add("free-mail");
  if (lookalike) add(DescribeLookalike(*lookalike));
  if (embeds == Embeds::kFromAddress) add("embeds the From address");
  if (embeds == Embeds::kFromDomain) add("embeds the From domain name");
  return out;
}

namespace {

bool IsLocalChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' ||
         c == '+' || c == '%' || c == '\'';
}

bool IsDomainChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

}  // namespace

std::vector<std::string> AddressesInText(std::string_view text) {
  const std::string lower = AsciiLower(text);
  std::vector<std::string> out;
  for (std::size_t at = lower.find('@'); at != std::string::npos; at = lower.find('@', at + 1)) {
    std::size_t begin = at;
    while (begin > 0 && IsLocalChar(lower[begin - 1])) --begin;
    while (begin < at && (lower[begin] == '.' || lower[begin] == '\'')) ++begin;
    std::size_t end = at + 1;
    while (end < lower.size() && IsDomainChar(lower[end])) ++end;
    while (end > at + 1 && lower[end - 1] == '.') --end;
    if (begin == at || lower.find('.', at) >= end) continue;
    std::string address = lower.substr(begin, end - begin);
    if (std::find(out.begin(), out.end(), address) == out.end()) out.push_back(std::move(address));
  }
  return out;
}

}  // namespace becguard::detectors
