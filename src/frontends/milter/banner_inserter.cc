#include "frontends/milter/banner_inserter.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "frontends/milter/raw_mime.h"
#include "frontends/milter/transfer_codec.h"
#include "mime/parser.h"

namespace becguard::milter {
namespace {

bool IsIso2022(std::string_view charset) { return charset.rfind("iso-2022-", 0) == 0; }

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Offset just after the <body ...> tag, or 0. In ISO-2022-* text only bytes seen in the ASCII
// (or JIS-Roman) state count, so two-byte characters cannot fake a tag.
std::size_t HtmlInsertPoint(std::string_view html, bool iso2022) {
  bool ascii = true;
  for (std::size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
    if (iso2022 && c == '\x1b' && i + 2 < html.size()) {
      const char a = html[i + 1], b = html[i + 2];
      if (a == '(') ascii = b == 'B' || b == 'J';
      if (a == '$') ascii = false;
      i += 2;
      continue;
    }
    if (!ascii || c != '<' || i + 5 > html.size()) continue;
    std::string tag;
    for (std::size_t k = 1; k <= 4; ++k) tag += LowerAscii(html[i + k]);
    const char after = i + 5 < html.size() ? html[i + 5] : '\0';
    if (tag != "body" || !(after == '>' || after == ' ' || after == '\t' || after == '\r' ||
                           after == '\n' || after == '/')) {
      continue;
    }
    char quote = '\0';
    for (std::size_t j = i + 5; j < html.size(); ++j) {
      if (quote != '\0') {
        if (html[j] == quote) quote = '\0';
      } else if (html[j] == '"' || html[j] == '\'') {
        quote = html[j];
      } else if (html[j] == '>') {
        return j + 1;
      }
    }
    return 0;
  }
  return 0;
}

std::string_view LineEndOf(std::string_view content, std::string_view fallback) {
  const std::size_t nl = content.find('\n');
  if (nl == std::string_view::npos) return fallback;
  return nl > 0 && content[nl - 1] == '\r' ? "\r\n" : "\n";
}

struct PartChange {
  std::size_t begin = 0, end = 0;  // replaced range of the raw message
  std::string content;             // new encoded content
  bool english_fallback = false;
};

std::optional<PartChange> ChangePart(std::string_view raw, const RawPart& part, bool html,
                                     const BannerText& text, std::string_view message_eol) {
  const std::string& cte = part.encoding;
  const bool identity = cte.empty() || cte == "7bit" || cte == "8bit" || cte == "binary";
  if (!identity && cte != "quoted-printable" && cte != "base64") return std::nullopt;
  const std::string_view content =
      raw.substr(part.content_begin, part.content_end - part.content_begin);
  std::string decoded;
  if (cte == "base64") {
    auto d = Base64Decode(content);
    if (!d) return std::nullopt;
    decoded = std::move(*d);
  } else if (cte == "quoted-printable") {
    decoded = QuotedPrintableDecode(content);
  } else {
    decoded = std::string(content);
  }
  const std::string_view eol = LineEndOf(decoded, message_eol);
  std::size_t point = html ? HtmlInsertPoint(decoded, IsIso2022(part.charset)) : 0;
  if (!html && (part.charset == "utf-8" || part.charset == "utf8") &&
      decoded.rfind("\xEF\xBB\xBF", 0) == 0) {
    point = 3;  // after a byte-order mark
  }

  std::optional<std::string> banner;
  bool fallback = false;
  for (const std::string* candidate : {&text.primary, &text.english}) {
    if (candidate->empty()) continue;
    const std::string rendered =
        html ? RenderHtmlBanner(*candidate, eol) : RenderPlainBanner(*candidate, eol);
    auto encoded = EncodeCharset(rendered, part.charset);
    if (!encoded) continue;
    const bool seven_bit = cte.empty() || cte == "7bit";
    if (seven_bit && std::any_of(encoded->begin(), encoded->end(), [](char c) {
          return static_cast<unsigned char>(c) >= 0x80 || c == '\0';
        })) {
      continue;
    }
    banner = std::move(encoded);
    fallback = candidate == &text.english && text.primary != text.english;
    break;
  }
  if (!banner) return std::nullopt;

  PartChange change;
  change.begin = part.content_begin;
  change.end = part.content_end;
  change.english_fallback = fallback;
  if (identity) {
    change.content =
        std::string(content.substr(0, point)) + *banner + std::string(content.substr(point));
  } else if (cte == "quoted-printable") {
    const auto at = QuotedPrintableEncodedOffset(content, point);
    if (!at) return std::nullopt;
    const std::string_view qp_eol = LineEndOf(content, message_eol);
    std::string inserted;
    if (*at > 0 && content[*at - 1] != '\n') inserted = "=" + std::string(qp_eol);
    inserted += QuotedPrintableEncode(*banner, qp_eol);
    change.content =
        std::string(content.substr(0, *at)) + inserted + std::string(content.substr(*at));
  } else {
    const std::string updated = decoded.substr(0, point) + *banner + decoded.substr(point);
    // Keep the line breaks that ended the original encoded text.
    std::size_t tail = content.size();
    while (tail > 0 && (content[tail - 1] == '\r' || content[tail - 1] == '\n')) --tail;
    change.content =
        Base64Encode(updated, LineEndOf(content, message_eol)) + std::string(content.substr(tail));
  }
  return change;
}

bool SameAttachments(const ParsedMessage& a, const ParsedMessage& b) {
  if (a.attachments.size() != b.attachments.size()) return false;
  for (std::size_t i = 0; i < a.attachments.size(); ++i) {
    const Attachment& x = a.attachments[i];
    const Attachment& y = b.attachments[i];
    if (x.sha256_hex != y.sha256_hex || x.content_type != y.content_type ||
        x.filename != y.filename) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string BodyChangeBlocker(const ParsedMessage& parsed) {
  for (const Defect& defect : parsed.defects) {
    // Header-text defects say nothing about the body's structure.
    if (defect.kind == DefectKind::kBadAddress || defect.kind == DefectKind::kBadEncodedWord) {
      continue;
    }
    return "parse defect " + std::string(DefectKindName(defect.kind));
  }
  return "";
}

BannerOutcome InsertBanner(std::string_view raw, const ParsedMessage& parsed,
                           const BannerText& text, const Limits& limits) {
  BannerOutcome out;
  out.reason = BodyChangeBlocker(parsed);
  if (!out.reason.empty()) return out;
  const auto map = MapRawMime(raw, limits.max_mime_depth);
  if (!map) {
    out.reason = "MIME structure not certain";
    return out;
  }
  std::vector<PartChange> changes;
  bool plain_done = false, html_done = false;
  for (const RawPart& part : map->leaves) {
    if (part.attachment) continue;
    const bool plain = part.media_type == "text/plain";
    const bool html = part.media_type == "text/html";
    if ((plain && plain_done) || (html && html_done) || (!plain && !html)) continue;
    (plain ? plain_done : html_done) = true;
    if (auto change = ChangePart(raw, part, html, text, map->eol)) {
      out.used_english_fallback = out.used_english_fallback || change->english_fallback;
      changes.push_back(std::move(*change));
    }
  }
  if (changes.empty()) {
    out.reason = "no text part can carry the banner";
    return out;
  }
  std::string updated(raw);
  std::sort(changes.begin(), changes.end(),
            [](const PartChange& a, const PartChange& b) { return a.begin > b.begin; });
  for (const PartChange& change : changes) {
    updated.replace(change.begin, change.end - change.begin, change.content);
  }
  const ParsedMessage check = mime::Parse(updated, limits);
  if (!BodyChangeBlocker(check).empty() || !SameAttachments(parsed, check)) {
    out.reason = "the changed message did not parse back the same";
    return out;
  }
  out.changed = true;
  out.parts_changed = static_cast<int>(changes.size());
  out.body = updated.substr(map->body_begin);
  return out;
}

}  // namespace becguard::milter
