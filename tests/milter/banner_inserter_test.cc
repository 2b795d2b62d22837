#include "frontends/milter/banner_inserter.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "frontends/milter/raw_mime.h"
#include "frontends/milter/transfer_codec.h"
#include "mime/charset.h"
#include "mime/parser.h"

namespace becguard::milter {
namespace {

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(BECGUARD_TEST_FIXTURES) + "/milter/" + name, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  EXPECT_FALSE(buffer.str().empty()) << name;
  return buffer.str();
}

BannerText Text(BannerLanguage language) {
  MilterConfig config;
  config.banner_language = language;
  ScanReport report;
  report.verdict = Verdict::kBec;
  report.score = 91;
  return MakeBannerText(config, report);
}

// The header block of the original plus the new body.
std::string Rebuild(const std::string& raw, const BannerOutcome& outcome) {
  const auto map = MapRawMime(raw, 16);
  EXPECT_TRUE(map.has_value());
  return raw.substr(0, map->body_begin) + outcome.body;
}

std::string DecodeLeaf(const std::string& raw, const RawPart& part) {
  std::string content = raw.substr(part.content_begin, part.content_end - part.content_begin);
  if (part.encoding == "base64") content = Base64Decode(content).value_or("<bad base64>");
  if (part.encoding == "quoted-printable") content = QuotedPrintableDecode(content);
  return mime::ToUtf8(content, part.charset).utf8;
}

constexpr std::string_view kEnglishWords = "may be business e-mail compromise";
constexpr std::string_view kJapaneseWords = "ビジネスメール詐欺";

struct Checked {
  std::string message;
  RawMimeMap before, after;
};

// Inserts, parses the result back with becguard's parser and checks what must never change.
Checked InsertAndCheck(const std::string& name, BannerLanguage language) {
  const std::string raw = ReadFixture(name);
  const Limits limits;
  const ParsedMessage parsed = mime::Parse(raw, limits);
  const BannerOutcome outcome = InsertBanner(raw, parsed, Text(language), limits);
  EXPECT_TRUE(outcome.changed) << name << ": " << outcome.reason;
  Checked checked;
  checked.message = Rebuild(raw, outcome);
  const ParsedMessage again = mime::Parse(checked.message, limits);
  EXPECT_TRUE(again.defects.empty()) << name;
  EXPECT_EQ(again.attachments.size(), parsed.attachments.size());
  checked.before = *MapRawMime(raw, 16);
  checked.after = *MapRawMime(checked.message, 16);
  EXPECT_EQ(checked.before.leaves.size(), checked.after.leaves.size());
  for (std::size_t i = 0; i < checked.before.leaves.size(); ++i) {
    const RawPart& b = checked.before.leaves[i];
    const RawPart& a = checked.after.leaves[i];
    EXPECT_EQ(a.media_type, b.media_type);
    EXPECT_EQ(a.charset, b.charset);
    EXPECT_EQ(a.encoding, b.encoding);
    if (b.attachment) {
      EXPECT_EQ(checked.message.substr(a.content_begin, a.content_end - a.content_begin),
                raw.substr(b.content_begin, b.content_end - b.content_begin))
          << "attachment bytes changed";
    }
  }
  // Everything before the body is untouched.
  EXPECT_EQ(checked.message.substr(0, checked.before.body_begin),
            raw.substr(0, checked.before.body_begin));
  return checked;
}

TEST(BannerInserterTest, Iso2022JpPlainGetsBothLanguagesIn7bit) {
  const Checked c = InsertAndCheck("iso2022jp_plain.eml", BannerLanguage::kBoth);
  const std::string text = DecodeLeaf(c.message, c.after.leaves[0]);
  EXPECT_EQ(text.find(kEnglishWords) != std::string::npos, true) << text;
  EXPECT_NE(text.find(kJapaneseWords), std::string::npos) << text;
  EXPECT_NE(text.find("請求書の振込先口座が変更"), std::string::npos);  // original text intact
  EXPECT_LT(text.find(kJapaneseWords), text.find("請求書の振込先口座"));
  for (unsigned char ch : c.message) EXPECT_LT(ch, 0x80) << "ISO-2022-JP must stay 7-bit";
  // And becguard's own parser reads the banner from the body.
  const ParsedMessage parsed = mime::Parse(c.message, Limits());
  EXPECT_NE(parsed.body_text.find(kJapaneseWords), std::string::npos);
}

TEST(BannerInserterTest, ShiftJisPlainIsConvertedToShiftJis) {
  const Checked c = InsertAndCheck("sjis_plain.eml", BannerLanguage::kJapanese);
  const std::string text = DecodeLeaf(c.message, c.after.leaves[0]);
  EXPECT_NE(text.find(kJapaneseWords), std::string::npos) << text;
  EXPECT_EQ(text.find(kEnglishWords), std::string::npos);
  // The banner bytes are Shift_JIS, not UTF-8.
  EXPECT_EQ(c.message.find(std::string(kJapaneseWords)), std::string::npos);
}

TEST(BannerInserterTest, Base64HtmlGetsTheBannerAfterBody) {
  const Checked c = InsertAndCheck("utf8_html_base64.eml", BannerLanguage::kBoth);
  const std::string html = DecodeLeaf(c.message, c.after.leaves[0]);
  const std::size_t body = html.find("<body style=\"margin:0\">");
  const std::size_t banner = html.find("<div style=");
  ASSERT_NE(body, std::string::npos);
  ASSERT_NE(banner, std::string::npos);
  EXPECT_LT(body, banner);
  EXPECT_LT(html.find(kJapaneseWords), html.find("Dear customer"));
  EXPECT_NE(html.find("Price: 100 €."), std::string::npos);
}

TEST(BannerInserterTest, AlternativeQuotedPrintableGetsBothParts) {
  const Checked c = InsertAndCheck("alternative_qp.eml", BannerLanguage::kEnglish);
  ASSERT_EQ(c.after.leaves.size(), 2u);
  const std::string plain = DecodeLeaf(c.message, c.after.leaves[0]);
  const std::string html = DecodeLeaf(c.message, c.after.leaves[1]);
  EXPECT_EQ(plain.find(kEnglishWords) < plain.find("Hello,"), true) << plain;
  EXPECT_NE(plain.find("Grüße — the vendor team"), std::string::npos);
  EXPECT_LT(html.find("<body>"), html.find(kEnglishWords));
  EXPECT_LT(html.find(kEnglishWords), html.find("<p>Hello,</p>"));
  // Quoted-printable lines stay within 76 characters.
  for (const RawPart& part : c.after.leaves) {
    std::string_view content(c.message.data() + part.content_begin,
                             part.content_end - part.content_begin);
    std::size_t start = 0;
    for (std::size_t nl; (nl = content.find("\r\n", start)) != std::string_view::npos;
         start = nl + 2) {
      EXPECT_LE(nl - start, 76u) << content.substr(start, nl - start);
    }
  }
}

TEST(BannerInserterTest, MixedWithAttachmentsOnlyTouchesTheDisplayParts) {
  const Checked c = InsertAndCheck("mixed_attachment.eml", BannerLanguage::kBoth);
  ASSERT_EQ(c.after.leaves.size(), 4u);
  // us-ascii cannot carry Japanese: the English text is used.
  const std::string plain = DecodeLeaf(c.message, c.after.leaves[0]);
  const std::string html = DecodeLeaf(c.message, c.after.leaves[1]);
  EXPECT_NE(plain.find(kEnglishWords), std::string::npos);
  EXPECT_EQ(plain.find(kJapaneseWords), std::string::npos);
  EXPECT_LT(html.find("<BODY bgcolor=\"#ffffff\">"), html.find(kEnglishWords));
  // The text/plain attachment is not a display part.
  EXPECT_EQ(DecodeLeaf(c.message, c.after.leaves[3]), "添付のメモ\n");
}

TEST(BannerInserterTest, Latin1FallsBackToEnglish) {
  const std::string raw = ReadFixture("latin1_qp.eml");
  const ParsedMessage parsed = mime::Parse(raw, Limits());
  const BannerOutcome outcome = InsertBanner(raw, parsed, Text(BannerLanguage::kJapanese), {});
  ASSERT_TRUE(outcome.changed) << outcome.reason;
  EXPECT_TRUE(outcome.used_english_fallback);
  const std::string message = Rebuild(raw, outcome);
  const ParsedMessage again = mime::Parse(message, Limits());
  EXPECT_NE(again.body_text.find(kEnglishWords), std::string::npos);
  EXPECT_NE(again.body_text.find("Frédéric"), std::string::npos);
}

TEST(BannerInserterTest, MessagesWithDefectsAreNotTouched) {
  const std::string raw = ReadFixture("truncated_multipart.eml");
  const ParsedMessage parsed = mime::Parse(raw, Limits());
  const BannerOutcome outcome = InsertBanner(raw, parsed, Text(BannerLanguage::kEnglish), {});
  EXPECT_FALSE(outcome.changed);
  EXPECT_FALSE(outcome.reason.empty());
  // A limit hit (here: a parse with a tiny part limit) blocks changes too.
  Limits tight;
  tight.max_parts = 1;
  const std::string mixed = ReadFixture("mixed_attachment.eml");
  const ParsedMessage limited = mime::Parse(mixed, tight);
  EXPECT_FALSE(InsertBanner(mixed, limited, Text(BannerLanguage::kEnglish), tight).changed);
}

TEST(BannerInserterTest, UnknownCharsetOrEncodingLeavesThePartAlone) {
  const std::string raw =
      "From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=x-unknown-charset\r\n\r\nhello\r\n";
  const BannerOutcome outcome =
      InsertBanner(raw, ParsedMessage{}, Text(BannerLanguage::kEnglish), {});
  EXPECT_FALSE(outcome.changed);
  const std::string uu =
      "From: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n"
      "Content-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 x\r\nend\r\n";
  EXPECT_FALSE(InsertBanner(uu, ParsedMessage{}, Text(BannerLanguage::kEnglish), {}).changed);
}

TEST(BannerInserterTest, SevenBitUtf8GetsTheAsciiBanner) {
  const std::string raw =
      "From: a@example.com\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\nhi\r\n";
  const BannerOutcome outcome =
      InsertBanner(raw, mime::Parse(raw, {}), Text(BannerLanguage::kBoth), {});
  ASSERT_TRUE(outcome.changed) << outcome.reason;
  EXPECT_TRUE(outcome.used_english_fallback);
  for (unsigned char ch : outcome.body) EXPECT_LT(ch, 0x80);
}

TEST(BannerInserterTest, Iso2022JpHtmlFindsBodyOnlyInAsciiState) {
  // "<body>" spelt by the bytes of four two-byte JIS characters must not be taken for the tag.
  const std::string jis_fake = "\x1b$B$<body>!\x1b(B";
  const std::string raw =
      "From: a@example.com\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/html; charset=iso-2022-jp\r\n\r\n<html>" +
      jis_fake + "<body>\x1b$B$3$s$K$A$O\x1b(B</body></html>\r\n";
  const ParsedMessage parsed = mime::Parse(raw, {});
  const BannerOutcome outcome = InsertBanner(raw, parsed, Text(BannerLanguage::kBoth), {});
  ASSERT_TRUE(outcome.changed) << outcome.reason;
  const std::string message = Rebuild(raw, outcome);
  const std::string html =
      mime::ToUtf8(message.substr(message.find("\r\n\r\n") + 4), "iso-2022-jp").utf8;
  EXPECT_LT(html.find("<body>"), html.find(kJapaneseWords)) << html;
  EXPECT_LT(html.find(kJapaneseWords), html.find("こんにちは"));
}

}  // namespace
}  // namespace becguard::milter
