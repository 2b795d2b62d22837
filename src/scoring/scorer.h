// Scorer: findings -> score (0..100) -> verdict, driven entirely by data (data/scores.toml plus
// the [scoring] table of the site config), in the manner of rspamd's scores.d and composites.
//
//   points(finding)   = weight[id] x strength      (an id seen twice counts once: the strongest)
//   group cap         = the points of one group never exceed groups.<name>.max
//   composite         = when every term of `all` holds (and no term of `none`), add its weight;
//                       a term is "id", "id|id|..." (any of), or "group:<name>"
//   score             = clamp(sum, 0, 100);  verdict by thresholds.suspicious / thresholds.bec
//
// Immutable after construction; Score is thread-safe.
#pragma once

#include <array>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "becguard/finding.h"
#include "becguard/result.h"
#include "becguard/verdict.h"

namespace becguard::scoring {

struct ScoringOutcome {
  int score = 0;
  Verdict verdict = Verdict::kClean;
  std::vector<ScoredFinding> findings;  // strongest first; composites included
};

class Scorer {
 public:
  // `base` is the scores file; `overrides` the site's [scoring] table (may be empty): its keys
  // replace the base's one by one; composites listed there are added (same name replaces).
  static Result<Scorer> FromToml(const toml::table& base, const toml::table& overrides);

  ScoringOutcome Score(std::vector<Finding> findings) const;

  double weight(FindingId id) const { return weights_[static_cast<int>(id)]; }
  double suspicious_threshold() const { return suspicious_; }
  double bec_threshold() const { return bec_; }

 private:
  struct Term {
    std::vector<FindingId> any_of;  // holds when any of these ids was found
    bool is_group = false;
    FindingGroup group = FindingGroup::kHeader;
  };
  struct Composite {
    std::string name;
    std::string description;
    std::vector<Term> all;
    std::vector<Term> none;
    double weight = 0;
  };
  static Result<Term> ParseTerm(std::string_view text);
  static Result<Composite> ParseComposite(const toml::table& table);
  Result<void> Apply(const toml::table& table, bool is_override);

  std::array<double, kFindingIdCount> weights_{};
  std::array<bool, kFindingIdCount> has_weight_{};
  std::array<double, kFindingGroupCount> group_max_{};  // by FindingGroup; 0 = no cap
  std::vector<Composite> composites_;
  double suspicious_ = 30;
  double bec_ = 60;

  friend class ScorerTestPeer;
};

}  // namespace becguard::scoring
