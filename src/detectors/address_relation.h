// How an address relates to the message's From (and to the organisation): same registrable
// domain, organisation/partner domain, free-mail, e-mail service provider, lookalike of a
// protected domain, or a local part that embeds the From identity
// (alice.eve.company-a@mail.com for alice.eve@company-a.com). The header detectors
// (reply_to_mismatch, return_path_mismatch, receipt_to_other, cc_rewritten, display_name_spoof)
// all ask these questions, so they live here once.
// Stateless functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "becguard/message.h"
#include "context/org_directory.h"
#include "detectors/detector.h"
#include "domain/domain_tools.h"

namespace becguard::detectors {

enum class Embeds {
  kNothing,
  kFromAddress,  // the candidate's local part contains the From local part
  kFromDomain,   // ... or the name of the From domain ("aoba.denzai.ogawa" for aoba-denzai.co.jp)
};

struct AddressRelation {
  std::string registrable;        // of the candidate
  bool same_registrable = false;  // same registrable domain as From (or a subdomain of it)
  bool org_domain = false;
  bool partner_domain = false;
  bool freemail = false;
  bool esp = false;
  std::optional<domain::LookalikeMatch> lookalike;
  Embeds embeds = Embeds::kNothing;

  bool is_protected() const { return org_domain || partner_domain; }
  // "free-mail; lookalike of x.com (rn→m, distance 1); embeds the From address" — the
  // attacker-side properties only, for evidence details. Empty when there are none.
  std::string Describe() const;
};

// `from` may be nullptr (no From): then only the domain properties are filled.
AddressRelation Relate(const DetectorContext& context, const Address& candidate,
                       const Address* from);

// Registrable domain of an address, falling back to the PSL when the parser left it empty.
std::string RegistrableOf(const Address& address);

// True when `candidate` equals `parent` or is one of its subdomains.
bool IsSameOrSubdomain(std::string_view candidate, std::string_view parent);

// Both registrable domains belong to the organisation, or both to its partners.
bool SameProtectedSide(const context::OrgDirectory& org, std::string_view a, std::string_view b);

// The domains a known person writes from: those of their configured addresses; an organisation
// person may use any organisation domain; a partner person without configured addresses any
// partner domain.
bool OnHomeDomain(const context::OrgDirectory& org, const context::KnownPerson& who,
                  std::string_view registrable);

// "lookalike of b-company.com (suffix folding, distance 1)".
std::string DescribeLookalike(const domain::LookalikeMatch& match);

// "Name <local@domain>", "\"Name <x@y> secured by\" <local@domain>" when the name holds address
// syntax, or just the address.
std::string FormatAddress(const Address& address);

Embeds EmbedsFromIdentity(const Address& candidate, const Address& from);

// Lower-case addresses written inside free text such as a display name ("x@y.com" in
// "Name <x@y.com> secured by [mailto:z@w.com]"), each once, in order. Quotes and dots around
// the local part are not part of it; the domain must contain a dot.
std::vector<std::string> AddressesInText(std::string_view text);

}  // namespace becguard::detectors
