// MilterResponse: everything the milter will tell the MTA about one message, decided by plain
// code (no libmilter) so it can be unit-tested: the SMTP status, header deletions and changes,
// added headers, the new body, quarantine. Decide() maps a verdict and the config's per-verdict
// actions to a response; Fallback() is the fail-safe answer. Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "becguard/config.h"
#include "becguard/message.h"
#include "becguard/verdict.h"
#include "frontends/milter/header_renderer.h"
#include "frontends/milter/message_assembler.h"
#include "frontends/milter/milter_config.h"

namespace becguard::milter {

enum class MilterStatus { kAccept, kTempfail, kReject, kDiscard };

// smfi_chgheader: the index-th header called `name` gets `value` (nullopt deletes it).
struct HeaderChange {
  std::string name;
  int index = 1;
  std::optional<std::string> value;
};

struct MilterResponse {
  MilterStatus status = MilterStatus::kAccept;
  std::string rcode, xcode, reply;      // for kTempfail / kReject
  std::vector<HeaderChange> changes;    // applied in order (deletions in descending index)
  std::vector<HeaderField> insert_top;  // inserted at the top, in this order
  std::vector<HeaderField> append;      // added at the end (e.g. a missing Subject)
  std::optional<std::string> new_body;
  std::optional<std::string> hold_reason;  // smfi_quarantine (Postfix hold queue)
  bool store_in_quarantine_dir = false;    // then discard once stored
  std::string actions;                     // for the log: "headers,banner,hold"
  std::string note;                        // why something was not done (banner skipped...)
};

// The fail-safe answer: tempfail (451 4.7.1), reject (550 5.7.1) or accept untouched.
MilterResponse Fallback(const MilterConfig& config, FallbackAction action, std::string_view why);

// The response for a scanned message per config.ActionsFor(report.verdict).
MilterResponse Decide(const MilterConfig& config, std::string_view authserv_id,
                      const Limits& limits, const MessageAssembler& message,
                      const ParsedMessage& parsed, const ScanReport& report);

}  // namespace becguard::milter
