// Splits a body into the newly written text and the quoted reply/forward history below it
// (English and Japanese mailer conventions). Stateless; thread-safe.
#pragma once

#include <string_view>

namespace becguard::mime {

struct QuoteSplit {
  std::string_view new_text;     // before the first history marker, trailing space trimmed
  std::string_view quoted_text;  // from the marker line to the end; empty when none found
};

// The views point into `body`.
QuoteSplit SplitQuotedHistory(std::string_view body);

}  // namespace becguard::mime
