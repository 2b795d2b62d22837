#include "detectors/content_intent.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "detectors/config_util.h"
#include "detectors/message_traits.h"

namespace becguard::detectors {
namespace {

using patterns::Intent;

// Every content intent and the finding it becomes; context intents have no finding.
constexpr std::array<std::pair<Intent, FindingId>, 11> kContentIntents{{
    {Intent::kPaymentChange, FindingId::kPaymentChange},
    {Intent::kWireTransfer, FindingId::kWireTransfer},
    {Intent::kUrgency, FindingId::kUrgency},
    {Intent::kSecrecy, FindingId::kSecrecy},
    {Intent::kGiftCard, FindingId::kGiftCard},
    {Intent::kAcquisition, FindingId::kAcquisition},
    {Intent::kLegalCounsel, FindingId::kLegalCounsel},
    {Intent::kAvailability, FindingId::kAvailability},
    {Intent::kPretext, FindingId::kPretext},
    {Intent::kPaymentHold, FindingId::kPaymentHold},
    {Intent::kPayrollChange, FindingId::kPayrollChange},
}};

class ContentIntent final : public Detector {
 public:
  explicit ContentIntent(ContentIntentConfig config) : config_(config) {}

  std::string_view name() const override { return "content_intent"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    const patterns::IntentHits& intents = context.intents;
    if (Suppressed(context)) return;
    for (const auto& [intent, id] : kContentIntents) {
      const int count = intents.Count(intent);
      const patterns::IntentHit* first = intents.First(intent);
      if (count == 0 || first == nullptr) continue;
      std::string detail = first->pattern_name;
      if (count > 1) detail += " and " + std::to_string(count - 1) + " more";
      const double strength = std::min(1.0, 0.6 + 0.2 * (count - 1));
      sink.Add(id, Evidence{first->in_subject ? "subject" : "body", first->excerpt, {}, detail},
               strength);
    }
  }

 private:
  // Both the text and a header must say so: a header alone is cheap to forge into a BEC mail,
  // and the text alone ("I am out of office, so please wire it today") is a known pretext.
  bool Suppressed(const DetectorContext& context) const {
    const ParsedMessage& message = context.message;
    if (config_.suppress_in_auto_replies && context.intents.Has(Intent::kAutoReplyContext) &&
        IsAutoReply(message)) {
      return true;
    }
    return config_.suppress_in_marketing && context.intents.Has(Intent::kMarketingContext) &&
           message.FindHeader("List-Unsubscribe") != nullptr;
  }

  ContentIntentConfig config_;
};

}  // namespace

Result<ContentIntentConfig> ParseContentIntentConfig(const toml::table& section) {
  constexpr std::string_view kWhere = "[detectors.content_intent]";
  BECGUARD_RETURN_IF_ERROR(
      CheckKnownKeys(section, kWhere, {"suppress_in_auto_replies", "suppress_in_marketing"}));
  ContentIntentConfig config;
  auto auto_replies =
      ReadBool(section, "suppress_in_auto_replies", config.suppress_in_auto_replies);
  if (!auto_replies) return tl::unexpected(auto_replies.error());
  config.suppress_in_auto_replies = *auto_replies;
  auto marketing = ReadBool(section, "suppress_in_marketing", config.suppress_in_marketing);
  if (!marketing) return tl::unexpected(marketing.error());
  config.suppress_in_marketing = *marketing;
  return config;
}

Result<std::unique_ptr<Detector>> CreateContentIntent(const toml::table& section) {
  auto config = ParseContentIntentConfig(section);
  if (!config) return tl::unexpected(config.error());
  return std::unique_ptr<Detector>(std::make_unique<ContentIntent>(*config));
}

}  // namespace becguard::detectors
