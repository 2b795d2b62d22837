// Japanese bank transfer details: 銀行名, 支店名/支店番号, 預金種目, 口座番号, 口座名義, in
// labelled blocks and in the one-line form "八雲銀行 本町支店 普通 1234567 カ)ヤクモセイコウ".
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "payment/extractors.h"
#include "payment/payment_details.h"
#include "text/utf8.h"

namespace becguard::payment {
namespace {

constexpr std::size_t kBefore = 300;  // bytes searched before the account number
constexpr std::size_t kAfter = 200;   // and after it

struct Window {
  std::size_t begin;
  std::size_t end;
};

std::size_t Distance(std::size_t a, std::size_t b) { return a > b ? a - b : b - a; }

bool IsParticle(char32_t cp) {
  // Not も/と/や: they start branch names (もみじ, ときわ).
  return cp == U'は' || cp == U'を' || cp == U'に' || cp == U'が' || cp == U'で' || cp == U'の' ||
         cp == U'へ';
}

bool IsNameChar(char32_t cp) {
  if (cp < 0x80) return IsAsciiAlnum(static_cast<char>(cp)) || cp == '&';
  if (cp >= 0x3040 && cp <= 0x309F) return !IsParticle(cp);  // hiragana
  if (cp >= 0x30A0 && cp <= 0x30FF) return true;             // katakana, ・, ー
  if (cp >= 0x4E00 && cp <= 0x9FFF) return true;
  if (cp >= 0x3400 && cp <= 0x4DBF) return true;
  if (cp >= 0xF900 && cp <= 0xFAFF) return true;
  if (cp >= 0xFF66 && cp <= 0xFF9F) return true;  // half-width katakana
  return cp == 0x3005 || cp == 0x3007;            // 々 〇
}

// Start of the code point that ends just before pos.
std::size_t PrevStart(std::string_view s, std::size_t pos) {
  std::size_t p = pos - 1;
  while (p > 0 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
  return p;
}

constexpr std::string_view kBankSuffixes[] = {"銀行", "信用金庫", "信用組合", "労働金庫", "信金"};

// Start of the name written just before pos (at most 16 characters), stopping after a bank
// name so "みずほ銀行渋谷支店" gives the branch "渋谷".
std::size_t NameStart(std::string_view s, std::size_t pos, std::size_t floor) {
  std::size_t p = pos;
  for (int count = 0; p > floor && count < 16; ++count) {
    bool bank_end = false;
    for (std::string_view b : kBankSuffixes) {
      if (p >= b.size() && s.substr(p - b.size(), b.size()) == b) bank_end = true;
    }
    if (bank_end && p != pos) break;
    const std::size_t q = PrevStart(s, p);
    const std::size_t len = text::Utf8SequenceLength(s, q);
    if (len == 0 || q + len != p || !IsNameChar(text::DecodeUtf8At(s, q, len))) break;
    p = q;
  }
  return p;
}

bool IsGenericName(std::string_view name) {
  static constexpr std::string_view kGeneric[] = {
      "下記", "上記", "以下", "取引", "お取引", "取引先", "振込先", "お振込先", "各",  "同",
      "他",   "別",   "新",   "旧",   "新しい", "ネット", "どの",   "その",     "この"};
  for (std::string_view g : kGeneric) {
    if (name == g) return true;
  }
  return name.ends_with("指定");
}

// The nearest "<name><suffix>" in the window, e.g. "八雲銀行"; labels like "銀行名" excluded.
std::string NearestNamed(const ScanText& t, Window w, std::size_t anchor,
                         std::initializer_list<std::string_view> suffixes) {
  const std::string_view s = t.text();
  std::string best;
  std::size_t best_d = SIZE_MAX;
  for (std::string_view suf : suffixes) {
    std::size_t p = w.begin;
    while ((p = FindBytes(s, suf, p)) != std::string_view::npos && p < w.end) {
      const std::size_t e = p + suf.size();
      const std::string_view next = s.substr(e, 6);
      if (next.starts_with("名") || next.starts_with("番号") || next.starts_with("コード")) {
        p = e;
        continue;
      }
      const std::size_t b = NameStart(s, p, w.begin);
      const std::string_view name = s.substr(b, p - b);
      if (!name.empty() && !IsGenericName(name) && Distance(p, anchor) < best_d) {
        best_d = Distance(p, anchor);
        best = std::string(s.substr(b, e - b));
      }
      p = e;
    }
  }
  return best;
}

std::string NearestType(const ScanText& t, Window w, std::size_t anchor) {
  const std::string_view s = t.text();
  std::string best;
  std::size_t best_d = SIZE_MAX;
  for (std::string_view type : {"普通", "当座", "貯蓄"}) {
    std::size_t p = w.begin;
    while ((p = FindBytes(s, type, p)) != std::string_view::npos && p < w.end) {
      if (Distance(p, anchor) < best_d) {
        best_d = Distance(p, anchor);
        best = std::string(type);
      }
      p += type.size();
    }
  }
  return best;
}

std::string BranchNumber(const ScanText& t, Window w, std::size_t anchor) {
  std::vector<std::size_t> labels;
  for (std::string_view l : {"支店番号", "店番号", "店番", "支店コード"}) t.FindLabel(l, &labels);
  std::string best;
  std::size_t best_d = SIZE_MAX;
  for (std::size_t l : labels) {
    if (l < w.begin || l >= w.end) continue;
    DigitRun run;
    if (t.NextDigitRun(l, 24, 3, 3, false, &run) && Distance(l, anchor) < best_d) {
      best_d = Distance(l, anchor);
      best = run.digits;
    }
  }
  return best;
}

// "すみれ支店(店番 524)" -> "すみれ支店": the name only, so later mentions compare equal.
std::string CutLabelledName(std::string_view v, bool cut_at_space) {
  std::size_t e = v.find('(');
  if (cut_at_space) e = std::min(e, v.find(' '));
  v = v.substr(0, std::min(e, v.size()));
  while (!v.empty() && IsBlank(v.back())) v.remove_suffix(1);
  return std::string(v);
}

// The leading katakana name of the rest of a one-line detail ("カ）ヤクモセイコウ"), empty when
// the line goes on with prose ("です。").
std::string KanaName(std::string_view rest) {
  std::size_t p = 0;
  std::size_t end = 0;
  int kana = 0;
  while (p < rest.size()) {
    const std::size_t len = text::Utf8SequenceLength(rest, p);
    if (len == 0) break;
    const char32_t cp = text::DecodeUtf8At(rest, p, len);
    const bool is_kana = (cp >= 0x30A0 && cp <= 0x30FF) || (cp >= 0xFF65 && cp <= 0xFF9F);
    if (!is_kana && cp != '(' && cp != ')' && cp != ' ' && cp != '.') break;
    kana += is_kana ? 1 : 0;
    p += len;
    if (cp != ' ') end = p;
  }
  return kana >= 2 ? std::string(rest.substr(0, end)) : std::string();
}

// Account numbers: after "口座番号", or right after a deposit type ("普通 1234567").
std::vector<DigitRun> AccountAnchors(const ScanText& t) {
  std::vector<DigitRun> runs;
  std::vector<std::size_t> labels;
  const std::string_view s = t.text();
  t.FindLabel("口座番号", &labels);
  // A bare "番号：" field counts only at the start of a line, as in a 種別/番号/名義 block.
  std::vector<std::size_t> bare;
  t.FindLabel("番号", &bare);
  for (std::size_t l : bare) {
    std::size_t p = l;
    while (p > 0 && IsBlank(s[p - 1])) --p;
    if (p == 0 || s[p - 1] == '\n') labels.push_back(l);
  }
  for (std::size_t l : labels) {
    DigitRun run;
    if (t.NextDigitRun(l, 32, 6, 8, false, &run)) runs.push_back(std::move(run));
  }
  for (std::string_view type : {"普通", "当座", "貯蓄"}) {
    std::vector<std::size_t> starts;
    t.FindLabel(type, &starts);
    for (std::size_t p : starts) {
      p += type.size();
      std::size_t q = p;
      const std::size_t limit = q + 24 < s.size() ? q + 24 : s.size();
      while (q < limit) {
        if (s.substr(q).starts_with("預金") || s.substr(q).starts_with("口座")) {
          q += 6;
        } else if (IsBlank(s[q]) || s[q] == ':' || s[q] == ')' || s[q] == '/') {
          ++q;
        } else {
          break;
        }
      }
      if (q >= s.size() || !IsDigit(s[q])) continue;
      DigitRun run = t.ReadDigits(q, false);
      const bool bounded = run.end >= s.size() || !IsAsciiAlnum(s[run.end]);
      if (bounded && run.digits.size() >= 6 && run.digits.size() <= 8) {
        runs.push_back(std::move(run));
      }
    }
  }
  return runs;
}

}  // namespace

void FindJapanAccounts(const ScanText& t, const std::vector<LabelledValue>& holders,
                       const std::vector<LabelledValue>& banks, std::vector<Found>* out) {
  const std::vector<DigitRun> anchors = AccountAnchors(t);
  std::vector<std::size_t> done;
  for (const DigitRun& num : anchors) {
    bool seen = false;
    for (std::size_t d : done) seen = seen || d == num.begin;
    if (seen) continue;
    done.push_back(num.begin);

    const Window w{num.begin > kBefore ? num.begin - kBefore : 0,
                   num.end + kAfter < t.size() ? num.end + kAfter : t.size()};
    std::string bank;
    if (const LabelledValue* b = Nearest(banks, num.begin, kBefore)) bank = b->value;
    if (bank.empty()) {
      bank = NearestNamed(t, w, num.begin, {"銀行", "信用金庫", "信用組合", "労働金庫", "信金"});
    }
    std::vector<std::size_t> branch_labels;
    t.FindLabel("支店名", &branch_labels);
    std::string branch;
    for (std::size_t l : branch_labels) {
      if (l >= w.begin && l < w.end)
        branch = CutLabelledName(t.ValueAfter(l + std::string_view("支店名").size(), 60), true);
    }
    if (branch.empty()) branch = NearestNamed(t, w, num.begin, {"支店", "営業部", "出張所"});
    if (branch.empty()) branch = BranchNumber(t, w, num.begin);
    const std::string type = NearestType(t, w, num.begin);
    if (!bank.empty()) bank = CutLabelledName(bank, false);
    // An English "Bank:" line near a 口座番号 is not a Japanese account by itself.
    const bool japanese_bank = std::any_of(
        bank.begin(), bank.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (!japanese_bank && branch.empty() && type.empty()) continue;

    Found f;
    f.detail.kind = DetailKind::kJapanBankAccount;
    f.detail.value = Nfkc(bank) + "|" + Nfkc(branch) + "|" + type + "|" + num.digits;
    f.detail.bank_name = Nfkc(bank);
    if (const LabelledValue* h = Nearest(holders, num.begin, kBefore)) {
      f.detail.holder = h->value;
    } else {
      // One-line form: the holder follows the number on the same line.
      const std::string rest = KanaName(t.ValueAfter(num.end, 96));
      if (!rest.empty()) f.detail.holder = Nfkc(rest);
    }
    f.pos = num.begin;
    f.owned_begin = num.begin;
    f.owned_end = num.end;
    out->push_back(std::move(f));
  }
}

}  // namespace becguard::payment
