#include "detectors/payment_changed.h"

#include <algorithm>
#include <string>
#include <vector>

#include "detectors/address_relation.h"
#include "detectors/config_util.h"
#include "detectors/learned_util.h"
#include "detectors/message_traits.h"
#include "detectors/strength_config.h"

namespace becguard::detectors {
namespace {

constexpr std::string_view kWhere = "[detectors.payment_changed]";

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void AddUnique(std::vector<std::string>& v, std::string s) {
  if (!s.empty() && !Contains(v, s)) v.push_back(std::move(s));
}

std::string RegistrableOfAddress(std::string_view address) {
  const std::size_t at = address.rfind('@');
  if (at == std::string_view::npos) return {};
  return domain::RegistrableDomain(AsciiLower(address.substr(at + 1)));
}

// One known value of a kind for a counterparty, merged over the addresses that used it.
struct OldValue {
  std::string value;
  std::int64_t first_seen = 0;
  std::int64_t times_seen = 0;
  bool on_file = false;  // context::IsOnFile for one of the addresses that used it
};

class PaymentChanged final : public Detector {
 public:
  explicit PaymentChanged(PaymentChangedConfig config) : config_(config) {}

  std::string_view name() const override { return "payment_changed"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    if (context.features.payments.empty()) return;
    const context::LearnedContext* learned = LearnedWithHistory(context, config_.min_history);
    if (learned == nullptr || learned->payments.empty()) return;
    const Address* from = context.message.header_from();
    if (from == nullptr || from->address.empty()) return;

    const std::vector<std::string> counterparties = Counterparties(context, *learned, *from);
    for (const payment::PaymentDetail& detail : context.features.payments) {
      for (const std::string& domain : counterparties) {
        if (Check(*learned, domain, detail, sink)) break;
      }
    }
  }

 private:
  // The From domain first, then whom the message claims to be from or replies to.
  static std::vector<std::string> Counterparties(const DetectorContext& context,
                                                 const context::LearnedContext& learned,
                                                 const Address& from) {
    std::vector<std::string> out;
    const std::string reg = RegistrableOf(from);
    AddUnique(out, reg);
    // Our own outgoing mail carries our details; comparing them with a vendor's is noise.
    if (context.org.IsOrgDomain(reg)) return out;
    if (learned.thread) {
      for (const std::string& a : learned.thread->participant_addresses) {
        const std::string d = RegistrableOfAddress(a);
        if (!context.org.IsOrgDomain(d)) AddUnique(out, d);
      }
    }
    if (!from.display_name.empty()) {
      for (const context::KnownPerson& who : context.org.FindByDisplayName(from.display_name)) {
        if (who.affiliation != context::Affiliation::kPartner) continue;
        for (const std::string& a : who.person->addresses) AddUnique(out, RegistrableOfAddress(a));
      }
    }
    return out;
  }

  // Adds a finding when `domain` used other values of this kind but never this one; true when
  // the domain had history of this kind (then later counterparties are not asked).
  bool Check(const context::LearnedContext& learned, const std::string& domain,
             const payment::PaymentDetail& detail, FindingSink& sink) const {
    std::vector<OldValue> old;
    bool seen_unvouched = false;  // the new value appeared before, but never on file
    for (const context::KnownPayment& p : learned.payments) {
      if (p.counterparty_domain != domain || p.kind != detail.kind) continue;
      const bool on_file = context::IsOnFile(p, learned.trust);
      if (p.value == detail.value) {
        if (on_file) return true;  // the account on file: fine
        seen_unvouched = true;
        continue;
      }
      auto it = std::find_if(old.begin(), old.end(),
                             [&](const OldValue& o) { return o.value == p.value; });
      if (it == old.end()) it = old.insert(old.end(), OldValue{p.value, p.first_seen, 0, false});
      if (p.first_seen != 0 && (it->first_seen == 0 || p.first_seen < it->first_seen)) {
        it->first_seen = p.first_seen;
      }
      it->times_seen += p.times_seen;
      it->on_file = it->on_file || on_file;
    }
    // Only this value was ever seen: nothing to contrast it with.
    if (old.empty()) return seen_unvouched;
    std::sort(old.begin(), old.end(), [](const OldValue& a, const OldValue& b) {
      return a.on_file != b.on_file ? a.on_file : a.times_seen > b.times_seen;
    });

    std::string expected;
    std::string olds;
    const std::size_t n =
        std::min<std::size_t>(old.size(), static_cast<std::size_t>(config_.max_old_values_shown));
    for (std::size_t i = 0; i < n; ++i) {
      const std::string masked = payment::MaskValue(old[i].value);
      expected += (i ? ", " : "") + masked;
      olds += (i ? ", " : "") + masked + " (seen " + std::to_string(old[i].times_seen) +
              (old[i].times_seen == 1 ? " time" : " times");
      if (const std::string since = FormatDate(old[i].first_seen); !since.empty()) {
        olds += " since " + since;
      }
      olds += old[i].on_file ? ", on file)" : ")";
    }
    if (old.size() > n) olds += ", ...";
    const std::string masked_new = payment::MaskValue(detail.value);
    std::string why = std::string(payment::DetailKindName(detail.kind)) + " of " + domain +
                      " changed: old: " + olds + " new: " + masked_new;
    if (!detail.holder.empty()) why += " (holder " + detail.holder + ")";
    if (seen_unvouched) why += "; the new one appeared before only in mail nobody confirmed";
    const std::string field =
        detail.source.empty() || detail.source == "body" ? "body" : "attachment " + detail.source;
    const double strength = old.size() >= 2 ? config_.rotating_strength : config_.changed_strength;
    sink.Add(FindingId::kPaymentChanged, Evidence{field, masked_new, expected, why}, strength);
    return true;
  }

  PaymentChangedConfig config_;
};

}  // namespace

Result<PaymentChangedConfig> ParsePaymentChangedConfig(const toml::table& section) {
  BECGUARD_RETURN_IF_ERROR(CheckKnownKeys(
      section, kWhere,
      {"min_history", "changed_strength", "rotating_strength", "max_old_values_shown"}));
  PaymentChangedConfig config;
  auto min_history = ReadCount(section, kWhere, "min_history", config.min_history);
  if (!min_history) return tl::unexpected(min_history.error());
  config.min_history = *min_history;
  auto shown = ReadCount(section, kWhere, "max_old_values_shown", config.max_old_values_shown);
  if (!shown) return tl::unexpected(shown.error());
  config.max_old_values_shown = *shown;
  for (auto [key, field] : {std::pair{"changed_strength", &config.changed_strength},
                            std::pair{"rotating_strength", &config.rotating_strength}}) {
    auto value = ReadStrength(section, kWhere, key, *field);
    if (!value) return tl::unexpected(value.error());
    *field = *value;
  }
  return config;
}

Result<std::unique_ptr<Detector>> CreatePaymentChanged(const toml::table& section) {
  auto config = ParsePaymentChangedConfig(section);
  if (!config) return tl::unexpected(config.error());
  return std::unique_ptr<Detector>(std::make_unique<PaymentChanged>(*config));
}

}  // namespace becguard::detectors
