#include "detectors/freemail_sender.h"

#include <algorithm>
#include <string>

#include "detectors/address_relation.h"
#include "detectors/config_util.h"
#include "detectors/message_traits.h"
#include "detectors/strength_config.h"

namespace becguard::detectors {
namespace {

using patterns::Intent;

class FreemailSender final : public Detector {
 public:
  explicit FreemailSender(FreemailSenderConfig config) : config_(config) {}

  std::string_view name() const override { return "freemail_sender"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    const ParsedMessage& message = context.message;
    const Address* from = message.header_from();
    if (from == nullptr || from->address.empty()) return;
    // A list post is written to the list, not to us; lists also put the poster's free-mail
    // address in Reply-To when they munge From.
    if (IsMailingList(message)) return;
    const Address* sender = nullptr;
    std::string field;
    if (context.freemail.Contains(from->domain) ||
        context.freemail.Contains(RegistrableOf(*from))) {
      sender = from;
      field = "From";
    } else if (config_.check_reply_to) {
      for (const Address& reply_to : message.reply_to) {
        if (!reply_to.address.empty() && (context.freemail.Contains(reply_to.domain) ||
                                          context.freemail.Contains(RegistrableOf(reply_to)))) {
          sender = &reply_to;
          field = "Reply-To";
          break;
        }
      }
    }
    if (sender == nullptr) return;

    double strength = 0.0;
    std::string detail;
    auto add = [&](double s, std::string_view why) {
      strength = std::max(strength, s);
      detail += detail.empty() ? "free-mail mailbox with " : "; ";
      detail += why;
    };
    // The name that claims someone: the From display name, even when Reply-To is the free box.
    for (const context::KnownPerson& who : context.org.FindByDisplayName(from->display_name)) {
      if (context::OrgDirectory::OwnsAddress(*who.person, sender->address)) continue;
      add(1.0, std::string(who.person->vip ? "the name of VIP " : "the name of known person ") +
                   who.person->name);
      break;
    }
    const patterns::IntentHits& intents = context.intents;
    for (Intent intent : {Intent::kPaymentChange, Intent::kGiftCard, Intent::kPayrollChange}) {
      if (intents.Has(intent)) add(1.0, "intent " + std::string(patterns::IntentName(intent)));
    }
    for (Intent intent : {Intent::kWireTransfer, Intent::kAcquisition, Intent::kPaymentHold}) {
      if (intents.Has(intent)) add(0.7, "intent " + std::string(patterns::IntentName(intent)));
    }
    if (intents.Has(Intent::kAvailability) && intents.Has(Intent::kExecutiveContext)) {
      add(0.7, "an availability request in executive context");
    }
    if (strength == 0.0 && intents.Has(Intent::kFinancialContext) && ToOrganization(context)) {
      add(config_.financial_context_strength, "financial context to an organisation address");
    }
    if (strength <= 0.0) return;
    sink.Add(FindingId::kFreemail, Evidence{field, FormatAddress(*sender), {}, detail}, strength);
  }

 private:
  static bool ToOrganization(const DetectorContext& context) {
    auto org = [&](const Address& a) { return context.org.IsOrgDomain(RegistrableOf(a)); };
    return std::any_of(context.message.to.begin(), context.message.to.end(), org) ||
           std::any_of(context.message.cc.begin(), context.message.cc.end(), org);
  }

  FreemailSenderConfig config_;
};

}  // namespace

Result<FreemailSenderConfig> ParseFreemailSenderConfig(const toml::table& section) {
  constexpr std::string_view kWhere = "[detectors.freemail_sender]";
  BECGUARD_RETURN_IF_ERROR(
      CheckKnownKeys(section, kWhere, {"check_reply_to", "financial_context_strength"}));
  FreemailSenderConfig config;
  auto reply_to = ReadBool(section, "check_reply_to", config.check_reply_to);
  if (!reply_to) return tl::unexpected(reply_to.error());
  config.check_reply_to = *reply_to;
  auto financial = ReadStrength(section, kWhere, "financial_context_strength",
                                config.financial_context_strength);
  if (!financial) return tl::unexpected(financial.error());
  config.financial_context_strength = *financial;
  return config;
}

Result<std::unique_ptr<Detector>> CreateFreemailSender(const toml::table& section) {
  auto config = ParseFreemailSenderConfig(section);
  if (!config) return tl::unexpected(config.error());
  return std::unique_ptr<Detector>(std::make_unique<FreemailSender>(*config));
}

}  // namespace becguard::detectors
