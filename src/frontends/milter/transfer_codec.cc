#include "frontends/milter/transfer_codec.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace becguard::milter {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Length of a soft line break ("=" followed by optional spaces and CRLF or LF) at `i`, or 0.
std::size_t SoftBreakAt(std::string_view text, std::size_t i) {
  if (i >= text.size() || text[i] != '=') return 0;
  std::size_t j = i + 1;
  while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
  if (j < text.size() && text[j] == '\n') return j + 1 - i;
  if (j + 1 < text.size() && text[j] == '\r' && text[j + 1] == '\n') return j + 2 - i;
  return 0;
}

}  // namespace

std::string Base64Encode(std::string_view bytes, std::string_view eol) {
  std::string out;
  out.reserve(bytes.size() * 4 / 3 + bytes.size() / 57 * eol.size() + 8);
  std::size_t column = 0;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    if (n > 1) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (n > 2) v |= static_cast<unsigned char>(bytes[i + 2]);
    if (column == 76) {
      out += eol;
      column = 0;
    }
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += n > 1 ? kAlphabet[(v >> 6) & 63] : '=';
    out += n > 2 ? kAlphabet[v & 63] : '=';
    column += 4;
  }
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  std::array<int, 256> value;
  value.fill(-1);
  for (int i = 0; i < 64; ++i) value[static_cast<unsigned char>(kAlphabet[i])] = i;
  std::string out;
  uint32_t acc = 0;
  int bits = 0, padding = 0;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    const int v = value[static_cast<unsigned char>(c)];
    if (v < 0 || padding > 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  if (padding > 2 || bits >= 6) return std::nullopt;
  return out;
}

std::string QuotedPrintableEncode(std::string_view bytes, std::string_view eol) {
  constexpr std::size_t kMaxLine = 76;  // including the '=' of a soft break
  std::string out, line;
  auto flush_soft = [&]() {
    out += line;
    out += '=';
    out += eol;
    line.clear();
  };
  std::size_t i = 0;
  while (i < bytes.size()) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    const bool crlf = c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n';
    if (c == '\n' || crlf) {
      // Whitespace before a hard break would be stripped in transport: escape it.
      if (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
        const char ws = line.back();
        line.pop_back();
        line += ws == ' ' ? "=20" : "=09";
      }
      out += line;
      out += eol;
      line.clear();
      i += crlf ? 2 : 1;
      continue;
    }
    std::string token;
    if ((c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t') {
      token = static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      token = {'=', kHex[c >> 4], kHex[c & 15]};
    }
    if (line.size() + token.size() > kMaxLine - 1) flush_soft();
    line += token;
    ++i;
  }
  if (!line.empty()) flush_soft();
  return out;
}

std::string QuotedPrintableDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (std::size_t soft = SoftBreakAt(text, i)) {
      i += soft;
      continue;
    }
    if (text[i] == '=' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
        HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 3;
      continue;
    }
    out += text[i++];
  }
  return out;
}

std::optional<std::size_t> QuotedPrintableEncodedOffset(std::string_view text,
                                                        std::size_t decoded_offset) {
  std::size_t decoded = 0;
  std::size_t i = 0;
  while (true) {
    // Skip soft breaks first: the point after them is the start of the next encoded line.
    while (std::size_t soft = SoftBreakAt(text, i)) i += soft;
    if (decoded == decoded_offset) return i;
    if (i >= text.size()) return std::nullopt;
    if (text[i] == '=' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
        HexValue(text[i + 2]) >= 0) {
      i += 3;
    } else {
      ++i;
    }
    ++decoded;
  }
}

}  // namespace becguard::milter
