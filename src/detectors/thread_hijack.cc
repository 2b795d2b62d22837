#include "detectors/thread_hijack.h"

#include <algorithm>
#include <string>
#include <vector>

#include "detectors/address_relation.h"
#include "detectors/config_util.h"
#include "detectors/learned_util.h"
#include "detectors/message_traits.h"
#include "detectors/strength_config.h"
#include "text/normalize.h"
#include "text/thread_subject.h"

namespace becguard::detectors {
namespace {

constexpr std::string_view kWhere = "[detectors.thread_hijack]";

std::string DomainOf(std::string_view address) {
  const std::size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string() : AsciiLower(address.substr(at + 1));
}

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

class ThreadHijack final : public Detector {
 public:
  explicit ThreadHijack(ThreadHijackConfig config) : config_(config) {}

  std::string_view name() const override { return "thread_hijack"; }

  void Inspect(const DetectorContext& context, FindingSink& sink) const override {
    if (context.learned == nullptr) return;
    const ParsedMessage& message = context.message;
    const Address* from = message.header_from();
    if (from == nullptr || from->address.empty()) return;
    if (IsMailingList(message) || IsAutoReply(message)) return;
    const std::string reg = RegistrableOf(*from);
    // Our own people answer every thread; spoofing them is other detectors' business.
    if (context.org.IsOrgDomain(reg) && !context.org.FindByAddress(from->address).empty()) return;

    if (context.learned->thread) {
      InspectKnownThread(context, *context.learned->thread, *from, reg, sink);
    } else {
      InspectFakeReply(context, *from, sink);
    }
  }

 private:
  void InspectKnownThread(const DetectorContext& context, const context::ThreadInfo& thread,
                          const Address& from, const std::string& reg, FindingSink& sink) const {
    std::vector<std::string> participants;
    for (const std::string& a : thread.participant_addresses) participants.push_back(AsciiLower(a));
    if (participants.empty() || Contains(participants, from.address)) return;

    std::vector<std::string> domains;
    for (const std::string& a : participants) {
      std::string d = domain::RegistrableDomain(DomainOf(a));
      if (!d.empty() && !Contains(domains, d)) domains.push_back(std::move(d));
    }

    std::vector<std::string> why;
    if (NameOfParticipant(thread, from)) why.push_back("display name of a thread participant");
    if (auto imitated = LookalikeOfParticipant(context, from, domains)) {
      why.push_back("lookalike of " + *imitated);
    }
    for (const Address& r : context.message.reply_to) {
      if (r.address.empty() || r.address == from.address || Contains(participants, r.address)) {
        continue;
      }
      if (RegistrableOf(r) == reg) continue;
      why.push_back("Reply-To goes to " + r.address);
      break;
    }

    double strength = config_.stranger_strength;
    std::string detail = "not a participant of thread \"" + thread.normalized_subject + "\"";
    if (!why.empty()) {
      strength = config_.impersonation_strength;
      for (const std::string& w : why) detail += "; " + w;
    } else if (Contains(domains, reg)) {
      strength = config_.colleague_strength;
      detail += "; same domain as a participant";
    } else if (IsKnownCorrespondent(*context.learned, from.address)) {
      strength = config_.colleague_strength;
      detail += "; a known correspondent";
    }
    std::string shown;
    const std::size_t n = std::min<std::size_t>(
        participants.size(), static_cast<std::size_t>(config_.max_participants_shown));
    for (std::size_t i = 0; i < n; ++i) shown += (i ? ", " : "") + participants[i];
    if (participants.size() > n) shown += ", ...";
    sink.Add(FindingId::kThreadHijack, Evidence{"From", FormatAddress(from), shown, detail},
             strength);
  }

  void InspectFakeReply(const DetectorContext& context, const Address& from,
                        FindingSink& sink) const {
    const context::LearnedContext* learned = LearnedWithHistory(context, config_.min_history);
    if (learned == nullptr) return;
    const ParsedMessage& message = context.message;
    const bool reply_subject = text::IsReplySubject(message.normalized_subject);
    const bool quoted = !message.quoted_text.empty();
    if (!reply_subject && !quoted) return;
    if (IsKnownCorrespondent(*learned, from.address)) return;
    if (IsBulkMail(message, context.esp)) return;
    std::string detail = reply_subject ? "reply subject" : "quoted history";
    if (reply_subject && quoted) detail = "reply subject and quoted history";
    detail += message.in_reply_to.empty() && message.references.empty()
                  ? " without In-Reply-To/References"
                  : " referring to messages never seen";
    detail += "; first message from " + from.address;
    sink.Add(FindingId::kThreadHijack, Evidence{"Subject", message.subject, {}, detail},
             config_.fake_reply_strength);
  }

  static bool NameOfParticipant(const context::ThreadInfo& thread, const Address& from) {
    if (from.display_name.empty()) return false;
    const std::string key = text::NameKey(from.display_name);
    if (key.size() < 4) return false;
    return std::any_of(thread.participant_names.begin(), thread.participant_names.end(),
                       [&](const std::string& n) { return text::NameKey(n) == key; });
  }

  // The participant domain the From domain imitates: via the organisation's matcher when the
  // participant is protected, else via a matcher over this thread's domains.
  static std::optional<std::string> LookalikeOfParticipant(
      const DetectorContext& context, const Address& from,
      const std::vector<std::string>& domains) {
    if (from.domain.empty()) return std::nullopt;
    if (auto m = context.lookalikes.Match(from.domain); m && Contains(domains, m->imitated)) {
      return DescribeLookalike(*m);
    }
    // Free-mail participants are nobody's brand: gmail.com must not make mail.com a lookalike.
    std::vector<std::string> brands;
    for (const std::string& d : domains) {
      if (!context.freemail.Contains(d)) brands.push_back(d);
    }
    if (brands.empty()) return std::nullopt;
    const domain::LookalikeMatcher thread_matcher(std::move(brands));
    if (auto m = thread_matcher.Match(from.domain)) return DescribeLookalike(*m);
    return std::nullopt;
  }

  ThreadHijackConfig config_;
};

}  // namespace

Result<ThreadHijackConfig> ParseThreadHijackConfig(const toml::table& section) {
  BECGUARD_RETURN_IF_ERROR(
      CheckKnownKeys(section, kWhere,
                     {"min_history", "impersonation_strength", "stranger_strength",
                      "colleague_strength", "fake_reply_strength", "max_participants_shown"}));
  ThreadHijackConfig config;
  auto min_history = ReadCount(section, kWhere, "min_history", config.min_history);
  if (!min_history) return tl::unexpected(min_history.error());
  config.min_history = *min_history;
  auto shown = ReadCount(section, kWhere, "max_participants_shown", config.max_participants_shown);
  if (!shown) return tl::unexpected(shown.error());
  config.max_participants_shown = *shown;
  for (auto [key, field] : {std::pair{"impersonation_strength", &config.impersonation_strength},
                            std::pair{"stranger_strength", &config.stranger_strength},
                            std::pair{"colleague_strength", &config.colleague_strength},
                            std::pair{"fake_reply_strength", &config.fake_reply_strength}}) {
    auto value = ReadStrength(section, kWhere, key, *field);
    if (!value) return tl::unexpected(value.error());
    *field = *value;
  }
  return config;
}

Result<std::unique_ptr<Detector>> CreateThreadHijack(const toml::table& section) {
  auto config = ParseThreadHijackConfig(section);
  if (!config) return tl::unexpected(config.error());
  return std::unique_ptr<Detector>(std::make_unique<ThreadHijack>(*config));
}

}  // namespace becguard::detectors
