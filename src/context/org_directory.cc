#include "context/org_directory.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "core/ascii.h"
#include "text/normalize.h"

namespace becguard::context {
namespace {

// Department and role words. A configured "person" made only of these ("人事部", "Payroll") is a
// mailbox, not a name, and a display name made only of them names nobody in particular: other
// companies have an "Accounts Payable" too.
constexpr std::string_view kGenericWords[] = {
    "accounts",   "accounting", "payable",   "receivable", "ap",         "ar",       "payroll",
    "finance",    "financial",  "billing",   "invoices",   "invoice",    "hr",       "human",
    "resources",  "people",     "team",      "support",    "info",       "admin",    "sales",
    "office",     "treasury",   "reception", "customer",   "service",    "services", "helpdesk",
    "it",         "noreply",    "no",        "reply",      "department", "dept",     "ceo",
    "cfo",        "president",  "manager",   "the",        "of",         "and",      "人事部",
    "経理部",     "総務部",     "財務部",    "営業部",     "購買部",     "人事",     "経理",
    "総務",       "社長",       "事務局",    "credit",     "control",    "payables", "receivables",
    "donotreply",
};

bool IsGenericWord(std::string_view token) {
  return std::find(std::begin(kGenericWords), std::end(kGenericWords), token) !=
         std::end(kGenericWords);
}

bool IsTokenChar(UChar32 c) {
  if (u_isalnum(c)) return true;
  const int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

// Splits already-normalised text into runs of letters, digits and marks.
std::vector<std::string> Tokens(std::string_view normalized) {
  std::vector<std::string> out;
  std::string current;
  const auto* bytes = reinterpret_cast<const uint8_t*>(normalized.data());
  const auto length = static_cast<int32_t>(normalized.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && IsTokenChar(c)) {
      current.append(normalized.substr(start, i - start));
    } else if (!current.empty()) {
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

int CountLetters(std::string_view utf8) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  int letters = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && u_isalpha(c)) ++letters;
  }
  return letters;
}

// Letters and digits in written order. Not text::NameKey: that one may sort tokens for
// "Okafor, Margaret" = "Margaret Okafor", which would break containment in a longer display name.
std::string JoinedKey(const std::vector<std::string>& tokens) {
  std::string key;
  for (const std::string& t : tokens) key += t;
  return key;
}

bool HasNonAscii(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

bool AllGeneric(const std::vector<std::string>& tokens) {
  return !tokens.empty() && std::all_of(tokens.begin(), tokens.end(), IsGenericWord);
}

std::string CanonicalDomain(std::string_view domain) {
  std::string out = AsciiLower(domain);
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  return out;
}

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

OrgDirectory::OrgDirectory(const OrganizationConfig& org, const PartnersConfig& partners) {
  for (const std::string& d : org.domains) {
    std::string domain = CanonicalDomain(d);
    if (!domain.empty() && !Contains(org_domains_, domain)) org_domains_.push_back(domain);
  }
  for (const std::string& d : partners.domains) {
    std::string domain = CanonicalDomain(d);
    if (!domain.empty() && !Contains(partner_domains_, domain)) partner_domains_.push_back(domain);
  }
  protected_ = org_domains_;
  for (const std::string& d : partner_domains_) {
    if (!Contains(protected_, d)) protected_.push_back(d);
  }

  // Reserve first so the Person pointers taken below stay valid.
  people_.reserve(org.people.size() + partners.people.size());
  for (const Person& p : org.people) {
    people_.push_back(p);
    affiliations_.push_back(Affiliation::kOrganization);
  }
  for (const Person& p : partners.people) {
    people_.push_back(p);
    affiliations_.push_back(Affiliation::kPartner);
  }
  for (std::size_t i = 0; i < people_.size(); ++i) {
    Person& person = people_[i];
    for (std::string& address : person.addresses) address = AsciiLower(address);
    const KnownPerson who{&person, affiliations_[i]};
    std::vector<std::string_view> names{person.name};
    for (const std::string& alias : person.aliases) names.push_back(alias);
    for (std::string_view name : names) {
      std::vector<std::string> tokens = Tokens(text::Normalize(name));
      std::string key = JoinedKey(tokens);
      if (CountLetters(key) < 3 || AllGeneric(tokens)) continue;
      names_.push_back(NameEntry{std::move(tokens), std::move(key), who});
    }
  }
}

bool OrgDirectory::IsOrgDomain(std::string_view registrable_domain) const {
  return !registrable_domain.empty() && Contains(org_domains_, AsciiLower(registrable_domain));
}

bool OrgDirectory::IsPartnerDomain(std::string_view registrable_domain) const {
  return !registrable_domain.empty() && Contains(partner_domains_, AsciiLower(registrable_domain));
}

bool OrgDirectory::IsGenericName(std::string_view display_name) {
  const std::vector<std::string> tokens = Tokens(text::Normalize(display_name));
  return tokens.empty() || AllGeneric(tokens);
}

std::vector<KnownPerson> OrgDirectory::FindByDisplayName(std::string_view display_name) const {
  std::vector<KnownPerson> out;
  if (names_.empty()) return out;
  const std::string normalized = text::Normalize(display_name);
  const std::vector<std::string> tokens = Tokens(normalized);
  if (tokens.empty() || AllGeneric(tokens)) return out;
  const std::string key = JoinedKey(tokens);

  for (const NameEntry& entry : names_) {
    bool match = std::all_of(entry.tokens.begin(), entry.tokens.end(),
                             [&](const std::string& t) { return Contains(tokens, t); });
    if (!match) {
      // Key containment is for scripts written without spaces; for Latin names it would let
      // "Ann Lee" match "Joann Leeds", so those only match on the whole key.
      match = HasNonAscii(entry.key) ? key.find(entry.key) != std::string::npos : key == entry.key;
    }
    if (!match) continue;
    const bool seen = std::any_of(
        out.begin(), out.end(), [&](const KnownPerson& k) { return k.person == entry.who.person; });
    if (!seen) out.push_back(entry.who);
  }
  return out;
}

std::vector<KnownPerson> OrgDirectory::FindByAddress(std::string_view address) const {
  std::vector<KnownPerson> out;
  if (address.empty()) return out;
  for (std::size_t i = 0; i < people_.size(); ++i) {
    if (OwnsAddress(people_[i], address)) out.push_back(KnownPerson{&people_[i], affiliations_[i]});
  }
  return out;
}

bool OrgDirectory::OwnsAddress(const Person& person, std::string_view address) {
  if (address.empty()) return false;
  const std::string lower = AsciiLower(address);
  return std::any_of(person.addresses.begin(), person.addresses.end(),
                     [&](const std::string& a) { return AsciiLower(a) == lower; });
}

}  // namespace becguard::context
