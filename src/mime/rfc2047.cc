#include "mime/rfc2047.h"

#include <cstdint>

#include "core/ascii.h"
#include "mime/charset.h"
#include "text/utf8.h"

namespace becguard::mime {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;  // '-' / '_': URL-safe alphabet from broken encoders
  if (c == '/' || c == '_') return 63;
  return -1;
}

// Each word is decoded on its own, so '=' padding at the end of one word never cuts the next
// (the GMime 3.2 pitfall); padding in the middle of a word restarts the quantum.
void DecodeBase64(std::string_view in, std::string* out, bool* bad) {
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') {
      acc = 0;
      bits = 0;
      continue;
    }
    if (c == ' ' || c == '\t') continue;
    const int v = Base64Value(c);
    if (v < 0) {
      *bad = true;
      continue;
    }
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
}

void DecodeQ(std::string_view in, std::string* out, bool* bad) {
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '_') {
      out->push_back(' ');
    } else if (c == '=' && i + 2 < in.size() && HexValue(in[i + 1]) >= 0 &&
               HexValue(in[i + 2]) >= 0) {
      out->push_back(static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2])));
      i += 2;
    } else {
      if (c == '=') *bad = true;
      out->push_back(c);
    }
  }
}

struct Word {
  std::string_view charset;
  char encoding = 0;
  std::string_view payload;
  std::size_t end = 0;  // index after "?="
};

class Decoder {
 public:
  Decoder(std::string_view s, HeaderTextFlags* flags) : s_(s), flags_(flags) {}

  std::string Run() {
    out_.reserve(s_.size());
    std::size_t i = 0;
    while (i < s_.size()) {
      Word w;
      if (s_[i] == '=' && i + 1 < s_.size() && s_[i + 1] == '?' && ParseWord(i, &w)) {
        if (after_word_) {
          gap_.clear();  // whitespace between adjacent encoded words is not text
        } else {
          FlushLiteral();
        }
        if (!pending_bytes_.empty() && !EqualsIgnoreCase(pending_charset_, w.charset)) {
          FlushPending();
        }
        pending_charset_ = w.charset;
        bool bad = false;
        if (w.encoding == 'B' || w.encoding == 'b') {
          DecodeBase64(w.payload, &pending_bytes_, &bad);
        } else {
          DecodeQ(w.payload, &pending_bytes_, &bad);
        }
        if (bad) flags_->bad_encoded_word = true;
        after_word_ = true;
        i = w.end;
        continue;
      }
      const char c = s_[i];
      if (after_word_) {
        if (c == ' ' || c == '\t') {
          gap_.push_back(c);
          ++i;
          continue;
        }
        FlushPending();
        literal_ += gap_;
        gap_.clear();
        after_word_ = false;
      }
      std::size_t next = s_.find("=?", i + 1);
      if (next == std::string_view::npos) next = s_.size();
      literal_.append(s_.substr(i, next - i));
      i = next;
    }
    FlushPending();
    literal_ += gap_;
    FlushLiteral();
    return std::move(out_);
  }

 private:
  bool ParseWord(std::size_t at, Word* w) {
    std::size_t p = at + 2;
    const std::size_t cs_begin = p;
    while (p < s_.size() && s_[p] != '?' && p - cs_begin < 64) {
      const char c = s_[p];
      if (c == ' ' || c == '\t' || c == '"' || c == '=') return false;
      ++p;
    }
    if (p >= s_.size() || s_[p] != '?' || p == cs_begin) return false;
    w->charset = s_.substr(cs_begin, p - cs_begin);
    if (p + 2 >= s_.size() || s_[p + 2] != '?') return false;
    w->encoding = s_[p + 1];
    if (w->encoding != 'B' && w->encoding != 'b' && w->encoding != 'Q' && w->encoding != 'q') {
      return false;
    }
    const std::size_t payload_begin = p + 3;
    if (payload_begin >= no_terminator_from_) return false;
    const std::size_t term = s_.find("?=", payload_begin);
    if (term == std::string_view::npos) {
      // No later word can be terminated either; keeps hostile "=?=?=?..." input linear.
      no_terminator_from_ = payload_begin;
      return false;
    }
    w->payload = s_.substr(payload_begin, term - payload_begin);
    w->end = term + 2;
    return true;
  }

  void FlushPending() {
    if (pending_bytes_.empty()) return;
    DecodedText d = ToUtf8(pending_bytes_, pending_charset_);
    if (d.bad_label) flags_->bad_encoded_word = true;
    if (d.guessed) flags_->charset_fallback = true;
    out_ += d.utf8;
    pending_bytes_.clear();
  }

  void FlushLiteral() {
    if (literal_.empty()) return;
    if (text::IsAscii(literal_)) {
      out_ += literal_;
    } else {
      DecodedText d = GuessToUtf8(literal_);
      // 8-bit UTF-8 in headers (RFC 6532) is legitimate; anything else is a guess.
      if (d.guessed && !text::IsValidUtf8(literal_)) flags_->charset_fallback = true;
      out_ += d.utf8;
    }
    literal_.clear();
  }

  std::string_view s_;
  HeaderTextFlags* flags_;
  std::string out_;
  std::string literal_;
  std::string gap_;
  std::string pending_bytes_;
  std::string_view pending_charset_;
  bool after_word_ = false;
  std::size_t no_terminator_from_ = std::string_view::npos;
};

}  // namespace

std::string Unfold(std::string_view raw) {
  std::size_t b = 0, e = raw.size();
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (b < e && blank(raw[b])) ++b;
  while (e > b && blank(raw[e - 1])) --e;
  raw = raw.substr(b, e - b);
  std::string out;
  out.reserve(raw.size());
  std::size_t pos = 0;
  while (pos < raw.size()) {
    const std::size_t brk = raw.find_first_of("\r\n", pos);
    if (brk == std::string_view::npos) {
      out.append(raw.substr(pos));
      break;
    }
    out.append(raw.substr(pos, brk - pos));
    pos = brk + 1;
  }
  return out;
}

std::string DecodeEncodedWords(std::string_view text, HeaderTextFlags* flags) {
  if (text.find("=?") == std::string_view::npos && text::IsAscii(text)) {
    return std::string(text);
  }
  return Decoder(text, flags).Run();
}

}  // namespace becguard::mime
