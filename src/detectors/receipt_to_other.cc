#include "detectors/receipt_to_other.h"

#include <vector>

#include "detectors/address_relation.h"
#include "detectors/config_util.h"
#include "detectors/message_traits.h"

namespace becguard::detectors {
namespace {

bool IsErrorsTo(const HeaderAddress& entry) { return AsciiLower(entry.header) == "errors-to"; }

class ReceiptToOther final : public Detector {
 public:
  explicit ReceiptToOther(ReceiptToOtherConfig config) : config_(config) {}

  std::string_view name() const override { return "receipt_to_other"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    const ParsedMessage& message = context.message;
    const Address* from = message.header_from();
    if (from == nullptr || from->address.empty() || message.notification_to.empty()) return;
    const std::string from_reg = RegistrableOf(*from);
    const bool bulk = IsBulkMail(message, context.esp);
    // A munged list From is the list; the poster's own receipt address is then "another domain".
    if (IsListMungedFrom(message)) return;

    // One finding per address; a kit usually sets several receipt headers to the same box.
    struct Target {
      std::string address;
      std::string headers;
      double strength;
      std::string detail;
    };
    std::vector<Target> targets;
    for (const HeaderAddress& entry : message.notification_to) {
      const Address& to = entry.address;
      if (to.address.empty() || to.address == from->address) continue;
      const bool errors_to = IsErrorsTo(entry);
      if (errors_to && !config_.check_errors_to) continue;
      const AddressRelation rel = Relate(context, to, from);
      if (rel.same_registrable || rel.registrable.empty()) continue;
      if (SameProtectedSide(context.org, rel.registrable, from_reg)) continue;
      const bool attacker_shaped = rel.freemail || rel.lookalike.has_value();
      if (errors_to && !rel.lookalike && (bulk || rel.esp || IsBounceAddress(to))) continue;

      double strength = 0.5;
      std::string detail = rel.Describe();
      if (attacker_shaped) {
        strength = 1.0;
      } else if (context.org.IsOrgDomain(from_reg) || context.org.IsPartnerDomain(from_reg)) {
        strength = 0.7;
        detail = "another domain; From claims a protected domain";
      } else {
        detail = "another domain";
      }
      bool merged = false;
      for (Target& t : targets) {
        if (t.address != to.address) continue;
        t.headers += ", " + entry.header;
        merged = true;
      }
      if (!merged) targets.push_back(Target{to.address, entry.header, strength, detail});
    }
    for (Target& t : targets) {
      sink.Add(
          FindingId::kReceiptToOther,
          Evidence{std::move(t.headers), std::move(t.address), from->address, std::move(t.detail)},
          t.strength);
    }
  }

 private:
  ReceiptToOtherConfig config_;
};

}  // namespace

Result<ReceiptToOtherConfig> ParseReceiptToOtherConfig(const toml::table& section) {
  BECGUARD_RETURN_IF_ERROR(
      CheckKnownKeys(section, "[detectors.receipt_to_other]", {"check_errors_to"}));
  ReceiptToOtherConfig config;
  auto errors_to = ReadBool(section, "check_errors_to", config.check_errors_to);
  if (!errors_to) return tl::unexpected(errors_to.error());
  config.check_errors_to = *errors_to;
  return config;
}

Result<std::unique_ptr<Detector>> CreateReceiptToOther(const toml::table& section) {
  auto config = ParseReceiptToOtherConfig(section);
  if (!config) return tl::unexpected(config.error());
  return std::unique_ptr<Detector>(std::make_unique<ReceiptToOther>(*config));
}

}  // namespace becguard::detectors
