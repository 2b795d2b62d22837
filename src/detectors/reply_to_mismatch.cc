#include "detectors/reply_to_mismatch.h"

#include <algorithm>

#include "detectors/address_relation.h"
#include "detectors/config_util.h"
#include "detectors/message_traits.h"
#include "detectors/strength_config.h"

namespace becguard::detectors {
namespace {

class ReplyToMismatch final : public Detector {
 public:
  explicit ReplyToMismatch(ReplyToMismatchConfig config) : config_(std::move(config)) {}

  std::string_view name() const override { return "reply_to_mismatch"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    const ParsedMessage& message = context.message;
    const Address* from = message.header_from();
    if (from == nullptr || from->address.empty() || message.reply_to.empty()) return;
    const bool list = IsMailingList(message);
    const std::string from_reg = RegistrableOf(*from);
    const bool from_platform = IsPlatform(context, *from, from_reg);
    const bool from_freemail =
        context.freemail.Contains(from->domain) || context.freemail.Contains(from_reg);

    for (const Address& reply_to : message.reply_to) {
      if (reply_to.address.empty() || reply_to.address == from->address) continue;
      const AddressRelation rel = Relate(context, reply_to, from);
      if (rel.same_registrable) continue;
      if (SameProtectedSide(context.org, rel.registrable, from_reg)) continue;
      // A list never points Reply-To at a lookalike, so only that survives on list mail.
      if (list && !rel.lookalike) continue;
      if (from_platform && !rel.freemail && !rel.lookalike) continue;

      // Between two consumer mailboxes a free-mail Reply-To impersonates no business.
      const bool strong =
          rel.lookalike || rel.embeds != Embeds::kNothing || (rel.freemail && !from_freemail);
      if (strong) {
        const std::string why = rel.Describe();
        sink.Add(FindingId::kReplyToMismatch, MakeEvidence(reply_to, *from, why), 1.0);
        continue;
      }
      std::string claim;
      if (context.org.IsOrgDomain(from_reg)) {
        claim = "From is on an organisation domain";
      } else if (context.org.IsPartnerDomain(from_reg)) {
        claim = "From is on a partner domain";
      } else if (NamesVip(context, *from)) {
        claim = "From carries a VIP's name";
      }
      if (claim.empty()) continue;
      const std::string what = rel.freemail ? "free-mail" : "another domain";
      sink.Add(FindingId::kReplyToMismatch, MakeEvidence(reply_to, *from, what + "; " + claim),
               config_.weak_strength);
    }
  }

 private:
  bool IsPlatform(const DetectorContext& context, const Address& from,
                  const std::string& from_reg) const {
    if (context.esp.Contains(from_reg) || context.esp.Contains(from.domain)) return true;
    return std::any_of(
        config_.platform_domains.begin(), config_.platform_domains.end(),
        [&](const std::string& d) { return IsSameOrSubdomain(from.domain, d) || from_reg == d; });
  }

  static bool NamesVip(const DetectorContext& context, const Address& from) {
    if (from.display_name.empty()) return false;
    for (const context::KnownPerson& who : context.org.FindByDisplayName(from.display_name)) {
      if (who.person->vip) return true;
    }
    return false;
  }

  static Evidence MakeEvidence(const Address& reply_to, const Address& from, std::string why) {
    return Evidence{"Reply-To", reply_to.address, from.address, std::move(why)};
  }

  ReplyToMismatchConfig config_;
};

}  // namespace

Result<ReplyToMismatchConfig> ParseReplyToMismatchConfig(const toml::table& section) {
  BECGUARD_RETURN_IF_ERROR(CheckKnownKeys(section, "[detectors.reply_to_mismatch]",
                                          {"platform_domains", "weak_strength"}));
  ReplyToMismatchConfig config;
  auto platforms = ReadStrings(section, "platform_domains", config.platform_domains);
  if (!platforms) return tl::unexpected(platforms.error());
  config.platform_domains.clear();
  for (const std::string& d : *platforms) config.platform_domains.push_back(AsciiLower(d));
  auto weak =
      ReadStrength(section, "[detectors.reply_to_mismatch]", "weak_strength", config.weak_strength);
  if (!weak) return tl::unexpected(weak.error());
  config.weak_strength = *weak;
  return config;
}

Result<std::unique_ptr<Detector>> CreateReplyToMismatch(const toml::table& section) {
  auto config = ParseReplyToMismatchConfig(section);
  if (!config) return tl::unexpected(config.error());
  return std::unique_ptr<Detector>(std::make_unique<ReplyToMismatch>(std::move(*config)));
}

}  // namespace becguard::detectors
