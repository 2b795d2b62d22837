#include "payment/scan_text.h"

#include <string.h>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <array>
#include <cstdint>

#include "text/utf8.h"

namespace becguard::payment {
namespace {

// Folds one non-ASCII code point for scanning; returns false when it is dropped.
bool FoldCodePoint(char32_t cp, std::string* out) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) {
    out->push_back(static_cast<char>(cp - 0xFEE0));
  } else if (cp == 0x3000 || cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
             cp == 0x205F) {
    out->push_back(' ');
  } else if ((cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD) {
    return false;
  } else if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63) {
    out->push_back('-');
  } else {
    text::AppendUtf8(cp, out);
  }
  return true;
}

// Whether the well-formed 2/3-byte sequence starting b0 b1 (b2) may be folded.
bool NeedsFold(unsigned char b0, unsigned char b1, unsigned char b2) {
  switch (b0) {
    case 0xC2:
      return b1 == 0xA0 || b1 == 0xAD;
    case 0xE2:
      return b1 == 0x80 || b1 == 0x81 || b1 == 0x88;
    case 0xE3:
      return b1 == 0x80 && b2 == 0x80;
    case 0xEF:
      return b1 == 0xBC || b1 == 0xBD || b1 == 0xBB || b1 == 0xB9;
    default:
      return false;
  }
}

// Every label the extractors ask for, found in one pass over the text at construction instead
// of one search per label (which dominated the cost on 5 KB bodies).
constexpr std::string_view kIndexedLabels[] = {"account",
                                               "acct",
                                               "a/c",
                                               "routing",
                                               "aba",
                                               "rtn",
                                               "ach",
                                               "sort code",
                                               "sort-code",
                                               "sortcode",
                                               "swift",
                                               "bic",
                                               "account number",
                                               "account no",
                                               "account nr",
                                               "account #",
                                               "acct no",
                                               "acct. no",
                                               "acct number",
                                               "acct #",
                                               "a/c no",
                                               "a/c number",
                                               "account name",
                                               "account holder",
                                               "beneficiary name",
                                               "beneficiary",
                                               "payee name",
                                               "name on account",
                                               "bank name",
                                               "beneficiary bank",
                                               "bank",
                                               "支店番号",
                                               "店番号",
                                               "店番",
                                               "支店コード",
                                               "口座番号",
                                               "支店名",
                                               "口座名義人",
                                               "口座名義",
                                               "名義人",
                                               "受取人名",
                                               "受取人",
                                               "名義",
                                               "銀行名",
                                               "金融機関名",
                                               "普通",
                                               "当座",
                                               "貯蓄",
                                               "番号"};
constexpr std::size_t kLabelCount = sizeof(kIndexedLabels) / sizeof(kIndexedLabels[0]);

struct LabelTable {
  std::array<std::vector<std::uint8_t>, 256> by_first;
  // Which first-two-byte pairs start some label: one lookup rejects almost every position
  // (Japanese text shares lead bytes with the Japanese labels).
  std::array<std::uint64_t, 65536 / 64> pair_bits{};
  LabelTable() {
    for (std::size_t id = 0; id < kLabelCount; ++id) {
      const std::string_view l = kIndexedLabels[id];
      by_first[static_cast<unsigned char>(l[0])].push_back(static_cast<std::uint8_t>(id));
      const unsigned pair = PairKey(l[0], l[1]);
      pair_bits[pair / 64] |= std::uint64_t{1} << (pair % 64);
    }
  }
  static unsigned PairKey(char a, char b) {
    return (static_cast<unsigned>(static_cast<unsigned char>(a)) << 8) |
           static_cast<unsigned char>(b);
  }
  bool MayStart(char a, char b) const {
    const unsigned pair = PairKey(a, b);
    return (pair_bits[pair / 64] >> (pair % 64)) & 1;
  }
};

const LabelTable& Labels() {
  static const LabelTable table;
  return table;
}

bool BoundaryOk(std::string_view lower, std::string_view needle, std::size_t p) {
  const std::size_t e = p + needle.size();
  const bool left_ok = !IsAsciiLetter(needle.front()) || p == 0 || !IsAsciiLetter(lower[p - 1]);
  const bool right_ok =
      !IsAsciiLetter(needle.back()) || e >= lower.size() || !IsAsciiLetter(lower[e]);
  return left_ok && right_ok;
}

}  // namespace

ScanText::ScanText(std::string_view utf8) {
  text_.reserve(utf8.size());
  std::size_t i = 0;
  const std::size_t n = utf8.size();
  while (i < n) {
    // Most bytes are copied as they are; only a few lead bytes can start a folded code point.
    std::size_t j = i;
    while (j < n) {
      const auto b = static_cast<unsigned char>(utf8[j]);
      if (b < 0x80) {
        ++j;
        continue;
      }
      if (b < 0xC2 || b == 0xE0 || b == 0xED || b >= 0xF0) break;  // slow path validates
      const std::size_t len = b < 0xE0 ? 2 : 3;
      if (j + len > n) break;
      const auto b1 = static_cast<unsigned char>(utf8[j + 1]);
      if ((b1 & 0xC0) != 0x80) break;
      if (len == 3 && (static_cast<unsigned char>(utf8[j + 2]) & 0xC0) != 0x80) break;
      if (NeedsFold(b, b1, len == 3 ? static_cast<unsigned char>(utf8[j + 2]) : 0)) break;
      j += len;
    }
    text_.append(utf8.data() + i, j - i);
    i = j;
    if (i >= n) break;
    const std::size_t len = text::Utf8SequenceLength(utf8, i);
    if (len == 0) {
      text_.push_back(' ');
      ++i;
      continue;
    }
    FoldCodePoint(text::DecodeUtf8At(utf8, i, len), &text_);
    i += len;
  }
  lower_ = text_;
  for (char& c : lower_) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  const LabelTable& table = Labels();
  const std::string_view low = lower_;
  for (std::size_t p = 0; p + 1 < low.size(); ++p) {
    if (!table.MayStart(low[p], low[p + 1])) continue;
    for (std::uint8_t id : table.by_first[static_cast<unsigned char>(low[p])]) {
      const std::string_view label = kIndexedLabels[id];
      if (p + label.size() > low.size() || low[p + 1] != label[1]) continue;
      if (low.substr(p, label.size()) == label && BoundaryOk(low, label, p)) {
        hits_.push_back({id, p});
      }
    }
  }
}

std::size_t FindBytes(std::string_view hay, std::string_view needle, std::size_t from) {
  if (from > hay.size() || needle.empty()) return std::string_view::npos;
  const void* p = memmem(hay.data() + from, hay.size() - from, needle.data(), needle.size());
  return p == nullptr ? std::string_view::npos
                      : static_cast<std::size_t>(static_cast<const char*>(p) - hay.data());
}

void ScanText::FindLabel(std::string_view needle, std::vector<std::size_t>* starts) const {
  if (needle.empty()) return;
  for (std::size_t id = 0; id < kLabelCount; ++id) {
    if (kIndexedLabels[id] != needle) continue;
    for (const LabelHit& h : hits_) {
      if (h.id == id) starts->push_back(h.pos);
    }
    return;
  }
  std::size_t p = 0;
  while ((p = FindBytes(lower_, needle, p)) != std::string_view::npos) {
    if (BoundaryOk(lower_, needle, p)) starts->push_back(p);
    p += needle.size();
  }
}

std::string ScanText::ValueAfter(std::size_t pos, std::size_t max_bytes) const {
  std::size_t p = pos;
  const std::size_t n = text_.size();
  while (p < n && (IsBlank(text_[p]) || text_[p] == ':' || text_[p] == '-' || text_[p] == '=' ||
                   text_[p] == '#' || text_[p] == '.')) {
    ++p;
  }
  std::size_t e = p;
  while (e < n && text_[e] != '\n' && e - p < max_bytes) ++e;
  std::string_view v(text_.data() + p, e - p);
  v = v.substr(0, text::Utf8SafePrefixLength(v, v.size() < max_bytes ? v.size() : max_bytes));
  while (!v.empty() && (IsBlank(v.back()) || v.back() == ',' || v.back() == ';')) {
    v.remove_suffix(1);
  }
  return std::string(v);
}

DigitRun ScanText::ReadDigits(std::size_t pos, bool separators) const {
  DigitRun run;
  run.begin = pos;
  std::size_t p = pos;
  const std::size_t n = text_.size();
  while (p < n) {
    if (IsDigit(text_[p])) {
      run.digits.push_back(text_[p]);
      run.end = ++p;
    } else if (separators && (text_[p] == ' ' || text_[p] == '-') && p + 1 < n &&
               IsDigit(text_[p + 1])) {
      ++p;
    } else {
      break;
    }
  }
  return run;
}

bool ScanText::NextDigitRun(std::size_t pos, std::size_t window, std::size_t min_digits,
                            std::size_t max_digits, bool separators, DigitRun* out) const {
  const std::size_t n = text_.size();
  const std::size_t limit = pos + window < n ? pos + window : n;
  int newlines = 0;
  for (std::size_t p = pos; p < limit; ++p) {
    const char c = text_[p];
    if (c == '\n' && ++newlines > 1) return false;
    if (!IsDigit(c)) continue;
    const bool left_ok = p == 0 || !IsAsciiAlnum(text_[p - 1]);
    DigitRun run = ReadDigits(p, separators);
    const bool right_ok = run.end >= n || !IsAsciiAlnum(text_[run.end]);
    if (left_ok && right_ok && run.digits.size() >= min_digits && run.digits.size() <= max_digits) {
      *out = std::move(run);
      return true;
    }
    p = run.end - 1;  // the loop's ++p lands just after the run
  }
  return false;
}

std::string Nfkc(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return std::string(utf8);
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString out = nfkc->normalize(in, status);
  if (U_FAILURE(status)) return std::string(utf8);
  std::string result;
  out.toUTF8String(result);
  return result;
}

}  // namespace becguard::payment
