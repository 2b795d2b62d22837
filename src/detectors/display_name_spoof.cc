#include "detectors/display_name_spoof.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <unicode/utf8.h>

#include "detectors/address_relation.h"
#include "detectors/config_util.h"
#include "detectors/learned_util.h"
#include "detectors/message_traits.h"
#include "detectors/strength_config.h"
#include "text/normalize.h"

namespace becguard::detectors {
namespace {

bool IsEmojiLike(UChar32 c) {
  return c >= 0x1F000 || (c >= 0x2600 && c <= 0x27BF) || c == 0xFE0F || c == 0x2640 ||
         c == 0x2642 || (c >= 0x1F3FB && c <= 0x1F3FF);
}

// The display name without the zero-width joiners that glue emoji sequences ("🤸‍♀️"),
// which are text, not a trick; any other invisible character stays for HasInvisibleOrBidi to find.
std::string WithoutEmojiJoiners(std::string_view utf8) {
  std::string out;
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  UChar32 previous = 0;
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c == 0x200D && IsEmojiLike(previous) && i < length) {
      int32_t j = i;
      UChar32 next;
      U8_NEXT(bytes, j, length, next);
      if (IsEmojiLike(next)) continue;
    }
    out.append(utf8.substr(start, i - start));
    previous = c;
  }
  return out;
}

class DisplayNameSpoof final : public Detector {
 public:
  explicit DisplayNameSpoof(DisplayNameSpoofConfig config) : config_(config) {}

  std::string_view name() const override { return "display_name_spoof"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    const Address* from = context.message.header_from();
    if (from == nullptr || from->display_name.empty()) return;
    const std::string from_reg = RegistrableOf(*from);
    double strength = 0.0;
    std::string expected;
    std::string detail;
    auto add = [&](double s, std::string_view why) {
      strength = std::max(strength, s);
      if (!detail.empty()) detail += "; ";
      detail += why;
    };

    for (const std::string& shown : AddressesInText(from->display_name)) {
      if (shown == from->address) continue;
      const auto at = shown.rfind('@');
      const std::string shown_reg = domain::RegistrableDomain(shown.substr(at + 1));
      add(shown_reg == from_reg ? 0.5 : 1.0, "display name shows another address " + shown);
      if (expected.empty()) expected = shown;
    }
    const std::string lower = AsciiLower(from->display_name);
    if (lower.find("secured by") != std::string::npos ||
        lower.find("mailto:") != std::string::npos) {
      add(1.0, "'secured by [mailto:...]' text in the display name");
    }
    if (text::HasInvisibleOrBidi(WithoutEmojiJoiners(from->display_name))) {
      add(config_.invisible_strength, "invisible or bidi characters in the display name");
    }
    if (!IsListMungedFrom(context.message)) {
      CheckPeople(context, *from, from_reg, add, expected);
      const std::vector<std::string> known =
          StrangerWearingKnownName(context, from->display_name, from->address, from_reg);
      if (!known.empty()) {
        const AddressRelation rel = Relate(context, *from, nullptr);
        add(rel.freemail || rel.lookalike ? config_.known_person_strength : 0.5,
            "a name the organisation's mail has only seen on " + known.front());
        if (expected.empty()) expected = known.front();
      }
    }

    if (strength <= 0.0) return;
    sink.Add(FindingId::kDisplayNameSpoof,
             Evidence{"From display name", FormatAddress(*from), expected, detail}, strength);
  }

 private:
  template <typename Add>
  void CheckPeople(const DetectorContext& context, const Address& from, const std::string& from_reg,
                   Add& add, std::string& expected) const {
    const std::vector<context::KnownPerson> people =
        context.org.FindByDisplayName(from.display_name);
    // Their own address is theirs, unless its domain disowns this message (DMARC fails).
    const bool dmarc_fail = context.features.auth.DmarcFail();
    for (const context::KnownPerson& who : people) {
      if (context::OrgDirectory::OwnsAddress(*who.person, from.address) && !dmarc_fail) return;
    }
    const AddressRelation rel = Relate(context, from, nullptr);
    for (const context::KnownPerson& who : people) {
      const Person& person = *who.person;
      const std::string label =
          person.name + (person.role.empty() ? std::string() : " (" + person.role + ")");
      const bool home = OnHomeDomain(context.org, who, from_reg);
      // An organisation address that fails DMARC is not the organisation's: the exact-domain
      // spoof of an executive.
      const bool spoofed_home = home && dmarc_fail;
      if (person.vip) {
        add(home && !spoofed_home ? 0.5 : 1.0,
            "VIP " + label +
                (spoofed_home ? " on their own domain, which fails DMARC"
                 : home       ? " on another organisation address"
                              : " on an address that is not theirs"));
      } else if (spoofed_home) {
        add(config_.known_person_strength,
            "known person " + label + " on their own domain, which fails DMARC");
      } else if (rel.freemail || rel.lookalike) {
        add(config_.known_person_strength,
            "known person " + label + " on " +
                (rel.lookalike ? "a " + DescribeLookalike(*rel.lookalike) : "a free-mail address"));
      } else {
        continue;
      }
      if (expected.empty() && !person.addresses.empty()) expected = person.addresses.front();
    }
  }

  DisplayNameSpoofConfig config_;
};

}  // namespace

Result<DisplayNameSpoofConfig> ParseDisplayNameSpoofConfig(const toml::table& section) {
  constexpr std::string_view kWhere = "[detectors.display_name_spoof]";
  BECGUARD_RETURN_IF_ERROR(
      CheckKnownKeys(section, kWhere, {"known_person_strength", "invisible_strength"}));
  DisplayNameSpoofConfig config;
  auto known = ReadStrength(section, kWhere, "known_person_strength", config.known_person_strength);
  if (!known) return tl::unexpected(known.error());
  config.known_person_strength = *known;
  auto invisible = ReadStrength(section, kWhere, "invisible_strength", config.invisible_strength);
  if (!invisible) return tl::unexpected(invisible.error());
  config.invisible_strength = *invisible;
  return config;
}

Result<std::unique_ptr<Detector>> CreateDisplayNameSpoof(const toml::table& section) {
  auto config = ParseDisplayNameSpoofConfig(section);
  if (!config) return tl::unexpected(config.error());
  return std::unique_ptr<Detector>(std::make_unique<DisplayNameSpoof>(*config));
}

}  // namespace becguard::detectors
