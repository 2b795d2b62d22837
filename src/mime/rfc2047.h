// RFC 2047 encoded-word decoding and header unfolding, written for the shapes real (and
// hostile) mail uses: words inside quoted strings, one multi-byte character split across
// words, '=' padding inside a run of words, raw 8-bit text. Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace becguard::mime {

struct HeaderTextFlags {
  bool bad_encoded_word = false;  // a word with bad base64/QP or an unknown charset
  bool charset_fallback = false;  // a charset was guessed (raw 8-bit text or a wrong label)
};

// Removes CR and LF (folding) and trims surrounding whitespace.
std::string Unfold(std::string_view raw);

// Decodes every encoded word in `text` (already unfolded) to UTF-8. Adjacent words are joined
// per charset before conversion, so a character split between words survives. Text outside
// words is kept (8-bit bytes are charset-guessed). Output is always valid UTF-8.
std::string DecodeEncodedWords(std::string_view text, HeaderTextFlags* flags);

}  // namespace becguard::mime
