#include "mime/quote_split.h"

#include <initializer_list>
#include <vector>
#include "core/ascii.h"

namespace becguard::mime {
namespace {

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000
constexpr std::string_view kFullwidthColon = "\xEF\xBC\x9A";    // U+FF1A
constexpr std::string_view kFullwidthGt = "\xEF\xBC\x9E";       // U+FF1E

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[i]) != prefix[i]) return false;
  }
  return true;
}

bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         StartsWithIgnoreCase(s.substr(s.size() - suffix.size()), suffix);
}

bool ContainsIgnoreCase(std::string_view s, std::string_view needle) {
  if (needle.size() > s.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= s.size(); ++i) {
    if (StartsWithIgnoreCase(s.substr(i), needle)) return true;
  }
  return false;
}

// Leading/trailing blanks (incl. U+3000) and the '*' that bold HTML labels become.
std::string_view Strip(std::string_view s) {
  for (;;) {
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '*')) {
      s.remove_prefix(1);
    } else if (s.starts_with(kIdeographicSpace)) {
      s.remove_prefix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() &&
        (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '*')) {
      s.remove_suffix(1);
    } else if (s.ends_with(kIdeographicSpace)) {
      s.remove_suffix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  return s;
}

// "Label:" / "Label :" / "Label：" at the start of a line (ASCII labels case-insensitive).
bool HasLabel(std::string_view line, std::initializer_list<std::string_view> labels) {
  for (std::string_view label : labels) {
    if (!StartsWithIgnoreCase(line, label)) continue;
    std::string_view rest = line.substr(label.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.starts_with(':') || rest.starts_with(kFullwidthColon)) return true;
  }
  return false;
}

bool IsFromLabel(std::string_view l) {
  return HasLabel(l, {"from", "差出人", "送信者", "de", "von", "van", "da"});
}
bool IsDateLabel(std::string_view l) {
  return HasLabel(l, {"sent", "date", "送信日時", "日付", "送信日", "日時", "envoyé", "gesendet",
                      "enviado", "datum"});
}
bool IsToOrSubjectLabel(std::string_view l) {
  return HasLabel(l, {"to", "subject", "cc", "宛先", "件名", "cc", "objet", "betreff", "asunto",
                      "para", "à", "an", "assunto"});
}

bool EndsWithColon(std::string_view l) { return l.ends_with(':') || l.ends_with(kFullwidthColon); }

bool IsAttributionEnd(std::string_view l) {
  return EndsWithIgnoreCase(l, "wrote:") || EndsWithIgnoreCase(l, "a écrit :") ||
         EndsWithIgnoreCase(l, "a écrit:") || EndsWithIgnoreCase(l, "schrieb:") ||
         EndsWithIgnoreCase(l, "escribió:") || EndsWithIgnoreCase(l, "escreveu:") ||
         l.ends_with("書きました:") || l.ends_with("書きました：") || l.ends_with("書きました。") ||
         l.ends_with("書きました");
}

// "2024年3月1日(金) 10:00 山田 <x@y>:" (Gmail ja) and similar dated attribution lines.
bool IsJapaneseAttribution(std::string_view l) {
  if (l.empty() || l.front() < '0' || l.front() > '9') return false;
  return l.find("年") != std::string_view::npos && l.find("月") != std::string_view::npos &&
         EndsWithColon(l) && (l.find('@') != std::string_view::npos || l.find("さん") != l.npos);
}

// "... 02/08/2001 09:08:18 AM": the date line of a Lotus Notes reply header.
bool LooksDated(std::string_view l) {
  const std::string_view tail = l.substr(l.size() > 9 ? l.size() - 9 : 0);
  if (!ContainsIgnoreCase(tail, " am") && !ContainsIgnoreCase(tail, " pm")) return false;
  for (std::size_t i = 1; i + 1 < l.size(); ++i) {
    if (l[i] == '/' && l[i - 1] >= '0' && l[i - 1] <= '9' && l[i + 1] >= '0' && l[i + 1] <= '9') {
      return true;
    }
  }
  return false;
}

bool IsToLabel(std::string_view l) { return HasLabel(l, {"to", "宛先"}); }

// A To: line among the next `window` lines.
bool ToFollows(const std::vector<std::string_view>& lines, std::size_t k, std::size_t window) {
  for (std::size_t j = k + 1; j < lines.size() && j <= k + window; ++j) {
    if (IsToLabel(Strip(lines[j]))) return true;
  }
  return false;
}

bool IsSeparator(std::string_view l) {
  if (l.size() > 300) return false;  // keeps keyword searches cheap on one-line bodies
  if (l.starts_with("____") && ContainsIgnoreCase(l, "forward")) return true;  // cc:Mail
  // GroupWise: ">>> <jane@x.example> 06/05/01 15:25 PM >>>"
  if (l.starts_with(">>>") && l.ends_with(">>>") && l.find('@') != std::string_view::npos) {
    return true;
  }
  if (l.starts_with("---") || l.starts_with("===") || l.starts_with("ーー")) {
    return ContainsIgnoreCase(l, "original message") || ContainsIgnoreCase(l, "originalmessage") ||
           ContainsIgnoreCase(l, "forwarded message") || ContainsIgnoreCase(l, "forwarded by") ||
           ContainsIgnoreCase(l, "message transféré") || l.find("元のメッセージ") != l.npos ||
           l.find("転送メッセージ") != l.npos || l.find("オリジナルメッセージ") != l.npos ||
           l.find("転送されたメッセージ") != l.npos || l.find("Original Nachricht") != l.npos ||
           ContainsIgnoreCase(l, "mensagem original") || ContainsIgnoreCase(l, "mensaje original");
  }
  return StartsWithIgnoreCase(l, "begin forwarded message") ||
         StartsWithIgnoreCase(l, "original message") ||
         StartsWithIgnoreCase(l, "forwarded message");
}

bool IsUnderscoreRule(std::string_view l) {
  return l.size() >= 30 && l.find_first_not_of('_') == std::string_view::npos;
}

std::string_view QuoteBody(std::string_view l) {
  while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
  return l;
}

bool StartsQuoted(std::string_view l) {
  l = QuoteBody(l);
  return l.starts_with('>') || l.starts_with(kFullwidthGt);
}

// A '>' line starts history only when it is part of a run of quoted lines (or ends the body),
// and is not a ">> Click here <<" button or a ">>>>>>" rule that HTML mail turns into text.
bool IsQuoteBlock(const std::vector<std::string_view>& lines, std::size_t k) {
  const std::string_view l = Strip(QuoteBody(lines[k]));
  if (l.ends_with('<') || l.ends_with("\xEF\xBC\x9C")) return false;  // "<" or U+FF1C
  if (l.size() > 3 && l.find_first_not_of(">.-=*_~ ") == std::string_view::npos) return false;
  for (std::size_t j = k + 1; j < lines.size(); ++j) {
    if (Strip(lines[j]).empty()) continue;
    return StartsQuoted(lines[j]);
  }
  return true;
}

bool IsMarker(const std::vector<std::string_view>& lines, std::size_t k) {
  const std::string_view raw = lines[k];
  std::string_view l = raw;
  while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
  if (l.starts_with('>') || l.starts_with(kFullwidthGt)) {
    return IsSeparator(Strip(l)) || IsQuoteBlock(lines, k);
  }
  l = Strip(l);
  if (l.empty()) return false;
  if (IsSeparator(l)) return true;
  if (IsUnderscoreRule(l)) {
    // Outlook's "____" rule is followed by a From: block; alone it is only decoration.
    std::size_t seen = 0;
    for (std::size_t j = k + 1; j < lines.size() && seen < 3; ++j) {
      const std::string_view h = Strip(lines[j]);
      if (h.empty()) continue;
      ++seen;
      if (IsFromLabel(h)) return true;
    }
    return false;
  }
  const std::string_view next = k + 1 < lines.size() ? Strip(lines[k + 1]) : std::string_view();
  if (StartsWithIgnoreCase(l, "on ") && l.size() < 400) {
    if (IsAttributionEnd(l)) return true;
    if (!next.empty() && next.size() < 200 && IsAttributionEnd(next)) return true;
  }
  // "At 11:10 AM 5/17/01 -0600, you wrote:", "\"Dean, Clint\" wrote:".
  if (l.size() < 200 && EndsWithIgnoreCase(l, "wrote:")) return true;
  if (l.size() < 400 &&
      (IsAttributionEnd(l) && (l.find('@') != l.npos || l.find("さん") != l.npos ||
                               StartsWithIgnoreCase(l, "le ") || StartsWithIgnoreCase(l, "am ") ||
                               StartsWithIgnoreCase(l, "el ") || StartsWithIgnoreCase(l, "em ")))) {
    return true;
  }
  if (IsJapaneseAttribution(l)) return true;
  if (l.front() >= '0' && l.front() <= '9' && !next.empty() && l.find("年") != l.npos &&
      EndsWithColon(next) && next.find('@') != next.npos && next.size() < 120) {
    return true;  // the Gmail ja attribution wrapped before the address
  }
  // Lotus Notes: "Name <addr> on 02/08/2001 09:08 AM" or "Name\n03/01/2001 10:46 AM", then To:.
  if (l.size() < 200 && LooksDated(l) && ToFollows(lines, k, 3)) return true;
  if (l.size() < 80 && l.find(':') == std::string_view::npos && !next.empty() && next.size() < 30 &&
      next.front() >= '0' && next.front() <= '9' && LooksDated(next) &&
      ToFollows(lines, k + 1, 2)) {
    return true;
  }
  if (IsFromLabel(l)) {
    int date = LooksDated(l) ? 1 : 0, other = 0;
    for (std::size_t j = k + 1; j < lines.size() && j <= k + 6; ++j) {
      const std::string_view h = Strip(lines[j]);
      if (IsDateLabel(h)) ++date;
      if (IsToOrSubjectLabel(h)) ++other;
    }
    if (date >= 1 && other >= 1) return true;
  }
  return false;
}

}  // namespace

QuoteSplit SplitQuotedHistory(std::string_view body) {
  QuoteSplit r;
  std::vector<std::string_view> lines;
  std::vector<std::size_t> starts;
  std::size_t pos = 0;
  while (pos <= body.size()) {
    std::size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) nl = body.size();
    lines.push_back(body.substr(pos, nl - pos));
    starts.push_back(pos);
    pos = nl + 1;
  }
  std::size_t cut = body.size();
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (IsMarker(lines, k)) {
      cut = starts[k];
      break;
    }
  }
  std::string_view before = body.substr(0, cut);
  while (!before.empty() && (before.back() == ' ' || before.back() == '\n' ||
                             before.back() == '\r' || before.back() == '\t')) {
    before.remove_suffix(1);
  }
  r.new_text = before;
  r.quoted_text = body.substr(cut);
  return r;
}

}  // namespace becguard::mime
