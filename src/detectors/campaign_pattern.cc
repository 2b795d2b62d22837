#include "detectors/campaign_pattern.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "detectors/address_relation.h"
#include "detectors/config_util.h"
#include "detectors/message_traits.h"

namespace becguard::detectors {
namespace {

class CampaignPattern final : public Detector {
 public:
  explicit CampaignPattern(CampaignPatternConfig config) : config_(config) {}

  std::string_view name() const override { return "campaign_pattern"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    const ParsedMessage& message = context.message;
    std::set<std::string> seen;
    auto check = [&](const std::string& address, std::string_view field) {
      if (address.empty() || !seen.insert(address).second) return;
      std::optional<intel::CampaignMatch> match = context.intel.MatchCampaign(address);
      if (!match) return;
      std::string detail = "campaign pattern " + match->name;
      if (!match->description.empty()) detail += ": " + match->description;
      sink.Add(FindingId::kCampaignPattern, Evidence{std::string(field), address, {}, detail}, 1.0);
    };

    for (const Address& from : message.from) {
      check(from.address, "From");
      if (config_.check_display_name) {
        for (const std::string& shown : AddressesInText(from.display_name)) {
          check(shown, "From display name");
        }
      }
    }
    for (const Address& reply_to : message.reply_to) check(reply_to.address, "Reply-To");
    if (message.sender) check(message.sender->address, "Sender");
    if (message.return_path) check(message.return_path->address, "Return-Path");
  }

 private:
  CampaignPatternConfig config_;
};

}  // namespace

Result<CampaignPatternConfig> ParseCampaignPatternConfig(const toml::table& section) {
  constexpr std::string_view kWhere = "[detectors.campaign_pattern]";
  BECGUARD_RETURN_IF_ERROR(CheckKnownKeys(section, kWhere, {"check_display_name"}));
  CampaignPatternConfig config;
  auto display_name = ReadBool(section, "check_display_name", config.check_display_name);
  if (!display_name) return tl::unexpected(display_name.error());
  config.check_display_name = *display_name;
  return config;
}

Result<std::unique_ptr<Detector>> CreateCampaignPattern(const toml::table& section) {
  auto config = ParseCampaignPatternConfig(section);
  if (!config) return tl::unexpected(config.error());
  return std::unique_ptr<Detector>(std::make_unique<CampaignPattern>(*config));
}

}  // namespace becguard::detectors
