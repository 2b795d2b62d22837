#include "detectors/first_contact.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "detectors/address_relation.h"
#include "detectors/config_util.h"
#include "detectors/learned_util.h"
#include "detectors/message_traits.h"
#include "detectors/strength_config.h"
#include "text/normalize.h"

namespace becguard::detectors {
namespace {

constexpr std::string_view kWhere = "[detectors.first_contact]";

class FirstContact final : public Detector {
 public:
  explicit FirstContact(FirstContactConfig config) : config_(config) {}

  std::string_view name() const override { return "first_contact"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    const context::LearnedContext* learned = LearnedWithHistory(context, config_.min_history);
    if (learned == nullptr) return;
    const ParsedMessage& message = context.message;
    const Address* from = message.header_from();
    if (from == nullptr || from->address.empty()) return;
    if (IsKnownCorrespondent(*learned, from->address)) return;
    if (IsBulkMail(message, context.esp) || IsAutoReply(message)) return;
    const std::string reg = RegistrableOf(*from);
    if (context.org.IsOrgDomain(reg) && !context.org.FindByAddress(from->address).empty()) return;

    const bool freemail = context.freemail.Contains(reg) || context.freemail.Contains(from->domain);
    const bool domain_known = !freemail && IsKnownDomain(*learned, reg);
    const std::string name_used_by = KnownNameOwner(context, *learned, *from);

    std::string detail;
    double strength = config_.known_domain_strength;
    if (!domain_known) {
      detail =
          freemail ? "first message from this free-mail address" : "first message from this domain";
      if (!name_used_by.empty()) {
        strength = config_.name_strength;
        detail += "; name used before by " + name_used_by;
      } else if (!freemail) {
        strength = config_.new_domain_strength;
      }
    } else {
      detail = "first message from this address; " + reg + " is known";
      if (!name_used_by.empty()) detail += "; name used before by " + name_used_by;
    }
    sink.Add(FindingId::kFirstContact, Evidence{"From", FormatAddress(*from), {}, detail},
             strength);
  }

 private:
  // Who else carried this display name: a learned address other than From, or a directory
  // person; "" when nobody (or when the name is too generic to mean anyone).
  static std::string KnownNameOwner(const DetectorContext& context,
                                    const context::LearnedContext& learned, const Address& from) {
    if (from.display_name.empty()) return {};
    const std::string key = text::NameKey(from.display_name);
    if (key.size() < 4 || context::OrgDirectory::IsGenericName(from.display_name)) return {};
    if (const auto it = learned.name_addresses.find(key); it != learned.name_addresses.end()) {
      for (const std::string& address : it->second) {
        if (address != from.address) return address;
      }
    }
    for (const context::KnownPerson& who : context.org.FindByDisplayName(from.display_name)) {
      if (!who.person->addresses.empty()) return who.person->addresses.front();
      return who.person->name +
             (who.affiliation == context::Affiliation::kPartner ? " (partner)" : "");
    }
    return {};
  }

  FirstContactConfig config_;
};

}  // namespace

Result<FirstContactConfig> ParseFirstContactConfig(const toml::table& section) {
  BECGUARD_RETURN_IF_ERROR(CheckKnownKeys(
      section, kWhere,
      {"min_history", "name_strength", "new_domain_strength", "known_domain_strength"}));
  FirstContactConfig config;
  auto min_history = ReadCount(section, kWhere, "min_history", config.min_history);
  if (!min_history) return tl::unexpected(min_history.error());
  config.min_history = *min_history;
  for (auto [key, field] : {std::pair{"name_strength", &config.name_strength},
                            std::pair{"new_domain_strength", &config.new_domain_strength},
                            std::pair{"known_domain_strength", &config.known_domain_strength}}) {
    auto value = ReadStrength(section, kWhere, key, *field);
    if (!value) return tl::unexpected(value.error());
    *field = *value;
  }
  return config;
}

Result<std::unique_ptr<Detector>> CreateFirstContact(const toml::table& section) {
  auto config = ParseFirstContactConfig(section);
  if (!config) return tl::unexpected(config.error());
  return std::unique_ptr<Detector>(std::make_unique<FirstContact>(*config));
}

}  // namespace becguard::detectors
