#include "detectors/intel_ioc.h"

#include <set>
#include <string>

#include "detectors/config_util.h"

namespace becguard::detectors {
namespace {

std::string_view TypeName(intel::IocType type) {
  switch (type) {
    case intel::IocType::kAddress:
      return "address";
    case intel::IocType::kDomain:
      return "domain";
    case intel::IocType::kIp:
      return "IP";
  }
  return "indicator";
}

class IntelIoc final : public Detector {
 public:
  explicit IntelIoc(IntelIocConfig config) : config_(config) {}

  std::string_view name() const override { return "intel_ioc"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    const ParsedMessage& message = context.message;
    const intel::IntelDb& intel = context.intel;
    if (intel.ioc_count() == 0) return;
    std::set<std::string> reported;  // "<type>:<value>" of indicators already reported

    auto report = [&](const intel::Ioc* ioc, std::string_view field, std::string_view observed) {
      if (ioc == nullptr) return;
      if (!reported.insert(std::string(TypeName(ioc->type)) + ":" + ioc->value).second) return;
      std::string detail = "known " + std::string(TypeName(ioc->type)) + " indicator " + ioc->value;
      if (!ioc->source.empty()) detail += " (source: " + ioc->source + ")";
      sink.Add(FindingId::kIocMatch,
               Evidence{std::string(field), std::string(observed), {}, detail}, 1.0);
    };
    auto check_address = [&](const Address& address, std::string_view field) {
      if (!address.address.empty())
        report(intel.FindAddress(address.address), field, address.address);
      if (!address.domain.empty()) {
        report(intel.FindDomain(address.domain), field,
               address.address.empty() ? address.domain : address.address);
      }
    };

    for (const Address& from : message.from) check_address(from, "From");
    for (const Address& reply_to : message.reply_to) check_address(reply_to, "Reply-To");
    if (message.sender) check_address(*message.sender, "Sender");
    if (message.return_path) check_address(*message.return_path, "Return-Path");
    for (const HeaderAddress& notify : message.notification_to) {
      check_address(notify.address, notify.header);
    }
    if (config_.check_links) {
      for (const Link& link : message.links) {
        if (!link.host.empty()) report(intel.FindDomain(link.host), "link", link.host);
      }
    }
    if (config_.check_received_ips) {
      for (const ReceivedHop& hop : message.received) {
        if (!hop.from_ip.empty()) report(intel.FindIp(hop.from_ip), "Received", hop.from_ip);
      }
    }
  }

 private:
  IntelIocConfig config_;
};

}  // namespace

Result<IntelIocConfig> ParseIntelIocConfig(const toml::table& section) {
  constexpr std::string_view kWhere = "[detectors.intel_ioc]";
  BECGUARD_RETURN_IF_ERROR(CheckKnownKeys(section, kWhere, {"check_links", "check_received_ips"}));
  IntelIocConfig config;
  auto links = ReadBool(section, "check_links", config.check_links);
  if (!links) return tl::unexpected(links.error());
  config.check_links = *links;
  auto received = ReadBool(section, "check_received_ips", config.check_received_ips);
  if (!received) return tl::unexpected(received.error());
  config.check_received_ips = *received;
  return config;
}

Result<std::unique_ptr<Detector>> CreateIntelIoc(const toml::table& section) {
  auto config = ParseIntelIocConfig(section);
  if (!config) return tl::unexpected(config.error());
  return std::unique_ptr<Detector>(std::make_unique<IntelIoc>(*config));
}

}  // namespace becguard::detectors
