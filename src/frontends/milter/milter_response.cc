#include "frontends/milter/milter_response.h"

#include <strings.h>

#include <algorithm>

#include "frontends/milter/banner_inserter.h"
#include "frontends/milter/banner_text.h"
#include "frontends/milter/subject_tagger.h"

namespace becguard::milter {
namespace {

void AddAction(MilterResponse& response, std::string_view name) {
  if (!response.actions.empty()) response.actions += ',';
  response.actions += name;
}

}  // namespace

MilterResponse Fallback(const MilterConfig& config, FallbackAction action, std::string_view why) {
  MilterResponse response;
  response.note = std::string(why);
  switch (action) {
    case FallbackAction::kTempfail:
      response.status = MilterStatus::kTempfail;
      response.rcode = "451";
      response.xcode = "4.7.1";
      response.reply = config.tempfail_reply;
      response.actions = "tempfail";
      break;
    case FallbackAction::kReject:
      response.status = MilterStatus::kReject;
      response.rcode = "550";
      response.xcode = "5.7.1";
      response.reply = config.reject_reply;
      response.actions = "reject";
      break;
    case FallbackAction::kAccept:
      response.status = MilterStatus::kAccept;
      response.actions = "accept";
      break;
  }
  return response;
}

MilterResponse Decide(const MilterConfig& config, std::string_view authserv_id,
                      const Limits& limits, const MessageAssembler& message,
                      const ParsedMessage& parsed, const ScanReport& report) {
  MilterResponse response;
  const std::vector<Action>& actions = config.ActionsFor(report.verdict);
  if (std::find(actions.begin(), actions.end(), Action::kReject) != actions.end()) {
    response.status = MilterStatus::kReject;
    response.rcode = "550";
    response.xcode = "5.7.1";
    response.reply = config.reject_reply;
    response.actions = "reject";
    return response;
  }
  for (Action action : actions) {
    switch (action) {
      case Action::kHeaders: {
        // Incoming copies of our headers go first, highest index first so that earlier
        // indexes stay valid.
        const auto& headers = message.headers();
        for (std::size_t i = headers.size(); i-- > 0;) {
          if (IsOwnHeader(headers[i].name, headers[i].value, authserv_id)) {
            response.changes.push_back(
                {headers[i].name, message.IndexAmongSameName(i), std::nullopt});
          }
        }
        response.insert_top = RenderReportHeaders(report, authserv_id);
        AddAction(response, "headers");
        break;
      }
      case Action::kSubjectTag: {
        const std::string& tag = config.SubjectTagFor(report.verdict);
        const auto& headers = message.headers();
        auto subject = std::find_if(headers.begin(), headers.end(), [](const ReceivedHeader& h) {
          return strcasecmp(h.name.c_str(), "Subject") == 0;
        });
        if (subject == headers.end()) {
          response.append.push_back({"Subject", SanitizeHeaderText(tag)});
          AddAction(response, "subject_tag");
        } else if (auto tagged = TagSubject(subject->value, tag)) {
          response.changes.push_back({"Subject", 1, *tagged});
          AddAction(response, "subject_tag");
        }
        break;
      }
      case Action::kBanner: {
        if (message.over_limit()) break;
        BannerOutcome banner =
            InsertBanner(message.raw(), parsed, MakeBannerText(config, report), limits);
        if (banner.changed) {
          response.new_body = std::move(banner.body);
          AddAction(response, banner.used_english_fallback ? "banner(en)" : "banner");
        } else {
          response.note = "banner skipped: " + banner.reason;
        }
        break;
      }
      case Action::kQuarantine:
        if (config.quarantine_mode == QuarantineMode::kHold) {
          response.hold_reason = "becguard: verdict " + std::string(VerdictName(report.verdict)) +
                                 ", score " + std::to_string(report.score);
          AddAction(response, "hold");
        } else {
          response.store_in_quarantine_dir = true;
          response.status = MilterStatus::kDiscard;
          AddAction(response, "quarantine_dir");
        }
        break;
      case Action::kReject:
        break;  // handled above
    }
  }
  if (response.actions.empty()) response.actions = "accept";
  return response;
}

}  // namespace becguard::milter
