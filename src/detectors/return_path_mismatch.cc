#include "detectors/return_path_mismatch.h"

#include <algorithm>

#include "detectors/address_relation.h"
#include "detectors/config_util.h"
#include "detectors/message_traits.h"
#include "detectors/strength_config.h"

namespace becguard::detectors {
namespace {

class ReturnPathMismatch final : public Detector {
 public:
  explicit ReturnPathMismatch(ReturnPathMismatchConfig config) : config_(config) {}

  std::string_view name() const override { return "return_path_mismatch"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    const ParsedMessage& message = context.message;
    const Address* from = message.header_from();
    // An empty Return-Path (<>) is a bounce or notification: nothing to compare.
    if (from == nullptr || from->address.empty() || !message.return_path ||
        message.return_path->address.empty()) {
      return;
    }
    const Address& return_path = *message.return_path;
    const AddressRelation rel = Relate(context, return_path, from);
    if (rel.same_registrable || rel.registrable.empty()) return;
    const std::string from_reg = RegistrableOf(*from);
    if (SameProtectedSide(context.org, rel.registrable, from_reg)) return;
    // Lists and ESPs bounce through their own (even free-mail providers') hosts; only a
    // lookalike there is still an attacker's doing.
    if (!rel.lookalike && (rel.esp || IsMailingList(message) || IsBounceAddress(return_path))) {
      return;
    }
    // Alignment-aware: when SPF passes for the Return-Path domain and the From domain's own
    // DKIM signature passes (DMARC passes through DKIM), the From domain authorised this
    // mailer (an ESP not on our list, a forwarder): nothing attacker-shaped is left, unless
    // the envelope is a lookalike.
    const auth::AuthVerdicts& verdicts = context.features.auth;
    if (!rel.lookalike && verdicts.SpfPassFor(return_path.domain) &&
        verdicts.DkimPassFor(from->domain)) {
      return;
    }
    const bool dmarc_fails = verdicts.DmarcFail();

    const bool from_protected =
        context.org.IsOrgDomain(from_reg) || context.org.IsPartnerDomain(from_reg);
    double strength = config_.unrelated_strength;
    std::string detail = rel.Describe();
    if (rel.lookalike || (rel.freemail && from_protected)) {
      strength = 1.0;
    } else if (rel.freemail) {
      // Free-mail "send mail as" with a small business's own From looks exactly like this.
      strength = 0.5;
    } else if (from_protected) {
      strength = 0.8;
      detail = context.org.IsOrgDomain(from_reg)
                   ? "unrelated domain; From is an organisation domain"
                   : "unrelated domain; From is a partner domain";
    } else {
      detail = "unrelated domain";
    }
    if (dmarc_fails) {
      // The From domain disowns the message: the unrelated envelope is the spoofer's own.
      strength = std::max(strength, from_protected ? 1.0 : 0.6);
      detail += "; From domain fails DMARC";
    }
    sink.Add(FindingId::kReturnPathMismatch,
             Evidence{"Return-Path", return_path.address, "an address at " + from_reg, detail},
             strength);
  }

 private:
  ReturnPathMismatchConfig config_;
};

}  // namespace

Result<ReturnPathMismatchConfig> ParseReturnPathMismatchConfig(const toml::table& section) {
  BECGUARD_RETURN_IF_ERROR(
      CheckKnownKeys(section, "[detectors.return_path_mismatch]", {"unrelated_strength"}));
  ReturnPathMismatchConfig config;
  auto strength = ReadStrength(section, "[detectors.return_path_mismatch]", "unrelated_strength",
                               config.unrelated_strength);
  if (!strength) return tl::unexpected(strength.error());
  config.unrelated_strength = *strength;
  return config;
}

Result<std::unique_ptr<Detector>> CreateReturnPathMismatch(const toml::table& section) {
  auto config = ParseReturnPathMismatchConfig(section);
  if (!config) return tl::unexpected(config.error());
  return std::unique_ptr<Detector>(std::make_unique<ReturnPathMismatch>(*config));
}

}  // namespace becguard::detectors
