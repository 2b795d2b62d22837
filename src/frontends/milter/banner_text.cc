#include "frontends/milter/banner_text.h"

#include <iconv.h>

#include <algorithm>

#include <vector>

namespace becguard::milter {
namespace {

void ReplaceAll(std::string& text, std::string_view key, std::string_view value) {
  for (std::size_t pos = text.find(key); pos != std::string::npos;
       pos = text.find(key, pos + value.size())) {
    text.replace(pos, key.size(), value);
  }
}

std::string Fill(std::string_view templ, const ScanReport& report) {
  std::string findings;
  for (std::size_t i = 0; i < report.findings.size() && i < 5; ++i) {
    if (!findings.empty()) findings += ", ";
    findings += report.findings[i].Name();
  }
  if (findings.empty()) findings = "none";
  std::string out(templ);
  ReplaceAll(out, "{verdict}", VerdictName(report.verdict));
  ReplaceAll(out, "{score}", std::to_string(report.score));
  ReplaceAll(out, "{findings}", findings);
  return out;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    out.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

}  // namespace

BannerText MakeBannerText(const MilterConfig& config, const ScanReport& report) {
  BannerText out;
  out.english =
      Fill(config.banner_text_en.empty() ? kDefaultBannerEn : config.banner_text_en, report);
  const std::string japanese =
      Fill(config.banner_text_ja.empty() ? kDefaultBannerJa : config.banner_text_ja, report);
  switch (config.banner_language) {
    case BannerLanguage::kEnglish:
      out.primary = out.english;
      break;
    case BannerLanguage::kJapanese:
      out.primary = japanese;
      break;
    case BannerLanguage::kBoth:
      out.primary = out.english + "\n" + japanese;
      break;
  }
  return out;
}

std::optional<std::string> EncodeCharset(std::string_view text, std::string_view charset) {
  std::string target = charset.empty() ? "us-ascii" : std::string(charset);
  if (target == "utf-8" || target == "utf8") return std::string(text);
  iconv_t cd = iconv_open(target.c_str(), "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  // Worst case (ISO-2022-JP switching state around every character) stays within 4x + escapes.
  std::vector<char> buffer(text.size() * 4 + 64);
  char* in = const_cast<char*>(text.data());
  std::size_t in_left = text.size();
  char* out_ptr = buffer.data();
  std::size_t out_left = buffer.size();
  // -1: not representable (EILSEQ) or cut (EINVAL); > 0: glibc substituted characters.
  bool ok = iconv(cd, &in, &in_left, &out_ptr, &out_left) == 0 && in_left == 0;
  // A NULL input returns a stateful encoding (ISO-2022-JP) to its initial state.
  ok = ok && iconv(cd, nullptr, nullptr, &out_ptr, &out_left) == 0;
  std::string out(buffer.data(), static_cast<std::size_t>(out_ptr - buffer.data()));
  iconv_close(cd);
  if (!ok) return std::nullopt;
  return out;
}

namespace {

// Wraps an ASCII line at spaces to 76 columns; other lines (Japanese) are kept whole, well
// within the 998-byte line limit.
std::vector<std::string_view> Wrap(std::string_view line) {
  constexpr std::size_t kWidth = 76;
  std::vector<std::string_view> out;
  const bool ascii = std::all_of(line.begin(), line.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  while (ascii && line.size() > kWidth) {
    std::size_t cut = line.rfind(' ', kWidth);
    if (cut == std::string_view::npos || cut == 0) break;
    out.push_back(line.substr(0, cut));
    line.remove_prefix(cut + 1);
  }
  out.push_back(line);
  return out;
}

}  // namespace

std::string RenderPlainBanner(const std::string& text, std::string_view eol) {
  std::string out;
  for (std::string_view line : Lines(text)) {
    for (std::string_view part : Wrap(line)) {
      out += part;
      out += eol;
    }
  }
  out += "----------------------------------------------------------------------";
  out += eol;
  out += eol;
  return out;
}

std::string RenderHtmlBanner(const std::string& text, std::string_view eol) {
  std::string out =
      "<div style=\"border:2px solid #c00000;background:#fff0f0;color:#000000;padding:8px;"
      "margin:0 0 12px 0;font-family:sans-serif;font-size:14px\">";
  bool first = true;
  for (std::string_view line : Lines(text)) {
    if (!first) out += "<br>";
    first = false;
    out += eol;
    for (char c : line) {
      switch (c) {
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '&':
          out += "&amp;";
          break;
        case '"':
          out += "&quot;";
          break;
        default:
          out += c;
      }
    }
  }
  out += "</div>";
  out += eol;
  return out;
}

}  // namespace becguard::milter
