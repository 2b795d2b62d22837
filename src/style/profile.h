// StyleProfile: how one sender (an address, or a person with several addresses) writes: the mean
// style vector of their messages, running mean/variance of the interpretable statistics, how
// similar their own messages are to their profile, and their most frequent greeting and sign-off
// forms. Fixed size (about 3 KB serialised), updated one message at a time, mergeable, and
// serialised to a versioned blob for the store.
// Value type; thread-compatible.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "style/features.h"

namespace becguard::style {

// Running mean and variance (Welford), mergeable.
struct RunningStat {
  double count = 0;
  double mean = 0;
  double m2 = 0;
  void Add(double x);
  void Merge(const RunningStat& other);
  double variance() const { return count > 1 ? m2 / (count - 1) : 0.0; }
  double stddev() const;
};

// A habit (greeting or sign-off form) and how many messages used it; "" = none used.
struct FormCount {
  std::string form;
  std::uint32_t count = 0;
};

class StyleProfile {
 public:
  static constexpr std::size_t kMaxForms = 6;
  // Shorter messages ("FYI", "ok thanks") are not learned: they carry little of the writer and
  // pull the profile towards everyone's replies (bench/style_eval: AUC at 50+ words 0.886 ->
  // 0.908).
  static constexpr int kMinLearnWords = 5;

  // Adds one message (ignored below kMinLearnWords).
  void Add(const StyleSample& sample);
  // Adds another profile of the same person (e.g. their second address).
  void Merge(const StyleProfile& other);

  std::int64_t messages() const { return messages_; }
  std::int64_t words() const { return words_; }
  double mean_words() const { return messages_ > 0 ? static_cast<double>(words_) / messages_ : 0; }
  // Mean of the messages' unit style vectors.
  const std::array<float, kDims>& centroid() const { return centroid_; }
  const RunningStat& stat(Stat s) const { return stats_[static_cast<std::size_t>(s)]; }
  // Cosine similarity of the sender's own messages to the profile as it stood before each.
  const RunningStat& self_similarity() const { return self_similarity_; }
  // Most frequent first.
  std::vector<FormCount> greetings() const { return Sorted(greetings_); }
  std::vector<FormCount> signoffs() const { return Sorted(signoffs_); }
  // Share of messages using `form` (0 when unknown).
  double GreetingShare(std::string_view form) const { return Share(greetings_, form); }
  double SignoffShare(std::string_view form) const { return Share(signoffs_, form); }

  std::string Serialize() const;
  // nullopt for a blob of another version or a damaged one.
  static std::optional<StyleProfile> Deserialize(std::string_view blob);

 private:
  static std::vector<FormCount> Sorted(const std::vector<FormCount>& forms);
  double Share(const std::vector<FormCount>& forms, std::string_view form) const;
  static void CountForm(std::vector<FormCount>& forms, const std::string& form,
                        std::uint32_t count);

  std::int64_t messages_ = 0;
  std::int64_t words_ = 0;
  std::array<float, kDims> centroid_{};
  std::array<RunningStat, kStatCount> stats_{};
  RunningStat self_similarity_;
  std::vector<FormCount> greetings_;
  std::vector<FormCount> signoffs_;
};

// Cosine of a sample with a profile's centroid.
double Similarity(const StyleSample& sample, const StyleProfile& profile);

}  // namespace becguard::style

namespace becguard::style {

// The writing system a profile's sender mostly uses: impostors are drawn from senders of the same
// one (a Japanese writer's mail is trivially unlike an English writer's, which proves nothing).
enum class ProfileScript : int { kLatin = 0, kJapanese = 1 };
ProfileScript ScriptOf(const StyleProfile& profile);

// A fixed pseudo-random order of profile keys (stable across processes and builds), from which
// impostors are taken starting at the claimed sender's key: cheap, deterministic, and a
// different sample of the population for different senders.
std::int64_t ImpostorOrder(std::string_view key);

}  // namespace becguard::style
