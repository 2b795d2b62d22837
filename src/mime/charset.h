// Charset conversion of mail text to UTF-8 (ICU converters), with guessing when the declared
// charset is missing or wrong. Stateless; thread-safe (a converter is opened per call).
#pragma once

#include <string>
#include <string_view>

namespace becguard::mime {

struct DecodedText {
  std::string utf8;        // always well-formed UTF-8
  bool guessed = false;    // the declared charset was missing/wrong and another one was used
  bool bad_label = false;  // the declared charset is unknown to ICU
};

// Converts `bytes` declared as `charset` (may be empty) to UTF-8. Handles ISO-2022-JP,
// Shift_JIS/CP932, EUC-JP, UTF-8, ISO-8859-x, Windows-125x and everything else ICU knows.
// When the label does not fit the bytes: UTF-8 if valid, then Japanese encodings, then
// Windows-1252.
DecodedText ToUtf8(std::string_view bytes, std::string_view charset);

// Like ToUtf8 with no label, for raw 8-bit header text. Pure ASCII is returned unchanged.
DecodedText GuessToUtf8(std::string_view bytes);

}  // namespace becguard::mime
