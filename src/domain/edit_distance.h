// Internal: optimal string alignment (restricted Damerau-Levenshtein) distance on domain
// labels, and the edit script behind a small distance. Pure functions; thread-safe.
#pragma once

#include <string_view>
#include <vector>

namespace becguard::domain::internal {

// Distance between a and b when it is at most max_distance, else max_distance + 1. Only the
// band |i - j| <= max_distance is computed, so the cost is O(len * max_distance) without
// allocation. Strings longer than 255 bytes (never a valid label) report max_distance + 1.
int BoundedOsaDistance(std::string_view a, std::string_view b, int max_distance);

enum class EditKind {
  kInsert,      // the lookalike has an extra character
  kDelete,      // the lookalike lacks a character of the original
  kSubstitute,  // one character replaced
  kTranspose,   // two neighbours swapped
};

struct Edit {
  EditKind kind;
  char lookalike_char;  // inserted / substituting character ('\0' for kDelete)
  char original_char;   // deleted / substituted character ('\0' for kInsert)
};

// A minimal edit script turning `original` into `lookalike`, in label order.
std::vector<Edit> EditScript(std::string_view lookalike, std::string_view original);

}  // namespace becguard::domain::internal
