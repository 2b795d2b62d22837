// Content-Transfer-Encoding helpers for the banner inserter: base64 and quoted-printable
// encoding and decoding of part content, and the position map needed to splice text into a
// quoted-printable body without re-encoding the rest. Stateless; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace becguard::milter {

// Standard base64 (RFC 2045) in lines of 76 characters separated by `eol`; no trailing eol.
std::string Base64Encode(std::string_view bytes, std::string_view eol);
// Ignores whitespace; nullopt on any other character outside the alphabet or bad padding.
std::optional<std::string> Base64Decode(std::string_view text);

// Quoted-printable (RFC 2045 6.7) of `bytes`: LF or CRLF in the input become hard line breaks
// written as `eol`; lines are wrapped with soft breaks at 76 columns; '=', controls, 8-bit
// bytes and trailing whitespace are escaped. When the input does not end with a line break the
// output ends with a soft break ("=" eol), so it can be spliced before more encoded text.
std::string QuotedPrintableEncode(std::string_view bytes, std::string_view eol);
// Lenient decoder (soft breaks removed, =XX decoded, hard breaks kept as written).
std::string QuotedPrintableDecode(std::string_view text);

// The encoded offset in quoted-printable `text` at which `decoded_offset` decoded bytes have
// been produced, after any soft line breaks at that point. nullopt when the offset is beyond
// the decoded length.
std::optional<std::size_t> QuotedPrintableEncodedOffset(std::string_view text,
                                                        std::size_t decoded_offset);

}  // namespace becguard::milter
