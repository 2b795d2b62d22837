#include "frontends/milter/milter_config.h"

#include <exception>
#include <initializer_list>
#include <limits>

#include <toml++/toml.h>

namespace becguard::milter {
namespace {

tl::unexpected<Error> Invalid(std::string message) {
  return tl::unexpected(Error(ErrorCode::kInvalidArgument, "config: milter." + message));
}

Result<void> CheckKeys(const toml::table& table, std::string_view where,
                       std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : table) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key.str();
    if (!known) {
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return tl::unexpected(Error(ErrorCode::kInvalidArgument,
                                  "config: unknown key '" + std::string(key.str()) + "' in [" +
                                      std::string(where) + "] (known: " + list + ")"));
    }
  }
  return {};
}

Result<void> ReadString(const toml::table& table, std::string_view key, std::string_view where,
                        std::string& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return {};
  auto v = node->value<std::string>();
  if (!v) return Invalid(std::string(where) + std::string(key) + " must be a string");
  out = *v;
  return {};
}

Result<void> ReadInt(const toml::table& table, std::string_view key, int64_t min, int64_t max,
                     int64_t& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return {};
  auto v = node->value_exact<int64_t>();
  if (!v || *v < min || *v > max) {
    return Invalid(std::string(key) + " must be an integer in [" + std::to_string(min) + ", " +
                   std::to_string(max) + "]");
  }
  out = *v;
  return {};
}

// Text that goes into an SMTP reply or a header: one line of printable characters.
Result<void> CheckOneLine(std::string_view value, std::string_view name, bool ascii_only) {
  for (unsigned char c : value) {
    // '%' is a format character in libmilter's reply handling.
    if (c < 0x20 || c == 0x7f || (ascii_only && (c >= 0x80 || c == '%'))) {
      return Invalid(std::string(name) + " must be one line of printable" +
                     (ascii_only ? " ASCII text without '%'" : " text"));
    }
  }
  return {};
}

Result<FallbackAction> ParseFallback(std::string_view value, std::string_view key) {
  if (value == "tempfail") return FallbackAction::kTempfail;
  if (value == "accept") return FallbackAction::kAccept;
  if (value == "reject") return FallbackAction::kReject;
  return Invalid(std::string(key) + " must be \"tempfail\", \"accept\" or \"reject\", not \"" +
                 std::string(value) + "\"");
}

Result<std::vector<Action>> ParseActions(const toml::table& table, std::string_view verdict,
                                         std::vector<Action> fallback) {
  const toml::node* node = table.get(verdict);
  if (node == nullptr) return fallback;
  const std::string where = "actions." + std::string(verdict);
  const toml::array* array = node->as_array();
  if (array == nullptr) return Invalid(where + " must be an array of strings");
  std::vector<Action> out;
  for (const toml::node& item : *array) {
    auto name = item.value<std::string>();
    if (!name) return Invalid(where + " must be an array of strings");
    Action action;
    if (*name == "headers") {
      action = Action::kHeaders;
    } else if (*name == "banner") {
      action = Action::kBanner;
    } else if (*name == "subject_tag") {
      action = Action::kSubjectTag;
    } else if (*name == "quarantine") {
      action = Action::kQuarantine;
    } else if (*name == "reject") {
      action = Action::kReject;
    } else {
      return Invalid(where + ": unknown action \"" + *name +
                     "\" (known: headers, banner, subject_tag, quarantine, reject)");
    }
    for (Action seen : out) {
      if (seen == action) return Invalid(where + ": \"" + *name + "\" listed twice");
    }
    out.push_back(action);
  }
  bool reject = false, modifies = false;
  for (Action a : out) {
    reject = reject || a == Action::kReject;
    modifies = modifies || a != Action::kReject;
  }
  if (reject && modifies) {
    return Invalid(where +
                   ": \"reject\" cannot be combined with other actions (a rejected "
                   "message is not delivered)");
  }
  return out;
}

Result<MilterConfig> ParseTable(const toml::table& root) {
  MilterConfig config;
  const toml::node* node = root.get("milter");
  if (node == nullptr) return config;
  const toml::table* milter = node->as_table();
  if (milter == nullptr) return Invalid("[milter] must be a table");
  BECGUARD_RETURN_IF_ERROR(
      CheckKeys(*milter, "milter",
                {"socket", "workers", "queue_limit", "scan_timeout_ms", "session_timeout_s",
                 "shutdown_grace_ms", "max_message_bytes", "default_action", "oversize_action",
                 "reject_reply", "tempfail_reply", "log_level", "actions", "subject_tag", "banner",
                 "quarantine"}));
  BECGUARD_RETURN_IF_ERROR(ReadString(*milter, "socket", "", config.socket));
  if (config.socket.rfind("unix:", 0) != 0 && config.socket.rfind("local:", 0) != 0 &&
      config.socket.rfind("inet:", 0) != 0 && config.socket.rfind("inet6:", 0) != 0) {
    return Invalid("socket must be unix:/path, inet:port@host or inet6:port@host, not \"" +
                   config.socket + "\"");
  }
  int64_t v = config.workers;
  BECGUARD_RETURN_IF_ERROR(ReadInt(*milter, "workers", 0, 256, v));
  config.workers = static_cast<int>(v);
  v = config.queue_limit;
  BECGUARD_RETURN_IF_ERROR(ReadInt(*milter, "queue_limit", 1, 100000, v));
  config.queue_limit = static_cast<int>(v);
  v = config.scan_timeout_ms;
  BECGUARD_RETURN_IF_ERROR(ReadInt(*milter, "scan_timeout_ms", 1, 600000, v));
  config.scan_timeout_ms = static_cast<int>(v);
  v = config.session_timeout_s;
  BECGUARD_RETURN_IF_ERROR(ReadInt(*milter, "session_timeout_s", 1, 86400, v));
  config.session_timeout_s = static_cast<int>(v);
  v = config.shutdown_grace_ms;
  BECGUARD_RETURN_IF_ERROR(ReadInt(*milter, "shutdown_grace_ms", 0, 600000, v));
  config.shutdown_grace_ms = static_cast<int>(v);
  v = static_cast<int64_t>(config.max_message_bytes);
  BECGUARD_RETURN_IF_ERROR(
      ReadInt(*milter, "max_message_bytes", 1024, std::numeric_limits<int32_t>::max(), v));
  config.max_message_bytes = static_cast<std::size_t>(v);

  std::string text;
  if (milter->contains("default_action")) {
    BECGUARD_RETURN_IF_ERROR(ReadString(*milter, "default_action", "", text));
    auto action = ParseFallback(text, "default_action");
    if (!action) return tl::unexpected(action.error());
    config.default_action = *action;
  }
  config.oversize_action = config.default_action;
  if (milter->contains("oversize_action")) {
    BECGUARD_RETURN_IF_ERROR(ReadString(*milter, "oversize_action", "", text));
    auto action = ParseFallback(text, "oversize_action");
    if (!action) return tl::unexpected(action.error());
    config.oversize_action = *action;
  }
  BECGUARD_RETURN_IF_ERROR(ReadString(*milter, "reject_reply", "", config.reject_reply));
  BECGUARD_RETURN_IF_ERROR(CheckOneLine(config.reject_reply, "reject_reply", true));
  BECGUARD_RETURN_IF_ERROR(ReadString(*milter, "tempfail_reply", "", config.tempfail_reply));
  BECGUARD_RETURN_IF_ERROR(CheckOneLine(config.tempfail_reply, "tempfail_reply", true));
  BECGUARD_RETURN_IF_ERROR(ReadString(*milter, "log_level", "", config.log_level));
  static constexpr std::string_view kLevels[] = {"trace", "debug",    "info", "warn",
                                                 "error", "critical", "off"};
  bool level_ok = false;
  for (std::string_view level : kLevels) level_ok = level_ok || level == config.log_level;
  if (!level_ok) return Invalid("log_level must be one of trace, debug, info, warn, error, off");

  if (const toml::node* actions_node = milter->get("actions")) {
    const toml::table* actions = actions_node->as_table();
    if (actions == nullptr) return Invalid("actions must be a table");
    BECGUARD_RETURN_IF_ERROR(CheckKeys(*actions, "milter.actions", {"clean", "suspicious", "bec"}));
    auto clean = ParseActions(*actions, "clean", config.clean_actions);
    if (!clean) return tl::unexpected(clean.error());
    auto suspicious = ParseActions(*actions, "suspicious", config.suspicious_actions);
    if (!suspicious) return tl::unexpected(suspicious.error());
    auto bec = ParseActions(*actions, "bec", config.bec_actions);
    if (!bec) return tl::unexpected(bec.error());
    config.clean_actions = *clean;
    config.suspicious_actions = *suspicious;
    config.bec_actions = *bec;
  }
  if (const toml::node* tag_node = milter->get("subject_tag")) {
    const toml::table* tags = tag_node->as_table();
    if (tags == nullptr) return Invalid("subject_tag must be a table");
    BECGUARD_RETURN_IF_ERROR(CheckKeys(*tags, "milter.subject_tag", {"suspicious", "bec"}));
    BECGUARD_RETURN_IF_ERROR(
        ReadString(*tags, "suspicious", "subject_tag.", config.subject_tag_suspicious));
    BECGUARD_RETURN_IF_ERROR(ReadString(*tags, "bec", "subject_tag.", config.subject_tag_bec));
  }
  BECGUARD_RETURN_IF_ERROR(
      CheckOneLine(config.subject_tag_suspicious, "subject_tag.suspicious", false));
  BECGUARD_RETURN_IF_ERROR(CheckOneLine(config.subject_tag_bec, "subject_tag.bec", false));
  if (config.subject_tag_suspicious.empty() || config.subject_tag_bec.empty()) {
    return Invalid(
        "subject_tag values must not be empty (remove \"subject_tag\" from the "
        "actions instead)");
  }
  if (const toml::node* banner_node = milter->get("banner")) {
    const toml::table* banner = banner_node->as_table();
    if (banner == nullptr) return Invalid("banner must be a table");
    BECGUARD_RETURN_IF_ERROR(
        CheckKeys(*banner, "milter.banner", {"language", "text_en", "text_ja"}));
    if (banner->contains("language")) {
      BECGUARD_RETURN_IF_ERROR(ReadString(*banner, "language", "banner.", text));
      if (text == "en") {
        config.banner_language = BannerLanguage::kEnglish;
      } else if (text == "ja") {
        config.banner_language = BannerLanguage::kJapanese;
      } else if (text == "both") {
        config.banner_language = BannerLanguage::kBoth;
      } else {
        return Invalid("banner.language must be \"en\", \"ja\" or \"both\", not \"" + text + "\"");
      }
    }
    BECGUARD_RETURN_IF_ERROR(ReadString(*banner, "text_en", "banner.", config.banner_text_en));
    BECGUARD_RETURN_IF_ERROR(ReadString(*banner, "text_ja", "banner.", config.banner_text_ja));
    for (char c : config.banner_text_en + config.banner_text_ja) {
      if (c == '\0' || c == '\r') return Invalid("banner texts must not contain NUL or CR");
    }
  }
  if (const toml::node* q_node = milter->get("quarantine")) {
    const toml::table* quarantine = q_node->as_table();
    if (quarantine == nullptr) return Invalid("quarantine must be a table");
    BECGUARD_RETURN_IF_ERROR(CheckKeys(*quarantine, "milter.quarantine", {"mode", "dir"}));
    if (quarantine->contains("mode")) {
      BECGUARD_RETURN_IF_ERROR(ReadString(*quarantine, "mode", "quarantine.", text));
      if (text == "hold") {
        config.quarantine_mode = QuarantineMode::kHold;
      } else if (text == "directory") {
        config.quarantine_mode = QuarantineMode::kDirectory;
      } else {
        return Invalid("quarantine.mode must be \"hold\" or \"directory\", not \"" + text + "\"");
      }
    }
    BECGUARD_RETURN_IF_ERROR(ReadString(*quarantine, "dir", "quarantine.", config.quarantine_dir));
    if (config.quarantine_mode == QuarantineMode::kDirectory && config.quarantine_dir.empty()) {
      return Invalid("quarantine.dir must be set when quarantine.mode = \"directory\"");
    }
  }
  return config;
}

}  // namespace

std::string_view FallbackActionName(FallbackAction action) {
  switch (action) {
    case FallbackAction::kTempfail:
      return "tempfail";
    case FallbackAction::kAccept:
      return "accept";
    case FallbackAction::kReject:
      return "reject";
  }
  return "tempfail";
}

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kHeaders:
      return "headers";
    case Action::kBanner:
      return "banner";
    case Action::kSubjectTag:
      return "subject_tag";
    case Action::kQuarantine:
      return "quarantine";
    case Action::kReject:
      return "reject";
  }
  return "headers";
}

const std::vector<Action>& MilterConfig::ActionsFor(Verdict verdict) const {
  switch (verdict) {
    case Verdict::kClean:
      return clean_actions;
    case Verdict::kSuspicious:
      return suspicious_actions;
    case Verdict::kBec:
      return bec_actions;
  }
  return clean_actions;
}

const std::string& MilterConfig::SubjectTagFor(Verdict verdict) const {
  return verdict == Verdict::kBec ? subject_tag_bec : subject_tag_suspicious;
}

Result<MilterConfig> ParseMilterConfig(std::string_view config_toml) {
  try {
    toml::table root = toml::parse(config_toml);
    return ParseTable(root);
  } catch (const toml::parse_error& e) {
    return tl::unexpected(Error(ErrorCode::kInvalidArgument, std::string("config: TOML syntax: ") +
                                                                 std::string(e.description())));
  } catch (const std::exception& e) {
    return tl::unexpected(Error(ErrorCode::kInternal, std::string("config: ") + e.what()));
  }
}

}  // namespace becguard::milter
