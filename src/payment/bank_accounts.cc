// US ABA routing + account, UK sort code + account, generic "account number" phrasing, and the
// holder / bank-name labels shared by all detail kinds.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <string_view>

#include "payment/extractors.h"
#include "payment/payment_details.h"

namespace becguard::payment {
namespace {

constexpr std::size_t kAccountSearchRadius = 240;

std::size_t Distance(std::size_t a, std::size_t b) { return a > b ? a - b : b - a; }

// The account number (min..max digits) after an "account"-like label nearest to `anchor`,
// skipping the digits in [skip_begin, skip_end).
bool NearestLabelledAccount(const ScanText& t, std::size_t anchor, std::size_t min_digits,
                            std::size_t max_digits, std::size_t skip_begin, std::size_t skip_end,
                            DigitRun* out) {
  std::vector<std::size_t> labels;
  t.FindLabel("account", &labels);
  t.FindLabel("acct", &labels);
  t.FindLabel("a/c", &labels);
  bool found = false;
  std::size_t best = 0;
  for (std::size_t label : labels) {
    if (Distance(label, anchor) > kAccountSearchRadius) continue;
    DigitRun run;
    if (!t.NextDigitRun(label, 40, min_digits, max_digits, false, &run)) continue;
    if (run.begin < skip_end && run.end > skip_begin) continue;
    const std::size_t d = Distance(run.begin, anchor);
    if (!found || d < best) {
      found = true;
      best = d;
      *out = std::move(run);
    }
  }
  return found;
}

bool Overlaps(const std::vector<Found>& found, std::size_t b, std::size_t e) {
  for (const Found& f : found) {
    if (f.owned_end > f.owned_begin && b < f.owned_end && e > f.owned_begin) return true;
  }
  return false;
}

// "Account number: 1234" but not "account number, call 0120-123-456": between the label and
// the digits only label words, "is" and punctuation (or a Japanese particle) may stand.
bool DirectlyAfterLabel(std::string_view gap) {
  std::size_t non_ascii = 0;
  for (std::size_t p = 0; p < gap.size();) {
    const char c = gap[p];
    if (IsDigit(c)) return false;
    if (static_cast<unsigned char>(c) >= 0x80) {
      ++non_ascii;
      ++p;
      continue;
    }
    if (!IsAsciiLetter(c)) {
      ++p;
      continue;
    }
    std::size_t e = p;
    std::string word;
    while (e < gap.size() && IsAsciiLetter(gap[e])) word.push_back(ToLower(gap[e++]));
    if (word != "account" && word != "acct" && word != "number" && word != "no" && word != "nr" &&
        word != "a" && word != "c" && word != "is") {
      return false;
    }
    p = e;
  }
  return non_ascii <= 18;  // "口座番号" plus a particle or two
}

// Whether an English label is used as one ("Beneficiary: X", "Account name<TAB>X", table
// columns) rather than in prose ("the beneficiary name does not change").
bool IntroducesValue(const ScanText& t, std::string_view label, std::size_t end) {
  if (static_cast<unsigned char>(label.front()) >= 0x80) return true;
  const std::string_view s = t.text();
  std::size_t p = end;
  int spaces = 0;
  bool tab = false;
  while (p < s.size() && IsBlank(s[p])) {
    tab = tab || s[p] == '\t';
    ++spaces;
    ++p;
  }
  if (p >= s.size() || s[p] == '\n') return false;
  if (s[p] == ':' || s[p] == '-' || s[p] == '=') return true;
  return tab || spaces >= 2;
}

// A sort code after the label: NN-NN-NN, NN NN NN or NNNNNN.
bool ReadSortCode(const ScanText& t, std::size_t label, DigitRun* out) {
  const std::string_view s = t.text();
  const std::size_t limit = std::min(label + 40, s.size());
  for (std::size_t p = label; p < limit; ++p) {
    if (!IsDigit(s[p]) || (p > 0 && IsAsciiAlnum(s[p - 1]))) continue;
    DigitRun run;
    run.begin = p;
    std::size_t q = p;
    const bool spaced = q + 2 < s.size() && (s[q + 2] == '-' || s[q + 2] == ' ');
    for (int pair = 0; pair < 3; ++pair) {
      if (pair > 0 && spaced) {
        if (q >= s.size() || (s[q] != '-' && s[q] != ' ')) break;
        ++q;
      }
      if (q + 1 >= s.size() || !IsDigit(s[q]) || !IsDigit(s[q + 1])) break;
      run.digits.append(s.substr(q, 2));
      q += 2;
    }
    if (run.digits.size() == 6 && (q >= s.size() || !IsAsciiAlnum(s[q]))) {
      run.end = q;
      *out = std::move(run);
      return true;
    }
    return false;  // the first number after the label is not a sort code
  }
  return false;
}

}  // namespace

bool IsValidAbaRouting(std::string_view digits) {
  if (digits.size() != 9) return false;
  static constexpr int kWeights[3] = {3, 7, 1};
  int sum = 0;
  for (std::size_t i = 0; i < 9; ++i) {
    if (!IsDigit(digits[i])) return false;
    sum += (digits[i] - '0') * kWeights[i % 3];
  }
  return sum != 0 && sum % 10 == 0;
}

void FindUsRouting(const ScanText& t, std::vector<Found>* out) {
  std::vector<std::size_t> labels;
  for (std::string_view l : {"routing", "aba", "rtn", "ach"}) t.FindLabel(l, &labels);
  for (std::size_t label : labels) {
    DigitRun routing;
    if (!t.NextDigitRun(label, 48, 9, 9, false, &routing)) continue;
    if (!IsValidAbaRouting(routing.digits)) continue;
    DigitRun account;
    if (!NearestLabelledAccount(t, routing.begin, 4, 17, routing.begin, routing.end, &account)) {
      continue;
    }
    Found f;
    f.detail.kind = DetailKind::kUsRoutingAccount;
    f.detail.value = routing.digits + ":" + account.digits;
    f.pos = routing.begin < account.begin ? routing.begin : account.begin;
    f.owned_begin = account.begin;
    f.owned_end = account.end;
    out->push_back(std::move(f));
  }
}

void FindUkSortCodes(const ScanText& t, std::vector<Found>* out) {
  std::vector<std::size_t> labels;
  for (std::string_view l : {"sort code", "sort-code", "sortcode"}) t.FindLabel(l, &labels);
  for (std::size_t label : labels) {
    DigitRun sort;
    if (!ReadSortCode(t, label, &sort)) continue;
    DigitRun account;
    if (!NearestLabelledAccount(t, sort.begin, 8, 8, sort.begin, sort.end, &account) &&
        !t.NextDigitRun(sort.end, 64, 8, 8, false, &account)) {
      continue;
    }
    Found f;
    f.detail.kind = DetailKind::kUkSortCodeAccount;
    f.detail.value = sort.digits + ":" + account.digits;
    f.pos = sort.begin < account.begin ? sort.begin : account.begin;
    f.owned_begin = account.begin;
    f.owned_end = account.end;
    out->push_back(std::move(f));
  }
}

void FindGenericAccounts(const ScanText& t, std::vector<Found>* out) {
  std::vector<std::size_t> labels;
  for (std::string_view l :
       {"account number", "account no", "account nr", "account #", "acct no", "acct. no",
        "acct number", "acct #", "a/c no", "a/c number", "口座番号"}) {
    t.FindLabel(l, &labels);
  }
  for (std::size_t label : labels) {
    DigitRun run;
    if (!t.NextDigitRun(label, 32, 6, 20, true, &run)) continue;
    if (!DirectlyAfterLabel(t.text().substr(label, run.begin - label)) ||
        Overlaps(*out, run.begin, run.end)) {
      continue;
    }
    Found f;
    f.detail.kind = DetailKind::kAccountNumber;
    f.detail.value = run.digits;
    f.pos = run.begin;
    f.owned_begin = run.begin;
    f.owned_end = run.end;
    out->push_back(std::move(f));
  }
}

std::vector<LabelledValue> FindHolders(const ScanText& t) {
  std::vector<LabelledValue> values;
  static constexpr std::string_view kLabels[] = {
      "account name", "account holder",  "beneficiary name", "beneficiary",
      "payee name",   "name on account", "口座名義人",       "口座名義",
      "名義人",       "受取人名",        "受取人",           "名義"};
  for (std::string_view l : kLabels) {
    std::vector<std::size_t> starts;
    t.FindLabel(l, &starts);
    for (std::size_t s : starts) {
      if (!IntroducesValue(t, l, s + l.size())) continue;
      std::string v = t.ValueAfter(s + l.size(), 96);
      if (l == "beneficiary") {
        // "Beneficiary bank:" / "Beneficiary account:" are other labels.
        std::size_t r = s + l.size();
        while (r < t.size() && IsBlank(t.text()[r])) ++r;
        std::string next(t.text().substr(r, 7));
        for (char& c : next) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (next.starts_with("bank") || next.starts_with("account") ||
            next.starts_with("address")) {
          continue;
        }
      }
      // "口座名義人" also contains "口座名義" and "名義人"; keep the first reading only.
      bool dup = false;
      for (const LabelledValue& e : values) {
        if (s >= e.pos && s < e.pos + 16) dup = true;
        if (e.pos >= s && e.pos < s + l.size()) dup = true;
      }
      if (dup || v.empty()) continue;
      if (v.starts_with("人")) continue;
      values.push_back({s, Nfkc(v)});
    }
  }
  return values;
}

std::vector<LabelledValue> FindBankNames(const ScanText& t) {
  std::vector<LabelledValue> values;
  static constexpr std::string_view kLabels[] = {"bank name", "beneficiary bank", "bank", "銀行名",
                                                 "金融機関名"};
  for (std::string_view l : kLabels) {
    std::vector<std::size_t> starts;
    t.FindLabel(l, &starts);
    for (std::size_t s : starts) {
      std::size_t e = s + l.size();
      if (l == "bank") {
        // Only "Bank:" — "bank" alone is ordinary prose.
        while (e < t.size() && IsBlank(t.text()[e])) ++e;
        if (e >= t.size() || t.text()[e] != ':') continue;
      }
      bool dup = false;
      for (const LabelledValue& v : values) {
        if (s >= v.pos && s < v.pos + 20) dup = true;
      }
      if (dup || !IntroducesValue(t, l, e)) continue;
      std::string v = t.ValueAfter(e, 96);
      if (!v.empty()) values.push_back({s, Nfkc(v)});
    }
  }
  return values;
}

}  // namespace becguard::payment
