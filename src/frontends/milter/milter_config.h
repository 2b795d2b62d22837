// MilterConfig: the [milter] table of the becguard config file, read by `becguard milter`
// (the engine's loader ignores the table). Unknown keys fail start-up, like everywhere else.
// Plain value type; immutable after parsing, shared between threads read-only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "becguard/result.h"
#include "becguard/verdict.h"

namespace becguard::milter {

// What the milter answers when it cannot give a verdict (internal error, scan timeout, overload,
// over-size message).
enum class FallbackAction { kTempfail, kAccept, kReject };

std::string_view FallbackActionName(FallbackAction action);

// One step of what the milter does to a message of a given verdict.
enum class Action {
  kHeaders,     // X-BEC-Score / X-BEC-Verdict / X-BEC-Findings (+ Authentication-Results)
  kBanner,      // warning banner at the top of the first text/plain and text/html parts
  kSubjectTag,  // prefix the subject with subject_tag
  kQuarantine,  // Postfix hold queue, or becguard's quarantine directory (quarantine_mode)
  kReject,      // 5xx with reject_reply
};

std::string_view ActionName(Action action);

enum class QuarantineMode { kHold, kDirectory };
enum class BannerLanguage { kEnglish, kJapanese, kBoth };

struct MilterConfig {
  // "unix:/run/becguard/milter.sock" or "inet:11332@127.0.0.1" (libmilter syntax).
  std::string socket = "unix:/run/becguard/milter.sock";
  int workers = 0;                // scanning threads; 0 = number of cores
  int queue_limit = 256;          // scans waiting for a worker before new ones get the fallback
  int scan_timeout_ms = 5000;     // per message; on timeout the fallback applies
  int session_timeout_s = 300;    // libmilter's I/O timeout towards the MTA
  int shutdown_grace_ms = 10000;  // SIGTERM: how long in-flight messages may finish
  std::size_t max_message_bytes = 64u << 20;  // larger messages get oversize_action
  FallbackAction default_action = FallbackAction::kTempfail;
  FallbackAction oversize_action = FallbackAction::kTempfail;  // default: default_action
  // Per verdict; empty = accept untouched.
  std::vector<Action> clean_actions = {Action::kHeaders};
  std::vector<Action> suspicious_actions = {Action::kHeaders, Action::kBanner, Action::kSubjectTag};
  std::vector<Action> bec_actions = {Action::kHeaders, Action::kBanner, Action::kSubjectTag,
                                     Action::kQuarantine};
  std::string subject_tag_suspicious = "[SUSPICIOUS]";
  std::string subject_tag_bec = "[BEC WARNING]";
  BannerLanguage banner_language = BannerLanguage::kBoth;
  // Banner templates; {verdict}, {score} and {findings} are replaced. Empty = built-in text.
  std::string banner_text_en;
  std::string banner_text_ja;
  QuarantineMode quarantine_mode = QuarantineMode::kHold;
  std::string quarantine_dir = "/var/lib/becguard/quarantine";
  std::string reject_reply = "Message rejected as suspected business e-mail compromise";
  std::string tempfail_reply = "becguard could not check this message, try again later";
  std::string log_level = "info";  // spdlog level: trace, debug, info, warn, error, off

  const std::vector<Action>& ActionsFor(Verdict verdict) const;
  const std::string& SubjectTagFor(Verdict verdict) const;
};

// Parses the [milter] table of a whole config file's TOML text (other tables are ignored; the
// engine checks them). A missing table gives the defaults.
Result<MilterConfig> ParseMilterConfig(std::string_view config_toml);

}  // namespace becguard::milter
