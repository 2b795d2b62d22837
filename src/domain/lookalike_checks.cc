#include "domain/lookalike_checks.h"

#include <idn2.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <iterator>

#include "domain/confusables.h"
#include "domain/edit_distance.h"
#include "text/normalize.h"

namespace becguard::domain::internal {
namespace {

enum Rank : int {
  kHomoglyph = 0,
  kConfusable,
  kTldSwap,
  kSuffixFolding,
  kHyphen,
  kSubdomain,
  kOneEdit,
  kExtraWord,
  kMoreEdits,
  kFoldedEdits,
};

// Words glued to a brand without a hyphen ("halberdsecbilling"); with a hyphen any word
// counts, since "brand-anything" under another owner is already odd.
constexpr std::string_view kExtraWords[] = {
    "account",  "accounting", "accounts", "admin",    "ap",       "app",      "ar",     "bank",
    "billing",  "ceo",        "cfo",      "co",       "corp",     "dept",     "docs",   "email",
    "finance",  "global",     "group",    "help",     "helpdesk", "holdings", "hq",     "hr",
    "inc",      "info",       "intl",     "invoice",  "invoices", "it",       "jp",     "legal",
    "llc",      "login",      "ltd",      "mail",     "my",       "net",      "news",   "office",
    "official", "online",     "pay",      "payment",  "payments", "payroll",  "portal", "remit",
    "secure",   "security",   "service",  "services", "sign",     "support",  "team",   "the",
    "transfer", "treasury",   "uk",       "us",       "verify",   "web",      "www",    "ir",
};

bool IsExtraWord(std::string_view word) {
  return std::find(std::begin(kExtraWords), std::end(kExtraWords), word) != std::end(kExtraWords);
}

bool IsLabelChars(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool EqualIgnoringHyphens(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (true) {
    while (i < a.size() && a[i] == '-') ++i;
    while (j < b.size() && b[j] == '-') ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (a[i++] != b[j++]) return false;
  }
}

int CountHyphens(std::string_view s) {
  return static_cast<int>(std::count(s.begin(), s.end(), '-'));
}

std::string TldSwapName(const ProtectedDomain& p, const Candidate& c) {
  return "TLD swap (." + p.suffix + " → ." + std::string(c.suffix) + ")";
}

// Appends the TLD change to techniques that compare labels only.
std::string WithTld(std::string name, const ProtectedDomain& p, const Candidate& c) {
  if (c.suffix != p.suffix) name += " + " + TldSwapName(p, c);
  return name;
}

void AppendName(std::string& out, std::string_view name) {
  if (out.find(name) != std::string::npos) return;
  if (!out.empty()) out += " + ";
  out += name;
}

std::string EditNames(std::string_view lookalike, std::string_view original) {
  std::string out;
  for (const Edit& edit : EditScript(lookalike, original)) {
    switch (edit.kind) {
      case EditKind::kInsert:
        AppendName(out, edit.lookalike_char == '-' ? "hyphen added" : "added letter");
        break;
      case EditKind::kDelete:
        AppendName(out, edit.original_char == '-' ? "hyphen removed" : "removed letter");
        break;
      case EditKind::kSubstitute: {
        const bool digit = edit.lookalike_char >= '0' && edit.lookalike_char <= '9';
        const bool letter = edit.original_char >= 'a' && edit.original_char <= 'z';
        if (digit && letter) {
          AppendName(out, std::string("digit for letter (") + edit.lookalike_char + "→" +
                              edit.original_char + ")");
        } else {
          AppendName(out, "changed letter");
        }
        break;
      }
      case EditKind::kTranspose:
        AppendName(out, "swapped letters");
        break;
    }
  }
  return out;
}

// "kestrelmarine-sg" for "kestrelmarine" + "com.sg": the remainder, hyphens dropped, spells a
// contiguous run of the protected suffix's labels.
bool IsFoldedSuffix(std::string_view rest, const std::vector<std::string>& suffix_labels) {
  std::string joined;
  for (char c : rest) {
    if (c != '-') joined.push_back(c);
  }
  if (joined.empty()) return false;
  for (std::size_t first = 0; first < suffix_labels.size(); ++first) {
    std::string run;
    for (std::size_t last = first; last < suffix_labels.size(); ++last) {
      run += suffix_labels[last];
      if (run == joined) return true;
      if (run.size() >= joined.size()) break;
    }
  }
  return false;
}

std::optional<Technique> SuffixFolding(const ProtectedDomain& p, const Candidate& c) {
  if (c.label.size() <= p.label.size() || !c.label.starts_with(p.label)) return std::nullopt;
  const std::string_view rest = c.label.substr(p.label.size());
  if (!IsFoldedSuffix(rest, p.suffix_labels)) return std::nullopt;
  return Technique{kSuffixFolding,
                   "suffix folding (." + p.suffix + " → " + std::string(rest) + "." +
                       std::string(c.suffix) + ")",
                   0};
}

// The protected domain as whole labels inside the subdomain part of the host:
// "kestrelmarine.com.sg.remit-desk.com", "harwelldynamics.com-secure.net".
std::optional<Technique> Subdomain(const ProtectedDomain& p, const Candidate& c) {
  const std::size_t registrable_start = c.host.size() - c.domain.size();
  if (registrable_start == 0) return std::nullopt;
  for (std::size_t pos = c.host.find(p.domain);
       pos != std::string_view::npos && pos < registrable_start;
       pos = c.host.find(p.domain, pos + 1)) {
    if (pos > 0 && c.host[pos - 1] != '.') continue;
    const std::size_t end = pos + p.domain.size();
    if (end >= c.host.size()) continue;
    if (c.host[end] == '.') return Technique{kSubdomain, "protected domain used as subdomain", 0};
    if (c.host[end] == '-') {
      return Technique{kSubdomain, "protected domain embedded in host name", 0};
    }
  }
  return std::nullopt;
}

std::optional<Technique> ExtraWord(const ProtectedDomain& p, const Candidate& c) {
  if (c.label.size() <= p.label.size()) return std::nullopt;
  const std::size_t extra = c.label.size() - p.label.size();
  if (c.label.starts_with(p.label)) {
    const std::string_view rest = c.label.substr(p.label.size());
    const bool hyphenated = rest.front() == '-' && extra >= 3 && IsLabelChars(rest);
    if (hyphenated || IsExtraWord(rest)) {
      return Technique{kExtraWord, "extra word (" + std::string(rest) + ")", 0};
    }
  }
  if (c.label.ends_with(p.label)) {
    const std::string_view rest = c.label.substr(0, extra);
    const bool hyphenated = rest.back() == '-' && extra >= 3 && IsLabelChars(rest);
    if (hyphenated || IsExtraWord(rest)) {
      return Technique{kExtraWord, "extra word (" + std::string(rest) + ")", 0};
    }
  }
  return std::nullopt;
}

// Whether the character sets alone already put the two strings more than max_distance apart.
bool TooManyMissingChars(std::uint64_t a, std::uint64_t b, int max_distance) {
  return std::popcount(a & ~b) > max_distance || std::popcount(b & ~a) > max_distance;
}

}  // namespace

std::uint64_t CharSet(std::string_view s) {
  std::uint64_t set = 0;
  for (char c : s) {
    int bit = 63;
    if (c >= 'a' && c <= 'z')
      bit = c - 'a';
    else if (c >= '0' && c <= '9')
      bit = 26 + (c - '0');
    else if (c == '-')
      bit = 36;
    set |= std::uint64_t{1} << bit;
  }
  return set;
}

std::string LabelKey(std::string_view ascii_label) {
  if (!ascii_label.starts_with("xn--")) return FoldConfusables(ascii_label);
  const std::string input(ascii_label);
  char* decoded = nullptr;
  if (idn2_to_unicode_8z8z(input.c_str(), &decoded, 0) != IDN2_OK || decoded == nullptr) {
    std::free(decoded);
    return FoldConfusables(ascii_label);
  }
  std::string unicode(decoded);
  std::free(decoded);
  // The skeleton keeps ASCII case distinctions ("0" → "O"); FoldConfusables lowers them.
  return FoldConfusables(text::Skeleton(unicode));
}

std::optional<Technique> Compare(const ProtectedDomain& p, const Candidate& c,
                                 const LookalikeOptions& options) {
  if (c.label == p.label) return Technique{kTldSwap, TldSwapName(p, c), 0};
  if (c.key == p.key) {
    if (c.idn) return Technique{kHomoglyph, WithTld("homoglyph (IDN)", p, c), 0};
    std::string name = DescribeConfusables(c.label, p.label);
    if (name.empty()) name = "lookalike characters";
    const int distance =
        BoundedOsaDistance(c.label, p.label, static_cast<int>(c.label.size() + p.label.size()));
    return Technique{kConfusable, WithTld(std::move(name), p, c), distance};
  }
  // Short labels ("abc") are one edit away from countless unrelated names.
  if (p.label.size() < options.min_fuzzy_label_length) return Subdomain(p, c);

  if (auto folded = SuffixFolding(p, c)) return folded;
  if (!c.idn && EqualIgnoringHyphens(c.label, p.label)) {
    const int added = CountHyphens(c.label) - CountHyphens(p.label);
    const char* name = added > 0 ? "hyphen added" : added < 0 ? "hyphen removed" : "hyphen moved";
    const int distance =
        BoundedOsaDistance(c.label, p.label, static_cast<int>(c.label.size() + p.label.size()));
    return Technique{kHyphen, WithTld(name, p, c), distance};
  }
  if (auto subdomain = Subdomain(p, c)) return subdomain;

  const bool long_label = p.label.size() >= options.long_label_length;
  int max_distance = long_label ? options.max_distance_long : options.max_distance;
  // A misspelling under another TLD is two steps from the original; on short labels that is
  // mostly other companies ("chello.nl" vs "hello.com").
  if (c.suffix != p.suffix) max_distance = long_label ? std::min(max_distance, 1) : 0;
  // A punycode label is compared through its skeleton; its ASCII form says nothing.
  const std::string_view compared = c.idn ? std::string_view(c.key) : c.label;
  const std::string_view original = c.idn ? std::string_view(p.key) : std::string_view(p.label);
  const bool far = c.idn ? TooManyMissingChars(c.key_chars, p.key_chars, max_distance)
                         : TooManyMissingChars(c.label_chars, p.label_chars, max_distance);
  const int distance =
      far ? max_distance + 1 : BoundedOsaDistance(compared, original, max_distance);
  auto edits = [&](int rank) {
    std::string name = EditNames(compared, original);
    if (c.idn) name = "homoglyph (IDN) + " + name;
    return Technique{rank, WithTld(std::move(name), p, c), distance};
  };
  if (distance == 1 && max_distance >= 1) return edits(kOneEdit);
  if (p.label.size() >= options.min_extra_word_label_length) {
    if (auto word = ExtraWord(p, c)) return word;
  }
  if (distance <= max_distance) return edits(kMoreEdits);
  if (c.idn) return std::nullopt;
  // Look-alike characters plus an edit ("harwe11dynamicss").
  if (TooManyMissingChars(c.key_chars, p.key_chars, max_distance)) return std::nullopt;
  const int folded_distance = BoundedOsaDistance(c.key, p.key, max_distance);
  if (folded_distance <= max_distance) {
    return Technique{
        kFoldedEdits, WithTld("lookalike characters + " + EditNames(c.key, p.key), p, c),
        BoundedOsaDistance(c.label, p.label, static_cast<int>(c.label.size() + p.label.size()))};
  }
  return std::nullopt;
}

}  // namespace becguard::domain::internal
