// PatternSet: named regular expressions compiled once into one Hyperscan database and matched
// in a single pass. The only place in becguard where regexes are compiled.
//
// Immutable after Compile; Scan is thread-safe (each thread lazily gets its own scratch).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "becguard/result.h"

namespace becguard::patterns {

struct PatternSpec {
  std::string name;   // e.g. "payment_change/new_account"; shown in evidence
  std::string regex;  // Hyperscan (PCRE subset) syntax, UTF-8
  int tag = 0;        // caller's category (e.g. an Intent value)
};

struct PatternMatch {
  std::size_t pattern_index;  // index into the specs given to Compile
  std::size_t begin;          // byte offsets into the scanned text (leftmost start)
  std::size_t end;
};

class PatternSet {
 public:
  // Case-insensitive, UTF-8 mode. Fails with kInvalidArgument naming the bad pattern.
  // cache_dir: where compiled databases are cached (see database_cache.h); "" = no cache.
  static Result<PatternSet> Compile(std::vector<PatternSpec> specs,
                                    const std::string& cache_dir = "");

  PatternSet(PatternSet&&) noexcept;
  PatternSet& operator=(PatternSet&&) noexcept;
  ~PatternSet();

  // All matches, at most one per pattern (the first), in pattern order.
  std::vector<PatternMatch> Scan(std::string_view text) const;
  bool Matches(std::string_view text) const { return !Scan(text).empty(); }

  const PatternSpec& spec(std::size_t index) const { return specs_[index]; }
  std::size_t size() const { return specs_.size(); }

 private:
  struct Db;
  PatternSet() = default;
  std::vector<PatternSpec> specs_;
  std::unique_ptr<Db> db_;
};

}  // namespace becguard::patterns
