// Internal: the per-pair lookalike techniques behind LookalikeMatcher, comparing one candidate
// registrable domain with one protected domain. Pure functions over immutable data;
// thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/domain_tools.h"

namespace becguard::domain::internal {

// What a protected domain looks like to the techniques; computed once per matcher.
struct ProtectedDomain {
  std::string domain;                      // "kestrelmarine.com.sg"
  std::string label;                       // "kestrelmarine"
  std::string suffix;                      // "com.sg"
  std::vector<std::string> suffix_labels;  // {"com", "sg"}
  std::string key;                         // LabelKey(label)
  std::uint64_t label_chars = 0;           // CharSet(label)
  std::uint64_t key_chars = 0;             // CharSet(key)
  // The suffix is not in the Public Suffix List but serves as one ("com.cc"): candidates under
  // it are split the same way.
  bool unlisted_suffix = false;
};

// The host under test; computed once per Match call. Views point into the caller's storage.
struct Candidate {
  std::string_view host;    // canonical full host
  std::string_view domain;  // its registrable domain
  std::string_view label;
  std::string_view suffix;
  std::string key;  // LabelKey(label)
  std::uint64_t label_chars = 0;
  std::uint64_t key_chars = 0;
  bool idn = false;
};

// Lower rank = more specific evidence; used to pick the best match over all protected domains.
struct Technique {
  int rank = 0;
  std::string name;
  int distance = 0;
};

// Comparison key of a label: punycode ("xn--") labels are decoded and replaced by their UTS #39
// skeleton; then FoldConfusables.
std::string LabelKey(std::string_view ascii_label);

// The set of characters in s as bits (a-z, 0-9, '-', one bit for everything else): a cheap
// lower bound on the edit distance, since every character missing from the other side costs an
// edit.
std::uint64_t CharSet(std::string_view s);

// The most specific technique by which `candidate` imitates `protected_domain`, if any. The
// caller guarantees the candidate's registrable domain is not protected.
std::optional<Technique> Compare(const ProtectedDomain& protected_domain,
                                 const Candidate& candidate, const LookalikeOptions& options);

}  // namespace becguard::domain::internal
