// OrgDirectory: the organisation's and its partners' domains and people, from config.
// Answers "is this domain ours / a partner's?" and "whose name is this display name?".
// Later the learned store adds correspondents; detectors ask both.
// Immutable after construction; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "becguard/config.h"

namespace becguard::context {

enum class Affiliation { kOrganization, kPartner };

struct KnownPerson {
  const Person* person;
  Affiliation affiliation;
};

class OrgDirectory {
 public:
  OrgDirectory(const OrganizationConfig& org, const PartnersConfig& partners);

  bool IsOrgDomain(std::string_view registrable_domain) const;
  bool IsPartnerDomain(std::string_view registrable_domain) const;
  // Organisation + partner domains, lower-case registrable domains.
  const std::vector<std::string>& protected_domains() const { return protected_; }

  // The person whose name or alias this display name carries: all name tokens present in the
  // display name (any order), or the letters-only name key contained in the display name's key
  // (for names written without spaces, e.g. Japanese). Names shorter than 3 letters never match.
  std::vector<KnownPerson> FindByDisplayName(std::string_view display_name) const;
  // The person who owns this (lower-case) address, if any.
  std::vector<KnownPerson> FindByAddress(std::string_view address) const;

  static bool OwnsAddress(const Person& person, std::string_view address);

  // True for display names made only of department and role words ("Accounts Payable",
  // "経理部"): every company has one, so such a name identifies nobody.
  static bool IsGenericName(std::string_view display_name);

 private:
  struct NameEntry {
    std::vector<std::string> tokens;  // normalised name tokens
    std::string key;                  // text::NameKey of the name
    KnownPerson who;
  };
  std::vector<Person> people_;  // copies, so pointers stay valid
  std::vector<Affiliation> affiliations_;
  std::vector<NameEntry> names_;
  std::vector<std::string> org_domains_;
  std::vector<std::string> partner_domains_;
  std::vector<std::string> protected_;
};

}  // namespace becguard::context
