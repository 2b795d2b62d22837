// Domain knowledge used by detectors: registrable domains (Public Suffix List via libpsl),
// consumer mail (freemail) domains, and lookalikes of protected domains.
//
// Built once at engine start; all methods are const and thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "becguard/result.h"

namespace becguard::domain {

// Registrable domain ("eTLD+1") of a host, lower-case, IDN as ASCII (punycode) input kept as is.
// Returns the host itself when libpsl has no answer, "" for empty input.
std::string RegistrableDomain(std::string_view host);

struct LookalikeMatch {
  std::string imitated;   // the protected registrable domain it imitates, e.g. "b-company.com"
  std::string technique;  // "rn→m", "homoglyph (IDN)", "suffix folding", "TLD swap", ...
  // Damerau-Levenshtein distance on the compared labels; 0 for techniques that are not edits
  // (IDN skeleton, TLD swap, suffix folding, extra word, subdomain).
  int distance = 0;
};

// Thresholds of the fuzzy techniques; the defaults suit organisation and partner domains.
// Edits under a different public suffix count only for long labels and only one edit.
struct LookalikeOptions {
  int max_distance = 1;       // Damerau-Levenshtein distance that counts ...
  int max_distance_long = 2;  // ... and the one for labels of at least long_label_length
  std::size_t long_label_length = 8;
  std::size_t min_fuzzy_label_length = 4;  // shorter protected labels: exact skeleton/TLD only
  std::size_t min_extra_word_label_length = 5;
};

class LookalikeMatcher {
 public:
  // protected_domains: organisation + partner registrable domains.
  explicit LookalikeMatcher(std::vector<std::string> protected_domains,
                            LookalikeOptions options = {});

  // A match when `host` (any host; its registrable domain is derived) is not itself protected
  // but imitates a protected domain. Also catches a protected domain used as a subdomain label
  // of an unrelated domain ("kestrelmarine.com.sg.remit-desk.com").
  std::optional<LookalikeMatch> Match(std::string_view host) const;

  // True when host is a protected domain or one of its subdomains (for protected names the PSL
  // reduces too far, like "b-company.com.cc", the name as given counts).
  bool IsProtected(std::string_view host) const;

 private:
  struct Entry;
  LookalikeOptions options_;
  std::vector<std::string> protected_;  // canonical registrable domains, sorted
  std::vector<std::shared_ptr<const Entry>> entries_;
};

// A list of registrable domains from a data file: consumer mailbox providers
// (data/freemail_domains.txt: gmail.com, outlook.jp, optimum.net, mail.com's many domains, ...)
// or e-mail service providers (data/esp_domains.txt: sendgrid.net, amazonses.com, mcsv.net, ...).
class DomainList {
 public:
  // One domain per line; '#' comments; blank lines ignored.
  static Result<DomainList> Load(const std::string& path);
  static DomainList FromDomains(std::vector<std::string> domains);
  // Exact match, or a subdomain of a listed domain ("em123.sendgrid.net").
  bool Contains(std::string_view registrable_domain) const;
  std::size_t size() const { return domains_.size(); }

 private:
  std::vector<std::string> domains_;  // sorted
};

}  // namespace becguard::domain
