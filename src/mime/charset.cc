#include "mime/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

#include <memory>

#include "text/normalize.h"
#include "text/utf8.h"

namespace becguard::mime {
namespace {

enum class Family { kAscii, kUtf8, kIso2022Jp, kLatin, kOther };

struct Label {
  std::string icu_name;  // name handed to ucnv_open; empty when no label
  Family family = Family::kOther;
};

std::string LowerTrim(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '"' || c == '\'' || c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  return out;
}

// Maps mail charset labels to the ICU converter that decodes what senders really use
// (CP932 for Shift_JIS, Windows-1252 for Latin-1, GB18030 for GB2312, ...).
Label ResolveLabel(std::string_view raw) {
  Label l;
  std::string s = LowerTrim(raw);
  if (const auto star = s.find('*'); star != std::string::npos) s.resize(star);  // RFC 2231 lang
  if (s.empty()) return l;
  if (s == "us-ascii" || s == "ascii" || s == "ansi_x3.4-1968" || s == "us" || s == "iso646-us") {
    l.icu_name = "windows-1252";
    l.family = Family::kAscii;
  } else if (s == "utf-8" || s == "utf8" || s == "x-utf8" || s == "x-unicode20utf8") {
    l.icu_name = "UTF-8";
    l.family = Family::kUtf8;
  } else if (s.starts_with("iso-2022-jp") || s == "csiso2022jp" || s == "jis" || s == "cp50220" ||
             s == "cp50221" || s == "cp50222" || s == "iso2022jp") {
    // version=4 also accepts half-width katakana (ESC ( I) that Windows senders emit.
    l.icu_name = "ISO_2022,locale=ja,version=4";
    l.family = Family::kIso2022Jp;
  } else if (s == "shift_jis" || s == "shift-jis" || s == "sjis" || s == "x-sjis" ||
             s == "ms_kanji" || s == "csshiftjis" || s == "windows-31j" || s == "cp932" ||
             s == "ms932" || s == "x-ms-cp932" || s == "shift_jisx0213") {
    l.icu_name = "windows-31j";
  } else if (s == "euc-jp" || s == "x-euc-jp" || s == "eucjp" || s == "cseucpkdfmtjapanese" ||
             s == "euc-jis-2004" || s == "cp51932") {
    l.icu_name = "EUC-JP";
  } else if (s == "iso-8859-1" || s == "iso8859-1" || s == "latin1" || s == "l1" ||
             s == "iso_8859-1" || s == "windows-1252" || s == "cp1252" || s == "x-cp1252") {
    l.icu_name = "windows-1252";
    l.family = Family::kLatin;
  } else if (s == "ks_c_5601-1987" || s == "euc-kr" || s == "ks_c_5601" || s == "cp949" ||
             s == "windows-949") {
    l.icu_name = "windows-949";
  } else if (s == "gb2312" || s == "gbk" || s == "x-gbk" || s == "gb18030" || s == "cp936" ||
             s == "euc-cn") {
    l.icu_name = "GB18030";
  } else if (s == "big5" || s == "big5-hkscs" || s == "cp950" || s == "x-big5") {
    l.icu_name = "windows-950";
  } else {
    // Only plain names reach ucnv_open: ICU reads ',' as converter options and a path
    // separator as a data package, neither of which a sender should control.
    bool plain = s.size() <= 40;
    for (char c : s) {
      plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                        c == '.' || c == ':');
    }
    l.icu_name = plain ? std::move(s) : std::string("x-unsupported-label");
    if (l.icu_name.starts_with("iso-8859") || l.icu_name.starts_with("windows-125")) {
      l.family = Family::kLatin;
    }
  }
  return l;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

struct IcuResult {
  bool opened = false;
  bool ok = false;      // converted without any error (strict) / always true (lenient)
  int substituted = 0;  // U+FFFD / U+001A produced (lenient)
  int japanese = 0;     // kana, kanji and CJK punctuation
  int other_non_ascii = 0;
  std::string utf8;
};

bool IsJapanese(char16_t c) {
  return (c >= 0x3000 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xFF01 && c <= 0xFF5E);
}

IcuResult IcuConvert(const char* name, std::string_view in, bool strict) {
  IcuResult r;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(name, &status));
  if (U_FAILURE(status) || conv == nullptr) return r;
  r.opened = true;
  if (strict) {
    ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  }
  std::u16string u16(in.size() + 16, u'\0');
  UChar* base = reinterpret_cast<UChar*>(u16.data());
  UChar* target = base;
  const char* src = in.data();
  const char* src_end = in.data() + in.size();
  for (;;) {
    status = U_ZERO_ERROR;
    UChar* limit = base + u16.size();
    ucnv_toUnicode(conv.get(), &target, limit, &src, src_end, nullptr, true, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
      const std::size_t used = static_cast<std::size_t>(target - base);
      u16.resize(u16.size() * 2);
      base = reinterpret_cast<UChar*>(u16.data());
      target = base + used;
      continue;
    }
    break;
  }
  if (U_FAILURE(status)) return r;
  const std::size_t n16 = static_cast<std::size_t>(target - base);
  for (std::size_t i = 0; i < n16; ++i) {
    const char16_t c = u16[i];
    if (c < 0x80) continue;
    if (c == 0xFFFD || c == 0x1A) {
      ++r.substituted;
    } else if (IsJapanese(c)) {
      ++r.japanese;
    } else if (c < 0xDC00 || c > 0xDFFF) {
      ++r.other_non_ascii;
    }
  }
  if (n16 > 0 && u16[0] == 0x1A) ++r.substituted;
  r.utf8.resize(n16 * 3 + 4);
  int32_t len = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(r.utf8.data(), static_cast<int32_t>(r.utf8.size()), &len, base,
                     static_cast<int32_t>(n16), 0xFFFD, nullptr, &status);
  if (U_FAILURE(status)) return r;
  r.utf8.resize(static_cast<std::size_t>(len));
  r.ok = true;
  return r;
}

bool HasHighBytes(std::string_view s) { return !text::IsAscii(s); }

// ESC $ B / ESC $ @ / ESC $ ( D / ESC ( I / ESC ( J: ISO-2022-JP designations.
bool HasJisEscape(std::string_view s) {
  std::size_t pos = 0;
  while ((pos = s.find('\x1b', pos)) != std::string_view::npos) {
    if (pos + 2 < s.size()) {
      const char a = s[pos + 1], b = s[pos + 2];
      if ((a == '$' && (b == 'B' || b == '@' || b == '(')) ||
          (a == '(' && (b == 'I' || b == 'J'))) {
        return true;
      }
    }
    ++pos;
  }
  return false;
}

// Strict Shift_JIS (CP932) vs EUC-JP: the one that converts cleanly with the most Japanese
// characters wins; half-width katakana and stray symbols count against a candidate.
bool GuessJapanese(std::string_view bytes, std::string* out) {
  IcuResult sjis = IcuConvert("windows-31j", bytes, /*strict=*/true);
  IcuResult euc = IcuConvert("EUC-JP", bytes, /*strict=*/true);
  auto score = [](const IcuResult& r) {
    if (!r.ok) return -1;
    if (r.japanese == 0 || r.japanese < 2 * r.other_non_ascii) return -1;
    return r.japanese - 2 * r.other_non_ascii;
  };
  const int s1 = score(sjis), s2 = score(euc);
  if (s1 < 0 && s2 < 0) return false;
  *out = std::move(s1 >= s2 ? sjis.utf8 : euc.utf8);
  return true;
}

std::string Lenient(const char* name, std::string_view bytes) {
  IcuResult r = IcuConvert(name, bytes, /*strict=*/false);
  if (r.ok) return std::move(r.utf8);
  return text::SanitizeUtf8(bytes);
}

}  // namespace

DecodedText GuessToUtf8(std::string_view bytes) {
  DecodedText d;
  const bool high = HasHighBytes(bytes);
  if (!high && !HasJisEscape(bytes)) {
    d.utf8.assign(bytes);
    return d;
  }
  d.guessed = true;
  if (!high) {
    d.utf8 = Lenient("ISO_2022,locale=ja,version=4", bytes);
    return d;
  }
  if (text::IsValidUtf8(bytes)) {
    d.utf8.assign(bytes);
    return d;
  }
  if (GuessJapanese(bytes, &d.utf8)) return d;
  d.utf8 = Lenient("windows-1252", bytes);
  return d;
}

DecodedText ToUtf8(std::string_view bytes, std::string_view charset) {
  const Label label = ResolveLabel(charset);
  const bool high = HasHighBytes(bytes);
  if (label.icu_name.empty()) {
    DecodedText d = GuessToUtf8(bytes);
    return d;
  }
  switch (label.family) {
    case Family::kAscii:
      if (!high && !HasJisEscape(bytes)) return DecodedText{std::string(bytes), false, false};
      return GuessToUtf8(bytes);
    case Family::kUtf8:
      if (!high || text::IsValidUtf8(bytes)) return DecodedText{std::string(bytes), false, false};
      {
        DecodedText d;
        d.guessed = true;
        if (!GuessJapanese(bytes, &d.utf8)) d.utf8 = text::SanitizeUtf8(bytes);
        return d;
      }
    case Family::kIso2022Jp:
      if (high) return GuessToUtf8(bytes);
      if (!HasJisEscape(bytes)) return DecodedText{std::string(bytes), false, false};
      break;
    case Family::kLatin:
      // Single-byte charsets accept any bytes, so a UTF-8 body mislabelled Latin-1 would become
      // mojibake without an error; valid multi-byte UTF-8 is almost never accidental.
      if (!high && !HasJisEscape(bytes)) return DecodedText{std::string(bytes), false, false};
      if (!high || text::IsValidUtf8(bytes)) return GuessToUtf8(bytes);
      break;
    case Family::kOther:
      if (!high && !HasJisEscape(bytes)) {
        // ASCII-compatible charsets pass ASCII through; UTF-16/32/7 must still convert.
        const std::string& n = label.icu_name;
        if (!n.starts_with("utf-16") && !n.starts_with("utf-32") && !n.starts_with("utf-7") &&
            !n.starts_with("ucs") && !n.starts_with("unicode")) {
          return DecodedText{std::string(bytes), false, false};
        }
      }
      break;
  }
  IcuResult strict = IcuConvert(label.icu_name.c_str(), bytes, /*strict=*/true);
  if (strict.ok) return DecodedText{std::move(strict.utf8), false, false};
  DecodedText d;
  d.guessed = true;
  d.bad_label = !strict.opened;
  if (high && text::IsValidUtf8(bytes)) {
    d.utf8.assign(bytes);
    return d;
  }
  if (high && GuessJapanese(bytes, &d.utf8)) return d;
  if (strict.opened) {
    // The declared charset with a few bad bytes (e.g. a vendor extension) is still the best
    // reading; substitute the damage rather than switching to Windows-1252 mojibake.
    IcuResult lenient = IcuConvert(label.icu_name.c_str(), bytes, /*strict=*/false);
    if (lenient.ok && lenient.substituted * 20 <= static_cast<int>(bytes.size())) {
      d.utf8 = std::move(lenient.utf8);
      return d;
    }
  }
  d.utf8 = GuessToUtf8(bytes).utf8;
  return d;
}

}  // namespace becguard::mime
