// Banner insertion: puts the warning banner at the top of the first text/plain and the first
// text/html display part (HTML: right after <body ...>), in the part's own charset and
// Content-Transfer-Encoding, and leaves every other byte of the message as it was. The result
// is the new body for smfi_replacebody.
//
// Decisions: a message whose parse recorded structural defects or hit a limit is never touched;
// a part whose charset (or 7bit encoding) cannot carry the configured text gets the English
// text, and a part that cannot carry that either is left alone; the changed message is parsed
// again and discarded unless its attachments are byte-identical and no defect appeared.
// Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "becguard/config.h"
#include "becguard/message.h"
#include "frontends/milter/banner_text.h"

namespace becguard::milter {

struct BannerOutcome {
  bool changed = false;
  std::string body;    // the new body (after the header/body separator) when changed
  std::string reason;  // why the body was left alone, when not changed
  int parts_changed = 0;
  bool used_english_fallback = false;
};

// Why `parsed` must not have its body changed ("" = it may).
std::string BodyChangeBlocker(const ParsedMessage& parsed);

BannerOutcome InsertBanner(std::string_view raw, const ParsedMessage& parsed,
                           const BannerText& text, const Limits& limits);

}  // namespace becguard::milter
