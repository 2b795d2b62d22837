#include "text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <vector>

#include "text/utf8.h"

namespace becguard::text {
namespace {

bool IsAsciiSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Zero-width and bidi controls that NFKC_Casefold may keep (it drops most default ignorables,
// but not all of them, e.g. U+061C on older data) and that must never reach comparisons.
bool IsInvisibleOrBidi(char32_t cp) {
  return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF || cp == 0x061C || cp == 0x00AD;
}

// Lower-cases ASCII and collapses whitespace; the common case for English mail, no ICU.
std::string NormalizeAscii(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsAsciiSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : ch);
  }
  return out;
}

// Drops format characters and collapses Unicode whitespace in already-normalised UTF-8.
std::string CollapseAndStrip(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      if (IsAsciiSpace(c)) {
        pending_space = !out.empty();
        continue;
      }
      if (pending_space) {
        out.push_back(' ');
        pending_space = false;
      }
      out.push_back(static_cast<char>(c));
      continue;
    }
    std::size_t len = Utf8SequenceLength(s, i);
    char32_t cp = kReplacementChar;
    if (len == 0) {
      len = 1;  // ICU output is well-formed; defensive only
    } else {
      cp = DecodeUtf8At(s, i, len);
    }
    if (IsInvisibleOrBidi(cp) || u_charType(static_cast<UChar32>(cp)) == U_FORMAT_CHAR) {
      i += len;
      continue;
    }
    if (u_isUWhiteSpace(static_cast<UChar32>(cp))) {
      pending_space = !out.empty();
      i += len;
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    if (cp == kReplacementChar && len == 1) {
      AppendUtf8(cp, &out);
    } else {
      out.append(s.data() + i, len);
    }
    i += len;
  }
  return out;
}

const icu::Normalizer2* NfkcCasefold() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return instance;
}

bool IsNameChar(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  }
  const auto c = static_cast<UChar32>(cp);
  if (u_isalnum(c)) return true;
  const int8_t type = u_charType(c);
  // Combining marks belong to the letter before them (Devanagari, Thai, Hangul jamo...).
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

}  // namespace

std::string SanitizeUtf8(std::string_view bytes) {
  if (IsValidUtf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + 16);
  std::size_t i = 0;
  while (i < bytes.size()) {
    const std::size_t len = Utf8SequenceLength(bytes, i);
    if (len == 0) {
      // One U+FFFD per ill-formed byte: simple, and never merges text around the damage.
      AppendUtf8(kReplacementChar, &out);
      ++i;
      continue;
    }
    out.append(bytes.data() + i, len);
    i += len;
  }
  return out;
}

std::string Normalize(std::string_view utf8) {
  if (IsAscii(utf8)) return NormalizeAscii(utf8);
  std::string valid;
  std::string_view input = utf8;
  if (!IsValidUtf8(utf8)) {
    valid = SanitizeUtf8(utf8);
    input = valid;
  }
  const icu::Normalizer2* norm = NfkcCasefold();
  if (norm == nullptr) return CollapseAndStrip(input);
  std::string normalized;
  normalized.reserve(input.size() + input.size() / 4);
  icu::StringByteSink<std::string> sink(&normalized);
  UErrorCode status = U_ZERO_ERROR;
  norm->normalizeUTF8(0, icu::StringPiece(input.data(), static_cast<int32_t>(input.size())), sink,
                      nullptr, status);
  if (U_FAILURE(status)) return CollapseAndStrip(input);
  return CollapseAndStrip(normalized);
}

std::string NameKey(std::string_view utf8) {
  const std::string norm = Normalize(utf8);
  std::vector<std::string> tokens;
  std::string current;
  std::size_t i = 0;
  while (i < norm.size()) {
    std::size_t len = Utf8SequenceLength(norm, i);
    if (len == 0) len = 1;
    const char32_t cp = DecodeUtf8At(norm, i, len);
    if (IsNameChar(cp)) {
      current.append(norm.data() + i, len);
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
    i += len;
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  std::sort(tokens.begin(), tokens.end());
  std::string key;
  for (const std::string& t : tokens) key += t;
  return key;
}

bool HasInvisibleOrBidi(std::string_view utf8) {
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = Utf8SequenceLength(utf8, i);
    if (len == 0) {
      ++i;
      continue;
    }
    const char32_t cp = DecodeUtf8At(utf8, i, len);
    if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2060 || cp == 0xFEFF || cp == 0x061C) {
      return true;
    }
    i += len;
  }
  return false;
}

}  // namespace becguard::text
