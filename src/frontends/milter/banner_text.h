// The warning banner's words (English and Japanese templates with {verdict}, {score} and
// {findings} filled in) and their rendering as plain text or HTML in a part's own charset.
// Stateless; thread-safe (iconv descriptors are opened per call).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "becguard/verdict.h"
#include "frontends/milter/milter_config.h"

namespace becguard::milter {

// UTF-8 banner texts: `primary` per banner_language ("both": English, then Japanese), and
// `english`, used where a part's charset or transfer encoding cannot carry `primary`.
struct BannerText {
  std::string primary;
  std::string english;
};

inline constexpr std::string_view kDefaultBannerEn =
    "WARNING (becguard): this message may be business e-mail compromise (verdict {verdict}, "
    "score {score}). Do not pay, change bank details or send data because of it before you "
    "have confirmed the request by phone with a contact you already know.\n"
    "Findings: {findings}";
inline constexpr std::string_view kDefaultBannerJa =
    "【注意】このメールはビジネスメール詐欺（BEC）の疑いがあります（判定 {verdict}、スコア "
    "{score}）。振込や口座変更、情報の送付に応じる前に、既知の連絡先へ電話で確認してください。";

// The texts for `report` per config (banner_language, banner_text_en / banner_text_ja).
BannerText MakeBannerText(const MilterConfig& config, const ScanReport& report);

// Converts UTF-8 `text` to `charset` ("" = us-ascii). nullopt when the charset is unknown or
// cannot represent every character (no silent '?' substitution). Stateful encodings end in
// their initial state, so more text may follow.
std::optional<std::string> EncodeCharset(std::string_view text, std::string_view charset);

// The banner as a plain-text block (paragraphs, then a rule and a blank line) or an HTML <div>,
// UTF-8, with `eol` line ends.
std::string RenderPlainBanner(const std::string& text, std::string_view eol);
std::string RenderHtmlBanner(const std::string& text, std::string_view eol);

}  // namespace becguard::milter
