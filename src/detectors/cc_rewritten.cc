#include "detectors/cc_rewritten.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "detectors/address_relation.h"
#include "detectors/config_util.h"
#include "detectors/learned_util.h"
#include "detectors/strength_config.h"
#include "text/normalize.h"

namespace becguard::detectors {
namespace {

struct Rewritten {
  std::string field;
  std::string observed;
  std::string expected;
  std::string detail;
  double strength;
};

std::string NormalizedName(const Address& a) {
  return a.normalized_display_name.empty() ? text::Normalize(a.display_name)
                                           : a.normalized_display_name;
}

void AppendJoined(std::string& out, std::string_view part) {
  if (part.empty()) return;
  if (!out.empty()) out += "; ";
  out += part;
}

class CcRewritten final : public Detector {
 public:
  explicit CcRewritten(CcRewrittenConfig config) : config_(config) {}

  std::string_view name() const override { return "cc_rewritten"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    const ParsedMessage& message = context.message;
    std::vector<Rewritten> found;
    std::vector<std::string> seen;
    auto scan = [&](const std::vector<Address>& list, const char* field) {
      for (const Address& entry : list) {
        if (entry.display_name.empty() || entry.address.empty()) continue;
        if (std::find(seen.begin(), seen.end(), entry.address) != seen.end()) continue;
        seen.push_back(entry.address);
        if (auto r = Check(context, entry, field)) found.push_back(std::move(*r));
      }
    };
    scan(message.to, "To");
    scan(message.cc, "Cc");
    if (found.empty()) return;

    Evidence evidence;
    double strength = 0.0;
    for (const Rewritten& r : found) {
      if (evidence.field.find(r.field) == std::string::npos) {
        evidence.field += evidence.field.empty() ? r.field : ", " + r.field;
      }
      AppendJoined(evidence.observed, r.observed);
      AppendJoined(evidence.expected, r.expected);
      AppendJoined(evidence.detail, r.detail);
      strength = std::max(strength, r.strength);
    }
    sink.Add(FindingId::kCcRewritten, std::move(evidence), strength);
  }

 private:
  std::optional<Rewritten> Check(const DetectorContext& context, const Address& entry,
                                 const char* field) const {
    const AddressRelation rel = Relate(context, entry, nullptr);
    if (rel.registrable.empty()) return std::nullopt;
    const std::vector<context::KnownPerson> people =
        context.org.FindByDisplayName(entry.display_name);
    if (!people.empty()) {
      for (const context::KnownPerson& who : people) {
        if (context::OrgDirectory::OwnsAddress(*who.person, entry.address) ||
            OnHomeDomain(context.org, who, rel.registrable)) {
          return std::nullopt;
        }
      }
      if (rel.is_protected()) return std::nullopt;  // a namesake at another protected company
      const Person& person = *people.front().person;
      std::string expected = !person.addresses.empty() ? person.addresses.front()
                             : rel.lookalike           ? rel.lookalike->imitated
                                                       : std::string("their own domain");
      return Classify(rel, entry, field, std::move(expected), "known person " + person.name);
    }
    // A correspondent the organisation's mail knows by name, on an address never seen with it.
    const std::vector<std::string> known =
        StrangerWearingKnownName(context, entry.display_name, entry.address, rel.registrable);
    if (!known.empty()) {
      return Classify(rel, entry, field, known.front(),
                      "a name the organisation's mail has only seen on " + known.front());
    }
    // The From person's own name on another address: only free-mail or lookalike is telling.
    const Address* from = context.message.header_from();
    if (from == nullptr || from->address.empty() || from->address == entry.address) {
      return std::nullopt;
    }
    const std::string name = NormalizedName(entry);
    if (name.empty() || name != NormalizedName(*from)) return std::nullopt;
    if (rel.registrable == RegistrableOf(*from) || (!rel.freemail && !rel.lookalike)) {
      return std::nullopt;
    }
    return Classify(rel, entry, field, from->address, "the sender's own name");
  }

  std::optional<Rewritten> Classify(const AddressRelation& rel, const Address& entry,
                                    const char* field, std::string expected,
                                    const std::string& who) const {
    Rewritten r{field, FormatAddress(entry), std::move(expected), {}, 0.0};
    if (rel.lookalike) {
      r.strength = 1.0;
      r.detail = entry.display_name + ": " + who + " on a " + DescribeLookalike(*rel.lookalike);
    } else if (rel.freemail) {
      r.strength = config_.freemail_strength;
      r.detail = entry.display_name + ": " + who + " on a free-mail address";
    } else {
      r.strength = 0.7;
      r.detail = entry.display_name + ": " + who + " on unrelated domain " + rel.registrable;
    }
    return r;
  }

  CcRewrittenConfig config_;
};

}  // namespace

Result<CcRewrittenConfig> ParseCcRewrittenConfig(const toml::table& section) {
  BECGUARD_RETURN_IF_ERROR(
      CheckKnownKeys(section, "[detectors.cc_rewritten]", {"freemail_strength"}));
  CcRewrittenConfig config;
  auto strength = ReadStrength(section, "[detectors.cc_rewritten]", "freemail_strength",
                               config.freemail_strength);
  if (!strength) return tl::unexpected(strength.error());
  config.freemail_strength = *strength;
  return config;
}

Result<std::unique_ptr<Detector>> CreateCcRewritten(const toml::table& section) {
  auto config = ParseCcRewrittenConfig(section);
  if (!config) return tl::unexpected(config.error());
  return std::unique_ptr<Detector>(std::make_unique<CcRewritten>(*config));
}

}  // namespace becguard::detectors
