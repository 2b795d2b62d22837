#include "detectors/lookalike_domain.h"

#include <algorithm>
#include <string>
#include <vector>

#include "detectors/config_util.h"
#include "detectors/message_traits.h"
#include "detectors/strength_config.h"

namespace becguard::detectors {
namespace {

class LookalikeDomain final : public Detector {
 public:
  explicit LookalikeDomain(LookalikeDomainConfig config) : config_(config) {}

  std::string_view name() const override { return "lookalike_domain"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    const ParsedMessage& m = context.message;
    std::vector<std::string> checked_hosts;
    std::vector<std::string> reported;  // imitated + registrable, so each is reported once
    auto check = [&](std::string_view host, std::string field, double strength) {
      if (host.empty()) return;
      std::string lower = AsciiLower(host);
      if (std::find(checked_hosts.begin(), checked_hosts.end(), lower) != checked_hosts.end()) {
        return;
      }
      checked_hosts.push_back(lower);
      std::optional<domain::LookalikeMatch> match = context.lookalikes.Match(lower);
      if (!match) return;
      const std::string key = domain::RegistrableDomain(lower);
      if (std::find(reported.begin(), reported.end(), key) != reported.end()) return;
      reported.push_back(key);
      std::string detail = match->technique;
      if (match->distance > 0) detail += ", distance " + std::to_string(match->distance);
      sink.Add(FindingId::kLookalikeDomain,
               Evidence{std::move(field), lower, match->imitated, std::move(detail)}, strength);
    };
    // Most telling places first: a domain seen in From and Cc is reported as From.
    for (const Address& a : m.from) check(a.domain, "From", 1.0);
    if (m.sender) check(m.sender->domain, "Sender", 1.0);
    for (const Address& a : m.reply_to) check(a.domain, "Reply-To", 1.0);
    if (m.return_path) check(m.return_path->domain, "Return-Path", 1.0);
    for (const HeaderAddress& h : m.notification_to) check(h.address.domain, h.header, 1.0);
    for (const Address& a : m.to) check(a.domain, "To", config_.recipient_strength);
    for (const Address& a : m.cc) check(a.domain, "Cc", config_.recipient_strength);
    if (!config_.check_links) return;
    const double link = IsMailingList(m) ? config_.list_link_strength : config_.link_strength;
    for (const Link& l : m.links) check(l.host, "link", link);
  }

 private:
  LookalikeDomainConfig config_;
};

}  // namespace

Result<LookalikeDomainConfig> ParseLookalikeDomainConfig(const toml::table& section) {
  constexpr std::string_view kWhere = "[detectors.lookalike_domain]";
  BECGUARD_RETURN_IF_ERROR(
      CheckKnownKeys(section, kWhere,
                     {"check_links", "recipient_strength", "link_strength", "list_link_strength"}));
  LookalikeDomainConfig config;
  auto links = ReadBool(section, "check_links", config.check_links);
  if (!links) return tl::unexpected(links.error());
  config.check_links = *links;
  for (auto [key, field] : {std::pair{"recipient_strength", &config.recipient_strength},
                            std::pair{"link_strength", &config.link_strength},
                            std::pair{"list_link_strength", &config.list_link_strength}}) {
    auto value = ReadStrength(section, kWhere, key, *field);
    if (!value) return tl::unexpected(value.error());
    *field = *value;
  }
  return config;
}

Result<std::unique_ptr<Detector>> CreateLookalikeDomain(const toml::table& section) {
  auto config = ParseLookalikeDomainConfig(section);
  if (!config) return tl::unexpected(config.error());
  return std::unique_ptr<Detector>(std::make_unique<LookalikeDomain>(*config));
}

}  // namespace becguard::detectors
