// Internal: folding of ASCII look-alike characters in domain labels ("rn" for "m", "0" for
// "o", "1"/"i"/"l", ...) and naming the substitutions found. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace becguard::domain::internal {

// Maps every look-alike class to one representative so that labels differing only by
// confusable characters fold equal: 0→o, 1/i→l, 5→s, then rn→m, vv→w, cl→d. ASCII upper case
// is lowered; other bytes (UTF-8 of a skeleton) are kept.
std::string FoldConfusables(std::string_view label);

// The substitutions turning `original` into `lookalike`, in plain words and label order,
// joined by ", " ("rn→m", "digit for letter (0→o)"); "" when no sequence of single
// look-alike substitutions explains the difference.
std::string DescribeConfusables(std::string_view lookalike, std::string_view original);

}  // namespace becguard::domain::internal
