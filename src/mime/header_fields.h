// Turns a message's raw header list into ParsedMessage::headers and the header-derived fields
// (addresses, subject, ids, date, Received chain), enforcing the header limits.
// Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "becguard/config.h"
#include "becguard/message.h"
#include "mime/defect_sink.h"

namespace becguard::mime {

struct RawHeader {
  std::string_view name;
  std::string_view raw_value;  // folded, encoded, as in the message
};

void ApplyHeaders(const std::vector<RawHeader>& raw, const Limits& limits, ParsedMessage* msg,
                  DefectSink* defects);

// Message ids of a Message-ID / In-Reply-To / References value, without angle brackets.
std::vector<std::string> ParseMsgIds(std::string_view value);

// Seconds since the epoch of an RFC 5322 date (lenient), or false.
bool ParseDate(const std::string& value, std::int64_t* unix_seconds);

}  // namespace becguard::mime
