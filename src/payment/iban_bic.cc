// IBAN (ISO 13616) and SWIFT/BIC (ISO 9362) recognition.
#include <array>
#include <string>
#include <string_view>

#include "payment/extractors.h"
#include "payment/payment_details.h"

namespace becguard::payment {
namespace {

struct IbanCountry {
  char code[3];
  int length;
};

// SWIFT IBAN registry lengths (release 2024).
constexpr IbanCountry kIbanCountries[] = {
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
    {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24},
    {"DE", 22}, {"DJ", 27}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18},
    {"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27},
    {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27},
    {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20},
    {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MN", 20}, {"MR", 27},
    {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24}, {"PL", 28},
    {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24}, {"SC", 31},
    {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"SO", 23}, {"ST", 25}, {"SV", 28},
    {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20},
};

// ISO 3166-1 alpha-2 codes (plus XK, which SWIFT uses), for the BIC country field.
constexpr std::string_view kIsoCountries =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ "
    "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM "
    "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS "
    "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
    "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
    "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
    "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
    "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
    "VN VU WF WS XK YE YT ZA ZM ZW";

// A 26x26 lookup built once from the tables above.
struct CountryTables {
  std::array<unsigned char, 26 * 26> iban_length{};
  std::array<bool, 26 * 26> iso{};
  CountryTables() {
    for (const IbanCountry& c : kIbanCountries) {
      iban_length[(c.code[0] - 'A') * 26 + (c.code[1] - 'A')] =
          static_cast<unsigned char>(c.length);
    }
    for (std::size_t i = 0; i + 1 < kIsoCountries.size(); i += 3) {
      iso[(kIsoCountries[i] - 'A') * 26 + (kIsoCountries[i + 1] - 'A')] = true;
    }
  }
};

const CountryTables& Tables() {
  static const CountryTables tables;
  return tables;
}

// ISO 7064 mod 97-10 over the rearranged IBAN; `iban` is upper-case alnum only.
bool Mod97Ok(std::string_view iban) {
  int r = 0;
  auto feed = [&r](char c) {
    if (IsDigit(c)) {
      r = (r * 10 + (c - '0')) % 97;
    } else {
      r = (r * 100 + (c - 'A' + 10)) % 97;
    }
  };
  for (std::size_t i = 4; i < iban.size(); ++i) feed(iban[i]);
  for (std::size_t i = 0; i < 4; ++i) feed(iban[i]);
  return r == 1;
}

bool CanonicalIbanOk(std::string_view v) {
  if (v.size() < 5 || !IsUpper(v[0]) || !IsUpper(v[1]) || !IsDigit(v[2]) || !IsDigit(v[3])) {
    return false;
  }
  if (IbanLengthFor(v[0], v[1]) != static_cast<int>(v.size())) return false;
  for (char c : v) {
    if (!IsDigit(c) && !IsUpper(c)) return false;
  }
  return Mod97Ok(v);
}

}  // namespace

int IbanLengthFor(char c0, char c1) {
  if (!IsUpper(c0) || !IsUpper(c1)) return 0;
  return Tables().iban_length[(c0 - 'A') * 26 + (c1 - 'A')];
}

bool IsIsoCountry(char c0, char c1) {
  if (!IsUpper(c0) || !IsUpper(c1)) return false;
  return Tables().iso[(c0 - 'A') * 26 + (c1 - 'A')];
}

bool IsBic(std::string_view t) {
  if (t.size() != 8 && t.size() != 11) return false;
  for (std::size_t i = 0; i < 6; ++i) {
    if (!IsUpper(t[i])) return false;
  }
  for (std::size_t i = 6; i < t.size(); ++i) {
    if (!IsUpper(t[i]) && !IsDigit(t[i])) return false;
  }
  return IsIsoCountry(t[4], t[5]);
}

bool IsValidIban(std::string_view iban) {
  std::string v;
  v.reserve(iban.size());
  for (char c : iban) {
    if (c == ' ') continue;
    v.push_back(ToUpper(c));
  }
  return CanonicalIbanOk(v);
}

void FindIbans(const ScanText& t, std::vector<Found>* out) {
  const std::string_view s = t.text();
  const std::size_t n = s.size();
  std::string v;
  for (std::size_t i = 0; i + 4 < n; ++i) {
    if (!IsUpper(s[i]) || !IsUpper(s[i + 1]) || !IsDigit(s[i + 2]) || !IsDigit(s[i + 3])) {
      continue;
    }
    if (i > 0 && IsAsciiAlnum(s[i - 1])) continue;
    const int len = IbanLengthFor(s[i], s[i + 1]);
    if (len == 0) continue;
    // Groups may be split by spaces, hyphens or a line break (PDF text); the country length
    // says where the IBAN ends.
    v.assign(s.substr(i, 4));
    std::size_t j = i + 4;
    std::size_t last = j;
    while (static_cast<int>(v.size()) < len && j < n) {
      if (IsAsciiAlnum(s[j])) {
        v.push_back(ToUpper(s[j]));
        last = ++j;
        continue;
      }
      std::size_t k = j;
      while (k < n && k - j < 4 && (IsBlank(s[k]) || s[k] == '\n' || s[k] == '-')) ++k;
      if (k == j || k >= n || !IsAsciiAlnum(s[k])) break;
      j = k;
    }
    if (static_cast<int>(v.size()) != len) continue;
    if (last < n && IsAsciiAlnum(s[last])) continue;
    if (!CanonicalIbanOk(v)) continue;
    Found f;
    f.detail.kind = DetailKind::kIban;
    f.detail.value = v;
    f.pos = i;
    f.owned_begin = i;
    f.owned_end = last;
    out->push_back(std::move(f));
    i = last - 1;
  }
}

void FindBics(const ScanText& t, std::vector<Found>* out) {
  std::vector<std::size_t> labels;
  t.FindLabel("swift", &labels);
  t.FindLabel("bic", &labels);
  const std::string_view s = t.text();
  for (std::size_t label : labels) {
    const std::size_t limit = label + 64 < s.size() ? label + 64 : s.size();
    std::size_t p = label;
    while (p < limit) {
      if (!IsAsciiAlnum(s[p])) {
        ++p;
        continue;
      }
      std::size_t e = p;
      while (e < s.size() && IsAsciiAlnum(s[e])) ++e;
      const std::string_view token = s.substr(p, e - p);
      if (IsBic(token)) {
        Found f;
        f.detail.kind = DetailKind::kSwiftBic;
        f.detail.value = std::string(token);
        f.pos = p;
        out->push_back(std::move(f));
        break;
      }
      p = e;
    }
  }
}

}  // namespace becguard::payment
