// Authorship verification: does a message read like the claimed sender's profile, rather than
// like other senders' (the impostors)? In the spirit of the General Impostors method (Koppel &
// Winter 2014): over many random halves of the feature space, how often is the claimed author's
// profile closer to the message than every impostor's? Similarities are cosines centred on the
// impostors' mean, so what all business mail shares does not count as evidence.
//
// Cost: one pass over the dense profiles per candidate (kDims x (1 + impostors)) to get per-block
// partial sums, then each iteration only adds block sums; about 10-20 us with 16 impostors
// (docs/BENCHMARKS.md, "Writing style").
// Immutable after construction; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "style/features.h"
#include "style/profile.h"

namespace becguard::style {

enum class VerifyMethod {
  kImpostors,  // General Impostors over random feature-block halves (default)
  kMargin,     // centred cosine to the author minus the best impostor's, one full-space look
  kSelf,       // no impostors: z-score of the similarity against the author's own messages
};

struct VerifierOptions {
  VerifyMethod method = VerifyMethod::kImpostors;
  int iterations = 100;   // random feature halves (kImpostors)
  int min_impostors = 3;  // fewer: fall back to kSelf
  // Smallest spread of the impostors' similarities believed when z-normalising: a message unlike
  // every profile (its real author is not in the store) has near-zero, tightly packed
  // similarities, and a tiny edge for the claimed author must not become a large z.
  double min_spread = 0.05;
  // How much the absolute (standardised) similarity to the claimed profile adds to z: z alone
  // says "closer than the impostors", which a message unlike everyone can be by a hair.
  double similarity_weight = 16.0;
  // Floor of the per-dimension variance in the Cosine Delta weights, as a share of the mean
  // variance: dimensions on which the impostors happen to agree must not get unbounded weight.
  double variance_floor = 0.1;
};

struct Verification {
  // In [0, 1], a logistic of z: low means "written by someone else".
  double same_author = 1.0;
  double similarity = 0;     // centred cosine with the claimed profile
  double best_impostor = 0;  // best centred cosine among impostors
  double z = 0;              // the author's standing above the impostors, in their SDs
  double wins = 0;           // share of looks the author beat every impostor (kImpostors)
  int impostors = 0;         // impostors used (0: kSelf)
  VerifyMethod method_used = VerifyMethod::kSelf;
};

class Verifier {
 public:
  static constexpr int kBlocks = 32;
  // same_author = logistic(kSlope * (z - kCenter)): z = kCenter is an even call. Chosen on
  // bench/style_eval (enron-authors) so that 0.5 sits near the equal-error point for 50+ words.
  static constexpr double kSlope = 1.0;
  static constexpr double kCenter = -0.5;

  explicit Verifier(VerifierOptions options = {});

  // `impostors` must not include the claimed profile; null entries are skipped.
  Verification Verify(const StyleSample& sample, const StyleProfile& claimed,
                      std::span<const StyleProfile* const> impostors) const;

 private:
  VerifierOptions options_;
  std::vector<std::uint32_t> masks_;  // one per iteration, kBlocks/2 bits set, fixed seed
};

}  // namespace becguard::style
