#include "detectors/style_mismatch.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "detectors/address_relation.h"
#include "detectors/config_util.h"
#include "detectors/learned_util.h"
#include "detectors/message_traits.h"
#include "style/explain.h"
#include "style/verifier.h"

namespace becguard::detectors {
namespace {

constexpr std::string_view kWhere = "[detectors.style_mismatch]";

class StyleMismatch final : public Detector {
 public:
  explicit StyleMismatch(StyleMismatchConfig config)
      : config_(config),
        verifier_(style::VerifierOptions{style::VerifyMethod::kImpostors, 100,
                                         static_cast<int>(config.min_impostors)}) {}

  std::string_view name() const override { return "style_mismatch"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    const context::LearnedContext* learned = context.learned;
    if (learned == nullptr || learned->style_profiles.empty()) return;
    const style::StyleSample& sample = context.features.style;
    if (sample.words < config_.min_words) return;
    if (static_cast<std::int64_t>(learned->style_impostors.size()) < config_.min_impostors) return;
    const ParsedMessage& message = context.message;
    const Address* from = message.header_from();
    if (from == nullptr || from->address.empty()) return;
    if (IsBulkMail(message, context.esp) || IsAutoReply(message)) return;

    std::string key, whose;
    const style::StyleProfile* profile =
        Mature(*learned, context::StyleKeyForAddress(from->address));
    if (profile != nullptr) {
      whose = from->address;
    } else {
      for (const context::KnownPerson& known : context.org.FindByAddress(from->address)) {
        profile = Mature(*learned, context::StyleKeyForPerson(known.person->name));
        if (profile != nullptr) {
          whose = known.person->name;
          break;
        }
      }
    }
    if (profile == nullptr) return;

    std::vector<const style::StyleProfile*> impostors;
    for (const auto& p : learned->style_impostors) impostors.push_back(p.get());
    const style::Verification v = verifier_.Verify(sample, *profile, impostors);
    if (v.method_used != style::VerifyMethod::kImpostors || v.same_author >= config_.threshold) {
      return;
    }
    std::string observed;
    for (const std::string& difference : style::ExplainDifferences(sample, *profile)) {
      observed += (observed.empty() ? "" : "; ") + difference;
    }
    if (observed.empty()) observed = "character and word habits unlike the sender's";
    char detail[200];
    std::snprintf(detail, sizeof detail,
                  "same-author score %.2f (threshold %.2f): closer to the sender's profile than to "
                  "%d other writers in only %.0f %% of %d feature samples",
                  v.same_author, config_.threshold, v.impostors, v.wins * 100, 100);
    const std::string expected = "the writing style of " + whose + " (" +
                                 std::to_string(profile->messages()) + " messages learned)";
    const double strength = std::clamp(1.0 - 0.5 * v.same_author / config_.threshold, 0.5, 1.0);
    sink.Add(FindingId::kStyleMismatch,
             Evidence{"body (writing style)", observed, expected, detail}, strength);
  }

 private:
  const style::StyleProfile* Mature(const context::LearnedContext& learned,
                                    const std::string& key) const {
    auto it = learned.style_profiles.find(key);
    if (it == learned.style_profiles.end()) return nullptr;
    const style::StyleProfile& p = *it->second;
    if (p.messages() < config_.min_messages || p.words() < config_.min_profile_words)
      return nullptr;
    return &p;
  }

  StyleMismatchConfig config_;
  style::Verifier verifier_;
};

}  // namespace

Result<StyleMismatchConfig> ParseStyleMismatchConfig(const toml::table& section) {
  BECGUARD_RETURN_IF_ERROR(CheckKnownKeys(
      section, kWhere,
      {"min_messages", "min_profile_words", "min_words", "min_impostors", "threshold"}));
  StyleMismatchConfig config;
  for (auto [key, field] : {std::pair{"min_messages", &config.min_messages},
                            std::pair{"min_profile_words", &config.min_profile_words},
                            std::pair{"min_words", &config.min_words},
                            std::pair{"min_impostors", &config.min_impostors}}) {
    auto value = ReadCount(section, kWhere, key, *field);
    if (!value) return tl::unexpected(value.error());
    *field = *value;
  }
  if (config.min_impostors < 1) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "config: 'min_impostors' in " + std::string(kWhere) + " must be at least 1");
  }
  auto threshold = ReadDouble(section, "threshold", config.threshold);
  if (!threshold) return tl::unexpected(threshold.error());
  if (*threshold <= 0 || *threshold >= 1) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "config: 'threshold' in " + std::string(kWhere) + " must be in (0, 1)");
  }
  config.threshold = *threshold;
  return config;
}

Result<std::unique_ptr<Detector>> CreateStyleMismatch(const toml::table& section) {
  auto config = ParseStyleMismatchConfig(section);
  if (!config) return tl::unexpected(config.error());
  return std::unique_ptr<Detector>(std::make_unique<StyleMismatch>(*config));
}

}  // namespace becguard::detectors
