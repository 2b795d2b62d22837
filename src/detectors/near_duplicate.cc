#include "detectors/near_duplicate.h"

#include <algorithm>
#include <string>
#include <vector>

#include "detectors/address_relation.h"
#include "detectors/config_util.h"
#include "detectors/learned_util.h"
#include "detectors/message_traits.h"
#include "detectors/strength_config.h"
#include "payment/payment_details.h"
#include "text/simhash.h"

namespace becguard::detectors {
namespace {

constexpr std::string_view kWhere = "[detectors.near_duplicate]";

class NearDuplicate final : public Detector {
 public:
  explicit NearDuplicate(NearDuplicateConfig config) : config_(config) {}

  std::string_view name() const override { return "near_duplicate"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    const std::uint64_t simhash = context.features.simhash;
    if (simhash == 0) return;
    const context::LearnedContext* learned = LearnedWithHistory(context, config_.min_history);
    if (learned == nullptr || learned->similar.empty()) return;
    const ParsedMessage& message = context.message;
    const Address* from = message.header_from();
    if (from == nullptr || from->address.empty()) return;
    const std::string reg = RegistrableOf(*from);
    const bool internal_forward =
        context.org.IsOrgDomain(reg) && !context.org.FindByAddress(from->address).empty();
    const bool bulk = IsBulkMail(message, context.esp);

    std::vector<std::string> values;
    for (const payment::PaymentDetail& d : context.features.payments) values.push_back(d.value);

    const context::MessageFingerprint* best = nullptr;
    std::string best_detail;
    int best_distance = 65;
    for (const context::MessageFingerprint& fp : learned->similar) {
      if (fp.simhash == 0) continue;
      if (!message.message_id.empty() && fp.message_id == message.message_id) continue;
      const int distance = text::HammingDistance(simhash, fp.simhash);
      if (distance > config_.max_distance || distance >= best_distance) continue;

      const bool other_sender = fp.sender_address != from->address && fp.sender_domain != reg;
      const bool payments_differ = PaymentsDiffer(fp.payment_values, values);
      std::string detail;
      if (other_sender && !internal_forward && !bulk) {
        detail = "near duplicate of <" + fp.message_id + "> from " + fp.sender_address;
        if (payments_differ) detail += ", with different payment details";
      } else if (payments_differ && !internal_forward) {
        detail = "near duplicate of <" + fp.message_id + "> from " + fp.sender_address +
                 " with different payment details";
      } else {
        continue;
      }
      detail += " (" + std::to_string(distance) + " of 64 bits differ)";
      best = &fp;
      best_detail = std::move(detail);
      best_distance = distance;
    }
    if (best == nullptr) return;
    std::string expected = best->sender_address;
    if (!best->payment_values.empty() && PaymentsDiffer(best->payment_values, values)) {
      for (std::size_t i = 0; i < best->payment_values.size(); ++i) {
        expected += (i ? ", " : "; payment ") + payment::MaskValue(best->payment_values[i]);
      }
    }
    sink.Add(FindingId::kNearDuplicate,
             Evidence{"body", FormatAddress(*from), expected, best_detail}, config_.strength);
  }

 private:
  // Both sides name payment details and the message has one the earlier message did not.
  static bool PaymentsDiffer(const std::vector<std::string>& earlier,
                             const std::vector<std::string>& now) {
    if (earlier.empty() || now.empty()) return false;
    return std::any_of(now.begin(), now.end(), [&](const std::string& v) {
      return std::find(earlier.begin(), earlier.end(), v) == earlier.end();
    });
  }

  NearDuplicateConfig config_;
};

}  // namespace

Result<NearDuplicateConfig> ParseNearDuplicateConfig(const toml::table& section) {
  BECGUARD_RETURN_IF_ERROR(
      CheckKnownKeys(section, kWhere, {"min_history", "max_distance", "strength"}));
  NearDuplicateConfig config;
  auto min_history = ReadCount(section, kWhere, "min_history", config.min_history);
  if (!min_history) return tl::unexpected(min_history.error());
  config.min_history = *min_history;
  auto distance = ReadCount(section, kWhere, "max_distance", config.max_distance);
  if (!distance) return tl::unexpected(distance.error());
  if (*distance > 64) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "config: 'max_distance' in " + std::string(kWhere) + " must be at most 64");
  }
  config.max_distance = *distance;
  auto strength = ReadStrength(section, kWhere, "strength", config.strength);
  if (!strength) return tl::unexpected(strength.error());
  config.strength = *strength;
  return config;
}

Result<std::unique_ptr<Detector>> CreateNearDuplicate(const toml::table& section) {
  auto config = ParseNearDuplicateConfig(section);
  if (!config) return tl::unexpected(config.error());
  return std::unique_ptr<Detector>(std::make_unique<NearDuplicate>(*config));
}

}  // namespace becguard::detectors
