#include "detectors/registry.h"

#include <array>
#include <string>

#include "detectors/auth_results.h"
#include "detectors/campaign_pattern.h"
#include "detectors/cc_rewritten.h"
#include "detectors/content_intent.h"
#include "detectors/display_name_spoof.h"
#include "detectors/first_contact.h"
#include "detectors/freemail_sender.h"
#include "detectors/intel_ioc.h"
#include "detectors/limit_skipped.h"
#include "detectors/lookalike_domain.h"
#include "detectors/near_duplicate.h"
#include "detectors/payment_changed.h"
#include "detectors/receipt_to_other.h"
#include "detectors/reply_to_mismatch.h"
#include "detectors/return_path_mismatch.h"
#include "detectors/style_mismatch.h"
#include "detectors/thread_hijack.h"
#include "detectors/tracking_beacon.h"

namespace becguard::detectors {
namespace {

// Every detector, in the order they run. Adding a detector = one file + one line here.
constexpr std::array kRegistry{
    DetectorEntry{"reply_to_mismatch", &CreateReplyToMismatch},
    DetectorEntry{"return_path_mismatch", &CreateReturnPathMismatch},
    DetectorEntry{"receipt_to_other", &CreateReceiptToOther},
    DetectorEntry{"cc_rewritten", &CreateCcRewritten},
    DetectorEntry{"display_name_spoof", &CreateDisplayNameSpoof},
    DetectorEntry{"freemail_sender", &CreateFreemailSender},
    DetectorEntry{"lookalike_domain", &CreateLookalikeDomain},
    DetectorEntry{"content_intent", &CreateContentIntent},
    DetectorEntry{"intel_ioc", &CreateIntelIoc},
    DetectorEntry{"campaign_pattern", &CreateCampaignPattern},
    DetectorEntry{"tracking_beacon", &CreateTrackingBeacon},
    DetectorEntry{"auth_results", &CreateAuthResults},
    // Learned context: silent without a store or before it has history.
    DetectorEntry{"first_contact", &CreateFirstContact},
    DetectorEntry{"thread_hijack", &CreateThreadHijack},
    DetectorEntry{"payment_changed", &CreatePaymentChanged},
    DetectorEntry{"near_duplicate", &CreateNearDuplicate},
    DetectorEntry{"style_mismatch", &CreateStyleMismatch},
    DetectorEntry{"limit_skipped", &CreateLimitSkipped},
};

}  // namespace

std::span<const DetectorEntry> DetectorRegistry() { return kRegistry; }

Result<std::vector<std::unique_ptr<Detector>>> BuildDetectors(const toml::table& detectors) {
  for (const auto& [key, value] : detectors) {
    bool known = false;
    for (const DetectorEntry& entry : kRegistry) known = known || entry.name == key.str();
    if (!known) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "config: unknown detector [detectors." + std::string(key.str()) + "]");
    }
    if (!value.is_table()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "config: [detectors." + std::string(key.str()) + "] must be a table");
    }
  }
  std::vector<std::unique_ptr<Detector>> built;
  const toml::table empty;
  for (const DetectorEntry& entry : kRegistry) {
    const toml::table* section = detectors[entry.name].as_table();
    if (section == nullptr) section = &empty;
    if (!(*section)["enabled"].value_or(true)) continue;
    auto detector = entry.create(*section);
    if (!detector) return tl::unexpected(detector.error());
    built.push_back(std::move(*detector));
  }
  return built;
}

}  // namespace becguard::detectors
